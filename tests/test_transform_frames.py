"""Helpers on any tidy table: groups, complete years, largest falls."""
from __future__ import annotations

import pandas as pd

from analysis.transform.frames import by_group, complete_years, largest_changes


def test_by_group_yields_labels_or_the_whole_table():
    table = pd.DataFrame({"flow": ["export", "import", "export"], "v": [1, 2, 3]})
    assert [(labels, len(g)) for labels, g in by_group(table, ["flow"])] == [
        ({"flow": "export"}, 2), ({"flow": "import"}, 1)]
    assert [(labels, len(g)) for labels, g in by_group(table, [])] == [({}, 3)]


def test_complete_years_inserts_gaps():
    table = pd.DataFrame({"flow": ["export", "export"], "year": [2021, 2023], "v": [1.0, 3.0]})
    full = complete_years(table, ["flow"], "v")
    assert full["year"].tolist() == [2021, 2022, 2023]
    assert full["v"].isna().tolist() == [False, True, False]


def test_largest_changes_span_unsurveyed_years():
    opinion = pd.DataFrame({"survey_year": [2019, 2020, 2021, 2022],
                            "affinity_pct": [20.8, None, 13.1, 5.0]})
    changes = largest_changes(opinion, "affinity_pct")
    assert changes["survey_year"].tolist() == [2022, 2021]
    assert changes["since"].tolist() == [2021, 2019]
    assert changes["change"].round(1).tolist() == [-8.1, -7.7]
