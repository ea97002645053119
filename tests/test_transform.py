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


def test_meetings_per_year_counts_in_person_by_pair():
    meetings = pd.DataFrame({
        "date": pd.to_datetime(["2016-05-06", "2016-12-15", "2018-11-14", "2019-01-22"]),
        "jp_leader": "Shinzo Abe", "ru_leader": "Vladimir Putin",
        "format": ["visit_to_russia", "visit_to_japan", "sidelines", "phone"]})
    counts = transform.meetings_per_year(meetings)
    assert counts["year"].tolist() == [2016, 2017, 2018]  # the 2019 call is not in person
    assert counts["meetings"].tolist() == [2, 0, 1]
    assert set(counts["pair"]) == {"Abe–Putin"}


def test_cumulative_measures_and_package_totals():
    sanctions = pd.DataFrame({
        "package_id": ["JP-2022-02-26", "JP-2022-02-26", "JP-2025-01-10", "JP-2025-01-10", "RU-2022-05-04"],
        "announced": pd.to_datetime(["2022-02-26", "2022-02-26", "2025-01-10", "2025-01-10", "2022-05-04"]),
        "imposer": ["JP", "JP", "JP", "JP", "RU"],
        "measure_type": ["asset_freeze", "export_ban", "asset_freeze", "export_ban", "entry_ban"],
        "individuals": [10, None, 11, None, 63], "entities": [5, 2, 29, 22, None],
        "banks": [None] * 5, "items": [None, 100, None, 335, None]})
    for column in transform.MEASURE_COUNTS:
        sanctions[column] = sanctions[column].astype("Int64")
    cumulative = transform.cumulative_measures(sanctions)
    last = cumulative.groupby("series", observed=True)["cumulative"].last().to_dict()
    assert last == {"people (asset freeze)": 21, "organisations (asset freeze)": 34,
                    "organisations (export ban)": 24, "export-ban items": 435}
    totals = transform.package_totals(sanctions)
    assert totals["package_id"].tolist() == ["JP-2022-02-26", "JP-2025-01-10"]
    assert totals.loc[1, "items"] == 335 and totals.loc[1, "entities"] == 51


def test_complete_years_inserts_gaps():
    table = pd.DataFrame({"flow": ["export", "export"], "year": [2021, 2023], "v": [1.0, 3.0]})
    full = transform.complete_years(table, ["flow"], "v")
    assert full["year"].tolist() == [2021, 2022, 2023]
    assert full["v"].isna().tolist() == [False, True, False]


def test_opinion_long_keeps_known_values():
    opinion = pd.DataFrame({"survey_year": [2021, 2022], "affinity_pct": [13.1, None],
                            "no_affinity_pct": [86.4, 94.7], "relations_good_pct": [None, None],
                            "relations_not_good_pct": [79.0, 92.3]})
    long = transform.opinion_long(opinion)
    assert len(long) == 5
    assert list(long["measure"].cat.categories)[0] == "Feel affinity toward Russia"


def test_select_events_with_descriptions(data_dir):
    table = transform.select_events(load.load_events(data_dir), start=2022, describe=True)
    assert table.columns.tolist() == ["when", "title", "category", "description"]
    assert table["description"].tolist() == ["Talks stop."]


def test_reading_list_ranks_and_filters(data_dir):
    events, sources = load.load_events(data_dir), load.load_sources(data_dir)
    listed = transform.reading_list(sources, events)
    assert listed["publisher"].tolist() == ["Publisher B", "Publisher A"]  # cited 3 times vs 2
    only_a = transform.reading_list(sources, events, publishers=["publisher a"])
    assert only_a["url"].tolist() == ["https://example.org/a"]


def test_event_dates_by_title_phrase(data_dir):
    events = load.load_events(data_dir)
    marks = transform.event_dates(events, {"talks": "suspended"})
    assert marks == {"talks": pd.Timestamp("2022-03-21")}
    import pytest
    with pytest.raises(KeyError, match="'e' matches 4 events"):
        transform.event_dates(events, {"x": "e"})


