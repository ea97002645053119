"""Currency conversion, indices, year-on-year changes, shares and the month/year cross-check,
on small tables with known answers."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.transform.trade import index_to_base, months_vs_year, share_of_world, yen_to_usd, yoy_change


def annual(rows):
    return pd.DataFrame(rows, columns=["year", "partner", "flow", "value_jpy_bn"]).astype(
        {"year": "Int64"})


FX = pd.DataFrame({"year": pd.array([2021, 2022], dtype="Int64"), "jpy_per_usd": [110.0, 130.0]})


def test_yen_to_usd_uses_each_years_rate():
    table = annual([[2021, "RU", "export", 1100.0], [2022, "RU", "export", 1300.0]])
    assert yen_to_usd(table, FX)["value_usd_bn"].tolist() == [10.0, 10.0]


def test_yen_to_usd_refuses_missing_rate():
    table = annual([[2023, "RU", "export", 1.0]])
    with pytest.raises(ValueError, match=r"no yen/dollar rate in fx_annual.csv for \[2023\]"):
        yen_to_usd(table, FX)


def test_index_to_base_per_group():
    table = annual([[2021, "RU", "export", 50.0], [2022, "RU", "export", 25.0],
                    [2021, "RU", "import", 10.0], [2022, "RU", "import", 30.0]])
    indexed = index_to_base(table, 2021, by=["flow"])
    assert indexed["index"].tolist() == [100.0, 50.0, 100.0, 300.0]


def test_index_to_base_without_base_value():
    table = annual([[2022, "RU", "export", 25.0]])
    with pytest.raises(ValueError, match="base period 2021"):
        index_to_base(table, 2021, by=["flow"])


def test_yoy_change_never_bridges_gaps():
    table = annual([[2019, "RU", "export", 100.0], [2020, "RU", "export", 80.0],
                    [2022, "RU", "export", 40.0]])
    change = yoy_change(table, by=["partner", "flow"])["yoy_pct"]
    assert change.isna().tolist() == [True, False, True]
    assert change.iloc[1] == pytest.approx(-20.0)


def test_yoy_change_monthly_compares_same_month_a_year_earlier():
    months = pd.to_datetime(["2021-01-01", "2021-02-01", "2022-01-01"])
    table = pd.DataFrame({"month": months, "flow": "export", "value_jpy_bn": [10.0, 99.0, 15.0]})
    change = yoy_change(table, time="month", by=["flow"], lag=pd.DateOffset(years=1))
    assert change["yoy_pct"].iloc[2] == pytest.approx(50.0)


def test_share_of_world():
    table = annual([[2021, "RU", "export", 10.0], [2021, "WORLD", "export", 1000.0],
                    [2022, "WORLD", "export", 900.0]])
    shares = share_of_world(table)
    assert shares[["year", "flow", "share_pct"]].values.tolist() == [[2021, "export", 1.0]]


def test_share_needs_world_rows():
    with pytest.raises(ValueError, match="need both RU and WORLD"):
        share_of_world(annual([[2021, "RU", "export", 10.0]]))


def test_months_vs_year_only_complete_years():
    months = pd.date_range("2021-01-01", periods=12, freq="MS").append(
        pd.date_range("2022-01-01", periods=11, freq="MS"))
    monthly = pd.DataFrame({"month": months, "partner": "RU", "flow": "export",
                            "value_jpy_bn": [1.0] * 23})
    yearly = annual([[2021, "RU", "export", 12.1], [2022, "RU", "export", 11.0]])
    check = months_vs_year(monthly, yearly)
    assert check["year"].tolist() == [2021]  # 2022 has only 11 months
    assert check["difference"].iloc[0] == pytest.approx(-0.1)
