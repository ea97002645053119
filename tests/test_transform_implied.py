"""The derivation engine: values implied by reported percent changes, on small tables."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.transform.implied import FROM_NEXT, FROM_THIS, REPORTED, derivation_check, with_implied_values


def reported(rows):
    """``year, value, change`` triples -> an annual RU export table as the loader returns it."""
    table = pd.DataFrame(rows, columns=["year", "value_jpy_bn", "reported_yoy_pct"])
    return table.assign(partner="RU", flow="export", status="preliminary",
                        source_id=[f"s{y}" for y in table["year"]])


def test_implied_values_fill_gaps_both_ways_and_keep_provenance():
    table = reported([(2021, 100.0, None), (2023, 60.0, -40.0), (2024, None, 10.0)])
    filled = with_implied_values(table).set_index("year")
    # 2022 from 2023's value and change; 2024 from 2023's value and 2024's change.
    assert filled.loc[2022, "value_jpy_bn"] == 100.0
    assert filled.loc[2022, "basis"] == FROM_NEXT
    assert filled.loc[2022, "source_id"] == "s2023"
    assert filled.loc[2024, "value_jpy_bn"] == 66.0
    assert filled.loc[2024, "basis"] == FROM_THIS
    assert filled.loc[2024, "source_id"] == "s2024;s2023"
    assert filled.loc[2021, "basis"] == REPORTED


def test_implied_values_never_overwrite_or_chain():
    table = reported([(2021, 100.0, None), (2022, 120.0, 10.0), (2024, None, 50.0)])
    filled = with_implied_values(table).set_index("year")
    assert filled.loc[2021, "value_jpy_bn"] == 100.0  # reported, although 120/1.1 differs
    assert 2023 not in filled.index and 2024 not in filled.index  # 2023 is unknown: no chain


def test_implied_values_prefer_the_later_report():
    # 2022 can come from 2021 × 1.1 = 110 or from 2023 / 0.5 = 112: the later report wins.
    table = reported([(2021, 100.0, None), (2022, None, 10.0), (2023, 56.0, -50.0)])
    filled = with_implied_values(table).set_index("year")
    assert filled.loc[2022, "value_jpy_bn"] == 112.0
    assert filled.loc[2022, "basis"] == FROM_NEXT


def test_implied_values_monthly():
    table = reported([(2022, 50.0, -50.0)]).assign(month=pd.Timestamp("2022-04-01")).drop(columns="year")
    filled = with_implied_values(table, time="month", lag=pd.DateOffset(years=1))
    assert filled["month"].tolist() == [pd.Timestamp("2021-04-01"), pd.Timestamp("2022-04-01")]
    assert filled["value_jpy_bn"].tolist() == [100.0, 50.0]


def test_derivation_check_measures_disagreement():
    table = reported([(2021, 100.0, None), (2022, 121.0, 10.0)])
    check = derivation_check(table)
    row = check[check["basis"] == FROM_THIS].iloc[0]
    assert row["derived"] == pytest.approx(110.0)
    assert row["difference_pct"] == pytest.approx(100 * (110 / 121 - 1))
