"""The opinion series: tidy values, values implied by printed changes, record claims and bounds."""
from __future__ import annotations

import pandas as pd

from analysis.transform.implied import FROM_NEXT, FROM_THIS, REPORTED
from analysis.transform.opinion import (
    OPINION_MEASURES,
    measure_labels,
    opinion_derivation_check,
    opinion_long,
    opinion_record_bounds,
    opinion_record_check,
    opinion_with_implied_values,
)


def test_opinion_long_keeps_known_values():
    opinion = pd.DataFrame({"survey_year": [2021, 2022], "affinity_pct": [13.1, None],
                            "no_affinity_pct": [86.4, 94.7], "relations_good_pct": [None, None],
                            "relations_not_good_pct": [79.0, 92.3]})
    long = opinion_long(opinion)
    assert len(long) == 5
    assert list(long.columns) == ["survey_year", "measure", "label", "pct"]
    assert list(long["label"].cat.categories)[0] == "Feel affinity toward Russia"
    # One key plus a label: the key is the opinion.csv column, the label its display name,
    # rows in the measures' order, then by year.
    assert long[["measure", "label"]].astype(str).values.tolist() == [
        ["affinity_pct", "Feel affinity toward Russia"],
        ["no_affinity_pct", "Do not feel affinity"], ["no_affinity_pct", "Do not feel affinity"],
        ["relations_not_good_pct", "Relations are not good"],
        ["relations_not_good_pct", "Relations are not good"]]
    assert long["survey_year"].tolist() == [2021, 2021, 2022, 2021, 2022]


def test_opinion_values_implied_by_printed_changes():
    opinion = pd.DataFrame({"survey_year": [2010, 2012], "affinity_pct": [14.0, 19.5],
                            "no_affinity_pct": [82.4, None], "relations_good_pct": [None, None],
                            "relations_not_good_pct": [None, None], "source_id": ["a", "b"]})
    changes = pd.DataFrame({"survey_year": [2010, 2012, 2013], "relative_to": [2009, 2011, 2012],
                            "measure": ["no_affinity_pct", "affinity_pct", "affinity_pct"],
                            "change_pts": [2.8, 6.1, 3.0], "source_id": ["c", "d", "e"]})
    filled = opinion_with_implied_values(opinion, changes)
    derived = filled[filled["basis"] != REPORTED].set_index("survey_year")
    assert derived.loc[2009, "pct"] == 79.6 and derived.loc[2009, "source_id"] == "c;a"
    assert derived.loc[2011, "pct"] == 13.4 and derived.loc[2011, "basis"] == FROM_NEXT
    assert derived.loc[2013, "pct"] == 22.5 and derived.loc[2013, "basis"] == FROM_THIS
    assert derived.loc[2009, "measure"] == "no_affinity_pct"  # the key, filterable as in opinion.csv
    assert str(derived.loc[2009, "label"]) == "Do not feel affinity"
    assert filled["label"].cat.codes.is_monotonic_increasing  # rows in the measures' order
    assert len(filled[filled["basis"] == REPORTED]) == 3  # reported values untouched
    check = opinion_derivation_check(opinion, changes)
    assert check.empty  # no cell is both reported and derivable here
    opinion.loc[1, "no_affinity_pct"] = None
    changes.loc[2] = [2012, 2010, "affinity_pct", 5.0, "f"]  # 14.0 + 5.0 vs 19.5
    changes = changes.drop(index=1)
    check = opinion_derivation_check(opinion, changes)
    assert check["difference_pts"].round(1).tolist() == [0.5, -0.5]  # back, then forward
    assert check[["measure", "label"]].astype(str).drop_duplicates().values.tolist() == [
        ["affinity_pct", "Feel affinity toward Russia"]]  # key, then its display name


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
    check = opinion_record_check(opinion, records)
    assert list(check["consistent"]) == [False, True, True]  # 4.0 in 2010 is below a record low
    assert list(check["earlier_surveys"]) == [2, 2, 0]  # 'since' limits the years compared
    assert list(check["table_pct"]) == [5.0, 94.0, 5.0]
    assert list(check.columns[:3]) == ["survey_year", "measure", "label"]
    assert list(check["label"].astype(str)) == ["Feel affinity toward Russia", "Do not feel affinity",
                                                "Feel affinity toward Russia"]


def test_opinion_record_bounds_keep_the_tightest_named_claim():
    records = records_table([(2022, "affinity_pct", "lowest", 1978, 5.0, "s"),
                             (2023, "affinity_pct", "lowest", 1978, 4.1, "s"),
                             (2023, "no_affinity_pct", "highest", 1978, 95.3, "s"),
                             (2022, "no_affinity_pct", "highest", 1978, 94.7, "s"),
                             (2023, "relations_not_good_pct", "highest", None, 93.5, "s")])
    bounds = opinion_record_bounds(records)
    assert list(bounds["measure"]) == ["affinity_pct", "no_affinity_pct"]  # unnamed start left out
    assert list(bounds["label"].astype(str)) == ["Feel affinity toward Russia", "Do not feel affinity"]
    assert list(bounds["bound_pct"]) == [5.0, 94.7]
    assert list(bounds["side"]) == ["above", "below"]
    assert list(bounds["last_year"]) == [2021, 2021]
    assert bounds["statement"].iloc[0] == (
        "Feel affinity toward Russia: every survey 1978–2021 above 5.0% "
        "(record low reported for 2022)")


def test_measure_labels_follow_the_measure_order():
    labels = measure_labels(pd.Series(["relations_good_pct", "affinity_pct"], index=[7, 3]))
    assert labels.astype(str).tolist() == ["Relations are good", "Feel affinity toward Russia"]
    assert labels.index.tolist() == [7, 3]
    assert list(labels.cat.categories) == list(OPINION_MEASURES.values())


def test_record_check_of_no_claims_is_an_empty_table_with_its_columns():
    opinion = opinion_table([(2022, 5.0, 94.0, None, None, "a")])
    check = opinion_record_check(opinion, records_table([]))
    assert check.empty and list(check.columns[:3]) == ["survey_year", "measure", "label"]