def test_meetings_by_pair_and_latest_totals():
    per_year = pd.DataFrame({"year": [2016, 2016, 2017], "pair": ["Abe–Putin", "Kan–Medvedev", "Abe–Putin"],
                             "meetings": [2, 1, 3]})
    assert transform.meetings_by_pair(per_year).to_dict() == {"Abe–Putin": 5, "Kan–Medvedev": 1}
    cumulative = pd.DataFrame({"series": pd.Categorical(["banks", "banks"]),
                               "announced": pd.to_datetime(["2022-03-01", "2025-01-10"]),
                               "cumulative": [3, 22]})
    latest = transform.latest_totals(cumulative)
    assert latest.loc["banks", "cumulative"] == 22


def test_largest_changes_span_unsurveyed_years():
    opinion = pd.DataFrame({"survey_year": [2019, 2020, 2021, 2022],
                            "affinity_pct": [20.8, None, 13.1, 5.0]})
    changes = transform.largest_changes(opinion, "affinity_pct")
    assert changes["survey_year"].tolist() == [2022, 2021]
    assert changes["since"].tolist() == [2021, 2019]
    assert changes["change"].round(1).tolist() == [-8.1, -7.7]


def test_residents_over_time_and_events_matching(data_dir):
    residents = pd.DataFrame({
        "as_of": pd.to_datetime(["1945-01-01", "2023-03-31", "2023-03-31"]),
        "measure": ["japanese_residents", "surviving_former_residents", "average_age"],
        "value": [17291.0, 5296.0, 87.5]})
    table = transform.residents_over_time(residents)
    assert table.columns.tolist() == ["surviving_former_residents", "average_age"]
    assert table.iloc[0].tolist() == [5296.0, 87.5]
    events = load.load_events(data_dir)
    assert transform.events_matching(events, "talks|treaty")["title"].tolist() == [
        "Treaty signed", "Talks suspended"]


def test_days_to_next_package():
    decisions = pd.DataFrame({"date": pd.to_datetime(["2022-02-26", "2022-12-05", "2026-01-01"]),
                              "title": ["SWIFT", "price cap", "later"]})
    packages = pd.DataFrame({"package_id": ["JP-2022-02-27", "JP-2022-12-05"],
                             "announced": pd.to_datetime(["2022-02-27", "2022-12-05"])})
    lags = transform.days_to_next_package(decisions, packages)
    assert lags["next_package"].tolist()[:2] == ["JP-2022-02-27", "JP-2022-12-05"]
    assert lags["days"].tolist()[:2] == [1, 0]
    assert pd.isna(lags["days"].iloc[2])


def test_opinion_values_implied_by_printed_changes():
    opinion = pd.DataFrame({"survey_year": [2010, 2012], "affinity_pct": [14.0, 19.5],
                            "no_affinity_pct": [82.4, None], "relations_good_pct": [None, None],
                            "relations_not_good_pct": [None, None], "source_id": ["a", "b"]})
    changes = pd.DataFrame({"survey_year": [2010, 2012, 2013], "relative_to": [2009, 2011, 2012],
                            "measure": ["no_affinity_pct", "affinity_pct", "affinity_pct"],
                            "change_pts": [2.8, 6.1, 3.0], "source_id": ["c", "d", "e"]})
    filled = transform.opinion_with_implied_values(opinion, changes)
    derived = filled[filled["basis"] != transform.REPORTED].set_index("survey_year")
    assert derived.loc[2009, "pct"] == 79.6 and derived.loc[2009, "source_id"] == "c;a"
    assert derived.loc[2011, "pct"] == 13.4 and derived.loc[2011, "basis"] == transform.FROM_NEXT
    assert derived.loc[2013, "pct"] == 22.5 and derived.loc[2013, "basis"] == transform.FROM_THIS
    assert str(derived.loc[2009, "measure"]) == "Do not feel affinity"
    assert len(filled[filled["basis"] == transform.REPORTED]) == 3  # reported values untouched
    check = transform.opinion_derivation_check(opinion, changes)
    assert check.empty  # no cell is both reported and derivable here
    opinion.loc[1, "no_affinity_pct"] = None
    changes.loc[2] = [2012, 2010, "affinity_pct", 5.0, "f"]  # 14.0 + 5.0 vs 19.5
    changes = changes.drop(index=1)
    check = transform.opinion_derivation_check(opinion, changes)
    assert check["difference_pts"].round(1).tolist() == [0.5, -0.5]  # back, then forward


