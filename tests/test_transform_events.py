"""The chronology: decades, eras, categories, date labels and selections of events."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import load
from analysis.transform.events import (
    assign_eras,
    category_counts,
    chronology_summary,
    date_labels,
    decade_of,
    event_dates,
    events_matching,
    events_per_decade,
    events_per_era,
    select_events,
)


def test_decade_of():
    assert decade_of(pd.Series([1855, 1860, 2025])).tolist() == [1850, 1860, 2020]


def test_events_per_decade_is_complete_and_adds_up(data_dir):
    events = load.load_events(data_dir)
    counts = events_per_decade(events)
    assert counts["events"].sum() == len(events)
    decades = sorted(counts["decade"].unique())
    assert decades[0] == 1850 and decades[-1] == 2020
    assert decades == list(range(1850, 2030, 10))  # quiet decades kept, with zeros
    n_categories = len(events["category"].cat.categories)
    assert len(counts) == len(decades) * n_categories
    row = counts[(counts["decade"] == 1900) & (counts["category"] == "war")]
    assert row["events"].item() == 1


def test_assign_eras_by_year(data_dir):
    events = assign_eras(load.load_events(data_dir), load.load_eras(data_dir))
    assert events["era"].astype(str).tolist() == ["Early", "War and after", "Late", "Late"]


def test_events_per_era(data_dir):
    table = events_per_era(load.load_events(data_dir), load.load_eras(data_dir))
    assert table["events"].tolist() == [1, 1, 2]
    assert table["to"].tolist() == [1903, 1955, 2022]  # open era ends with the last event
    assert table.loc[2, "events_per_year"] == round(2 / (2022 - 1956 + 1), 2)
    assert table.loc[2, "main_category"] == "treaty"  # tie broken by schema order


def test_category_counts_sorted(data_dir):
    counts = category_counts(load.load_events(data_dir))
    assert counts.iloc[0].tolist() == ["treaty", 2]
    assert counts["events"].sum() == 4


def test_date_labels_follow_precision(data_dir):
    labels = date_labels(load.load_events(data_dir)).tolist()
    assert labels == ["7 Feb 1855", "1904", "Oct 1956", "21 Mar 2022"]


def test_select_events_filters_by_category_and_years(data_dir):
    events = load.load_events(data_dir)
    table = select_events(events, categories=["treaty"], start=1900)
    assert table.to_dict("records") == [
        {"when": "Oct 1956", "title": "Declaration", "category": "treaty"}]
    assert len(select_events(events)) == 4
    assert select_events(events, end=1855)["title"].tolist() == ["Treaty signed"]


def test_select_events_with_descriptions(data_dir):
    table = select_events(load.load_events(data_dir), start=2022, describe=True)
    assert table.columns.tolist() == ["when", "title", "category", "description"]
    assert table["description"].tolist() == ["Talks stop."]


def test_chronology_summary(data_dir):
    summary = chronology_summary(load.load_events(data_dir))
    assert summary == {"events": 4, "first_year": 1855, "last_year": 2022,
                       "sources_cited": 2, "day_precision_pct": 50.0}


def test_event_dates_by_title_phrase(data_dir):
    events = load.load_events(data_dir)
    marks = event_dates(events, {"talks": "suspended"})
    assert marks == {"talks": pd.Timestamp("2022-03-21")}
    with pytest.raises(KeyError, match="'e' matches 4 events"):
        event_dates(events, {"x": "e"})


def test_events_matching_is_a_case_insensitive_pattern(data_dir):
    events = load.load_events(data_dir)
    assert events_matching(events, "talks|treaty")["title"].tolist() == [
        "Treaty signed", "Talks suspended"]
    assert events_matching(events, "TALKS")["title"].tolist() == ["Talks suspended"]
