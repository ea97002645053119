"""Currency conversion, indices, year-on-year changes, shares and the month/year cross-check,
on small tables with known answers."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import transform


def annual(rows):
    return pd.DataFrame(rows, columns=["year", "partner", "flow", "value_jpy_bn"]).astype(
        {"year": "Int64"})


FX = pd.DataFrame({"year": pd.array([2021, 2022], dtype="Int64"), "jpy_per_usd": [110.0, 130.0]})


def test_yen_to_usd_uses_each_years_rate():
    table = annual([[2021, "RU", "export", 1100.0], [2022, "RU", "export", 1300.0]])
    assert transform.yen_to_usd(table, FX)["value_usd_bn"].tolist() == [10.0, 10.0]


def test_yen_to_usd_refuses_missing_rate():
    table = annual([[2023, "RU", "export", 1.0]])
    with pytest.raises(ValueError, match=r"no yen/dollar rate in fx_annual.csv for \[2023\]"):
        transform.yen_to_usd(table, FX)


def test_index_to_base_per_group():
    table = annual([[2021, "RU", "export", 50.0], [2022, "RU", "export", 25.0],
                    [2021, "RU", "import", 10.0], [2022, "RU", "import", 30.0]])
    indexed = transform.index_to_base(table, 2021, by=["flow"])
    assert indexed["index"].tolist() == [100.0, 50.0, 100.0, 300.0]


def test_index_to_base_without_base_value():
    table = annual([[2022, "RU", "export", 25.0]])
    with pytest.raises(ValueError, match="base period 2021"):
        transform.index_to_base(table, 2021, by=["flow"])


def test_yoy_change_never_bridges_gaps():
    table = annual([[2019, "RU", "export", 100.0], [2020, "RU", "export", 80.0],
                    [2022, "RU", "export", 40.0]])
    change = transform.yoy_change(table, by=["partner", "flow"])["yoy_pct"]
    assert change.isna().tolist() == [True, False, True]
    assert change.iloc[1] == pytest.approx(-20.0)


def test_yoy_change_monthly_compares_same_month_a_year_earlier():
    months = pd.to_datetime(["2021-01-01", "2021-02-01", "2022-01-01"])
    table = pd.DataFrame({"month": months, "flow": "export", "value_jpy_bn": [10.0, 99.0, 15.0]})
    change = transform.yoy_change(table, time="month", by=["flow"], lag=pd.DateOffset(years=1))
    assert change["yoy_pct"].iloc[2] == pytest.approx(50.0)


def test_share_of_world():
    table = annual([[2021, "RU", "export", 10.0], [2021, "WORLD", "export", 1000.0],
                    [2022, "WORLD", "export", 900.0]])
    shares = transform.share_of_world(table)
    assert shares[["year", "flow", "share_pct"]].values.tolist() == [[2021, "export", 1.0]]


def test_share_needs_world_rows():
    with pytest.raises(ValueError, match="need both RU and WORLD"):
        transform.share_of_world(annual([[2021, "RU", "export", 10.0]]))


def test_months_vs_year_only_complete_years():
    months = pd.date_range("2021-01-01", periods=12, freq="MS").append(
        pd.date_range("2022-01-01", periods=11, freq="MS"))
    monthly = pd.DataFrame({"month": months, "partner": "RU", "flow": "export",
                            "value_jpy_bn": [1.0] * 23})
    yearly = annual([[2021, "RU", "export", 12.1], [2022, "RU", "export", 11.0]])
    check = transform.months_vs_year(monthly, yearly)
    assert check["year"].tolist() == [2021]  # 2022 has only 11 months
    assert check["difference"].iloc[0] == pytest.approx(-0.1)


# --- Values implied by reported percent changes -------------------------------------------

def reported(rows):
    """``year, value, change`` triples -> an annual RU export table as the loader returns it."""
    table = pd.DataFrame(rows, columns=["year", "value_jpy_bn", "reported_yoy_pct"])
    return table.assign(partner="RU", flow="export", status="preliminary",
                        source_id=[f"s{y}" for y in table["year"]])


def test_implied_values_fill_gaps_both_ways_and_keep_provenance():
    table = reported([(2021, 100.0, None), (2023, 60.0, -40.0), (2024, None, 10.0)])
    filled = transform.with_implied_values(table).set_index("year")
    # 2022 from 2023's value and change; 2024 from 2023's value and 2024's change.
    assert filled.loc[2022, "value_jpy_bn"] == 100.0
    assert filled.loc[2022, "basis"] == transform.FROM_NEXT
    assert filled.loc[2022, "source_id"] == "s2023"
    assert filled.loc[2024, "value_jpy_bn"] == 66.0
    assert filled.loc[2024, "basis"] == transform.FROM_THIS
    assert filled.loc[2024, "source_id"] == "s2024;s2023"
    assert filled.loc[2021, "basis"] == transform.REPORTED


def test_implied_values_never_overwrite_or_chain():
    table = reported([(2021, 100.0, None), (2022, 120.0, 10.0), (2024, None, 50.0)])
    filled = transform.with_implied_values(table).set_index("year")
    assert filled.loc[2021, "value_jpy_bn"] == 100.0  # reported, although 120/1.1 differs
    assert 2023 not in filled.index and 2024 not in filled.index  # 2023 is unknown: no chain


def test_implied_values_prefer_the_later_report():
    # 2022 can come from 2021 × 1.1 = 110 or from 2023 / 0.5 = 112: the later report wins.
    table = reported([(2021, 100.0, None), (2022, None, 10.0), (2023, 56.0, -50.0)])
    filled = transform.with_implied_values(table).set_index("year")
    assert filled.loc[2022, "value_jpy_bn"] == 112.0
    assert filled.loc[2022, "basis"] == transform.FROM_NEXT


def test_implied_values_monthly():
    table = reported([(2022, 50.0, -50.0)]).assign(month=pd.Timestamp("2022-04-01")).drop(columns="year")
    filled = transform.with_implied_values(table, time="month", lag=pd.DateOffset(years=1))
    assert filled["month"].tolist() == [pd.Timestamp("2021-04-01"), pd.Timestamp("2022-04-01")]
    assert filled["value_jpy_bn"].tolist() == [100.0, 50.0]


def test_derivation_check_measures_disagreement():
    table = reported([(2021, 100.0, None), (2022, 121.0, 10.0)])
    check = transform.derivation_check(table)
    row = check[check["basis"] == transform.FROM_THIS].iloc[0]
    assert row["derived"] == pytest.approx(110.0)
    assert row["difference_pct"] == pytest.approx(100 * (110 / 121 - 1))
