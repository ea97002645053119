from __future__ import annotations

import pandas as pd

from analysis import load, transform


def test_decade_of():
    assert transform.decade_of(pd.Series([1855, 1860, 2025])).tolist() == [1850, 1860, 2020]


def test_events_per_decade_is_complete_and_adds_up(data_dir):
    events = load.load_events(data_dir)
    counts = transform.events_per_decade(events)
    assert counts["events"].sum() == len(events)
    decades = sorted(counts["decade"].unique())
    assert decades[0] == 1850 and decades[-1] == 2020
    assert decades == list(range(1850, 2030, 10))  # quiet decades kept, with zeros
    n_categories = len(events["category"].cat.categories)
    assert len(counts) == len(decades) * n_categories
    row = counts[(counts["decade"] == 1900) & (counts["category"] == "war")]
    assert row["events"].item() == 1


def test_assign_eras_by_year(data_dir):
    events = transform.assign_eras(load.load_events(data_dir), load.load_eras(data_dir))
    assert events["era"].astype(str).tolist() == ["Early", "War and after", "Late", "Late"]


def test_events_per_era(data_dir):
    table = transform.events_per_era(load.load_events(data_dir), load.load_eras(data_dir))
    assert table["events"].tolist() == [1, 1, 2]
    assert table["to"].tolist() == [1903, 1955, 2022]  # open era ends with the last event
    assert table.loc[2, "events_per_year"] == round(2 / (2022 - 1956 + 1), 2)
    assert table.loc[2, "main_category"] == "treaty"  # tie broken by schema order


def test_category_counts_sorted(data_dir):
    counts = transform.category_counts(load.load_events(data_dir))
    assert counts.iloc[0].tolist() == ["treaty", 2]
    assert counts["events"].sum() == 4


def test_cite_publishers(data_dir):
    events = load.load_events(data_dir)
    text = transform.cite_publishers(events, load.load_sources(data_dir), most=1)
    assert text == "Publisher B and 1 other publisher (data/events.csv)"
    assert transform.cite_publishers(events, load.load_sources(data_dir)).startswith(
        "Publisher B, Publisher A (")


def test_date_labels_follow_precision(data_dir):
    labels = transform.date_labels(load.load_events(data_dir)).tolist()
    assert labels == ["7 Feb 1855", "1904", "Oct 1956", "21 Mar 2022"]


def test_select_events_filters_by_category_and_years(data_dir):
    events = load.load_events(data_dir)
    table = transform.select_events(events, categories=["treaty"], start=1900)
    assert table.to_dict("records") == [
        {"when": "Oct 1956", "title": "Declaration", "category": "treaty"}]
    assert len(transform.select_events(events)) == 4
    assert transform.select_events(events, end=1855)["title"].tolist() == ["Treaty signed"]


def test_chronology_summary(data_dir):
    summary = transform.chronology_summary(load.load_events(data_dir))
    assert summary == {"events": 4, "first_year": 1855, "last_year": 2022,
                       "sources_cited": 2, "day_precision_pct": 50.0}