def test_by_group_yields_labels_or_the_whole_table():
    table = pd.DataFrame({"flow": ["export", "import", "export"], "v": [1, 2, 3]})
    assert [(labels, len(g)) for labels, g in transform.by_group(table, ["flow"])] == [
        ({"flow": "export"}, 2), ({"flow": "import"}, 1)]
    assert [(labels, len(g)) for labels, g in transform.by_group(table, [])] == [({}, 3)]


def test_package_events_for_event_windows():
    import pytest
    packages = pd.DataFrame({"package_id": ["JP-2022-02-26", "JP-2025-01-10"],
                             "announced": pd.to_datetime(["2022-02-26", "2025-01-10"])})
    events = transform.package_events(packages, ["JP-2025-01-10"])
    assert events.to_dict("records") == [{"date": pd.Timestamp("2025-01-10"), "title": "JP-2025-01-10"}]
    with pytest.raises(KeyError, match="JP-1999-01-01"):
        transform.package_events(packages, ["JP-1999-01-01"])


def opinion_table(rows):
    columns = ["survey_year", "affinity_pct", "no_affinity_pct", "relations_good_pct",
               "relations_not_good_pct", "source_id"]
    return pd.DataFrame([dict(zip(columns, row, strict=True)) for row in rows])


def records_table(rows):
    return pd.DataFrame(rows, columns=["survey_year", "measure", "record", "since", "value_pct",
                                       "source_id"])


def test_opinion_record_check_flags_an_earlier_value_beyond_the_record():
    opinion = opinion_table([(2000, 8.0, 90.0, None, None, "a"), (2010, 4.0, 93.0, None, None, "a"),
                             (2022, 5.0, 94.0, None, None, "a")])
    records = records_table([(2022, "affinity_pct", "lowest", 1978, 5.0, "s"),
                             (2022, "no_affinity_pct", "highest", 1978, 94.0, "s"),
                             (2022, "affinity_pct", "lowest", 2011, 5.0, "s")])
    check = transform.opinion_record_check(opinion, records)
    assert list(check["consistent"]) == [False, True, True]  # 4.0 in 2010 is below a record low
    assert list(check["earlier_surveys"]) == [2, 2, 0]  # 'since' limits the years compared
    assert list(check["table_pct"]) == [5.0, 94.0, 5.0]


def test_opinion_record_bounds_keep_the_tightest_named_claim():
    records = records_table([(2022, "affinity_pct", "lowest", 1978, 5.0, "s"),
                             (2023, "affinity_pct", "lowest", 1978, 4.1, "s"),
                             (2023, "no_affinity_pct", "highest", 1978, 95.3, "s"),
                             (2022, "no_affinity_pct", "highest", 1978, 94.7, "s"),
                             (2023, "relations_not_good_pct", "highest", None, 93.5, "s")])
    bounds = transform.opinion_record_bounds(records)
    assert list(bounds["measure"]) == ["affinity_pct", "no_affinity_pct"]  # unnamed start left out
    assert list(bounds["bound_pct"]) == [5.0, 94.7]
    assert list(bounds["side"]) == ["above", "below"]
    assert list(bounds["last_year"]) == [2021, 2021]
    assert bounds["statement"].iloc[0] == (
        "Feel affinity toward Russia: every survey 1978–2021 above 5.0% "
        "(record low reported for 2022)")
