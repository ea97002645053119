"""Revisions (first reported -> confirmed): a small table with known answers, and the shipped data."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import load
from analysis.transform import list_revisions


def table(rows):
    return pd.DataFrame(rows, columns=["year", "partner", "flow", "value_jpy_bn",
                                       "first_reported_jpy_bn", "status"])


def test_revision_in_yen_and_percent():
    out = list_revisions(table([[2021, "RU", "import", 110.0, 100.0, "confirmed"],
                           [2021, "RU", "export", 45.0, 50.0, "confirmed"]]))
    assert out["flow"].tolist() == ["export", "import"]  # sorted by the keys
    assert out["change"].tolist() == [-5.0, 10.0]
    assert out["change_pct"].tolist() == [-10.0, 10.0]
    assert out["status"].tolist() == ["confirmed", "confirmed"]


def test_rows_without_both_values_are_not_revisions():
    out = list_revisions(table([[2022, "RU", "export", 60.0, None, "confirmed"],
                           [2023, "RU", "export", None, 40.0, "preliminary"],
                           [2024, "RU", "export", 30.0, 30.0, "confirmed"]]))
    assert out["year"].tolist() == [2024]
    assert out["change"].tolist() == [0.0]


def test_missing_column_is_named():
    with pytest.raises(KeyError, match="first_reported_jpy_bn"):
        list_revisions(table([]).drop(columns="first_reported_jpy_bn"))


def test_shipped_revisions_are_small_and_confirmed():
    """The news reported Japan's trade with Russia within 1% of the confirmed Customs values for
    2021, 2023 and 2024 (a larger gap would point to a mistyped or mismatched figure)."""
    annual = load.load_trade_annual()
    out = list_revisions(annual[annual["partner"] == "RU"])
    assert set(out["year"]) == {2021, 2023, 2024}
    assert (out["status"] == "confirmed").all()
    assert (out["change_pct"].abs() < 1.0).all(), out
    imports_2021 = out[(out["year"] == 2021) & (out["flow"] == "import")].iloc[0]
    assert imports_2021["first_reported"] == 1543.1
    assert round(imports_2021["change"], 1) == 8.5
