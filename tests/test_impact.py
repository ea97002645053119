"""Sanctions-impact methods on synthetic series with known, planted effects."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import impact

SEASON = np.array([5, -3, 8, 2, 0, -4, -6, 1, 3, 7, -2, -11], float)


def synthetic(months=84, start="2016-01-01", effect=0.0, effect_from="2022-03-01", noise=2.0,
              seed=0, level=100.0, trend=0.5):
    """Monthly series: level + trend + seasonality + N(0, noise), plus ``effect`` from a month on."""
    rng = np.random.default_rng(seed)
    index = pd.date_range(start, periods=months, freq="MS")
    t = np.arange(months)
    values = level + trend * t + SEASON[index.month - 1] + rng.normal(0, noise, months)
    values = values + np.where(index >= pd.Timestamp(effect_from), effect, 0.0)
    return pd.DataFrame({"month": index, "value_jpy_bn": values})


def test_recovers_planted_effect_within_interval():
    result = impact.counterfactual_gap(synthetic(effect=-30.0), pre_end="2022-02-01")
    assert result["month"].iloc[0] == pd.Timestamp("2022-03-01")
    mean_gap = result["gap"].mean()
    assert mean_gap == pytest.approx(-30.0, abs=3.0)
    last = result.iloc[-1]
    planted_total = -30.0 * len(result)
    assert last["cumulative_lower"] <= planted_total <= last["cumulative_upper"]
    assert last["cumulative_upper"] < 0  # the effect is detected


def test_interval_covers_zero_without_effect():
    result = impact.counterfactual_gap(synthetic(effect=0.0, seed=3), pre_end="2022-02-01")
    last = result.iloc[-1]
    assert last["cumulative_lower"] <= 0 <= last["cumulative_upper"]
    coverage = ((result["gap_lower"] <= 0) & (0 <= result["gap_upper"])).mean()
    assert coverage >= 0.8  # 95% intervals: most single months cover zero


def test_monthly_interval_coverage_close_to_nominal():
    covered = []
    for seed in range(40):
        result = impact.counterfactual_gap(synthetic(seed=seed), pre_end="2022-02-01")
        covered.append(((result["gap_lower"] <= 0) & (0 <= result["gap_upper"])).mean())
    assert 0.9 <= np.mean(covered) <= 0.99


def test_gaps_in_the_series_are_kept_not_bridged():
    data = synthetic(effect=-30.0)
    data = data[~data["month"].isin(pd.to_datetime(["2019-05-01", "2022-06-01"]))]
    result = impact.counterfactual_gap(data, pre_end="2022-02-01")
    june = result[result["month"] == pd.Timestamp("2022-06-01")].iloc[0]
    assert np.isnan(june["actual"]) and np.isnan(june["gap"])
    assert not np.isnan(june["expected"])
    may, july = result.set_index("month").loc[["2022-05-01", "2022-07-01"], "cumulative_gap"]
    assert july - may == pytest.approx(result.set_index("month").loc["2022-07-01", "gap"])


def test_pre_period_too_short():
    with pytest.raises(ValueError, match="pre-period has 12 months with values; at least 24"):
        impact.counterfactual_gap(synthetic(months=20, start="2021-03-01"), pre_end="2022-02-01")


def test_calendar_month_missing_from_pre_period():
    data = synthetic()
    data = data[~((data["month"].dt.month == 4) & (data["month"] < "2022-03-01"))]
    with pytest.raises(ValueError, match=r"calendar month\(s\) \[4\] never appear"):
        impact.counterfactual_gap(data, pre_end="2022-02-01")


def without_calendar_months(data, months, before="2022-03-01"):
    return data[~(data["month"].dt.month.isin(months) & (data["month"] < before))]


def test_absent_calendar_months_when_allowed_are_not_predicted():
    data = without_calendar_months(synthetic(effect=-30.0), [2, 10])
    result = impact.counterfactual_gap(data, pre_end="2022-02-01", allow_absent_months=True)
    unseen = result["month"].dt.month.isin([2, 10])
    assert unseen.any() and result.loc[unseen, ["expected", "gap", "lower"]].isna().all().all()
    assert result.loc[~unseen, "expected"].notna().all()
    assert result.loc[~unseen, "gap"].mean() == pytest.approx(-30.0, abs=3.0)
    # The running sum does not move in an unpredicted month.
    october = result.index[result["month"] == pd.Timestamp("2022-10-01")][0]
    assert result.loc[october, "cumulative_gap"] == result.loc[october - 1, "cumulative_gap"]
    assert result["cumulative_upper"].iloc[-1] < 0


def test_absent_calendar_months_keep_nominal_coverage():
    covered = []
    for seed in range(40):
        data = without_calendar_months(synthetic(seed=seed), [2, 10])
        result = impact.counterfactual_gap(data, pre_end="2022-02-01", allow_absent_months=True)
        known = result.dropna(subset=["gap"])
        covered.append(((known["gap_lower"] <= 0) & (0 <= known["gap_upper"])).mean())
    assert 0.9 <= np.mean(covered) <= 0.99


def test_absent_calendar_months_listed_and_refused_by_default():
    data = without_calendar_months(synthetic(), [2, 10])
    assert impact.absent_calendar_months(data[data["month"] < "2022-03-01"]) == [2, 10]
    assert impact.pre_period_problem(data, allow_absent_months=True) is None
    with pytest.raises(ValueError, match=r"calendar month\(s\) \[2, 10\] never appear"):
        impact.counterfactual_gap(data, pre_end="2022-02-01")


def test_absent_months_still_need_24_known_months():
    data = without_calendar_months(synthetic(months=40, start="2019-11-01"), [2, 10])
    with pytest.raises(ValueError, match="pre-period has 23 months with values; at least 24"):
        impact.counterfactual_gap(data, pre_end="2022-02-01", allow_absent_months=True)


def test_total_gap_is_the_last_running_total():
    data = synthetic(effect=-30.0)
    data = data[data["month"] != pd.Timestamp("2022-12-01")]
    result = impact.counterfactual_gap(data, pre_end="2022-02-01", post_end="2022-12-01")
    total = impact.total_gap(result, scale=10)
    assert total.name == pd.Timestamp("2022-11-01")  # December has no actual value
    assert total["months"] == 9
    assert total["gap"] == pytest.approx(result["gap"].sum() / 10)
    assert total["lower"] < total["gap"] < total["upper"] < 0


def test_total_gap_needs_a_known_month():
    data = synthetic()
    data = data[data["month"] <= pd.Timestamp("2022-02-01")]
    result = impact.counterfactual_gap(data, pre_end="2022-02-01", post_end="2022-04-01")
    with pytest.raises(ValueError, match="no month after the cut-off"):
        impact.total_gap(result)


def annual_table(values: dict, flow="export"):
    return pd.DataFrame({"year": pd.array(list(values), dtype="Int64"), "flow": flow,
                         "value_jpy_bn": list(values.values())})


def test_baseline_comparison_with_reference():
    series = annual_table({2019: 100.0, 2020: 100.0, 2021: 100.0, 2022: 50.0})
    world = annual_table({2019: 1000.0, 2020: 1000.0, 2021: 1000.0, 2022: 1250.0})
    result = impact.baseline_comparison(series, (2019, 2021), [2022], reference=world, by=["flow"])
    row = result[result["period"] == "2022"].iloc[0]
    assert row["index"] == pytest.approx(50.0)
    assert row["reference_index"] == pytest.approx(125.0)
    assert row["relative_index"] == pytest.approx(40.0)
    assert result["period"].tolist() == ["2019–2021 average", "2022"]


def test_baseline_needs_every_pre_year():
    with pytest.raises(ValueError, match=r"lacks value_jpy_bn for \[2020\]"):
        impact.baseline_comparison(annual_table({2019: 1.0, 2021: 1.0, 2022: 1.0}), (2019, 2021), [2022])


def test_event_window_index_and_gaps():
    data = synthetic(months=24, start="2021-01-01", noise=0.0, trend=0.0, level=100.0)
    data = data[data["month"] != pd.Timestamp("2022-04-01")]
    events = pd.DataFrame({"date": pd.to_datetime(["2022-02-25"]), "title": ["package"]})
    window = impact.event_window(data, events, months=3)
    assert window["offset"].tolist() == list(range(-3, 4))
    assert window.loc[window["offset"] == -1, "index"].item() == pytest.approx(100.0)
    assert np.isnan(window.loc[window["offset"] == 2, "value"].item())  # April 2022 missing


def test_pre_period_problem_says_why_or_nothing():
    assert impact.pre_period_problem(synthetic(months=60)) is None
    short = synthetic(months=12)
    assert impact.pre_period_problem(short) == (
        "pre-period has 12 months with values; at least 24 are needed to estimate trend and "
        "seasonality")


# --- Level change on sparse months ---------------------------------------------------------

def sparse(effect_pct=0.0, seed=0, keep=0.5, noise=0.15):
    """Log-normal months 2019–2024 around 100, ``effect_pct`` change from March 2022; a random
    ``keep`` share of months survives, as in news-reported series."""
    rng = np.random.default_rng(seed)
    months = pd.date_range("2019-01-01", "2024-12-01", freq="MS")
    logs = np.log(100) + rng.normal(0, noise, len(months))
    logs += np.where(months >= pd.Timestamp("2022-03-01"), np.log1p(effect_pct / 100), 0.0)
    table = pd.DataFrame({"month": months, "value_jpy_bn": np.exp(logs), "flow": "export"})
    return table[rng.random(len(months)) < keep]


def test_level_change_recovers_planted_fall():
    results = [impact.level_change(sparse(effect_pct=-50.0, seed=seed), "2022-02-01", [2023, 2024])
               for seed in range(40)]
    both = pd.concat(results)
    assert both["pct"].median() == pytest.approx(50.0, abs=3.0)
    assert ((both["lower"] <= 50.0) & (50.0 <= both["upper"])).mean() >= 0.88  # 95% intervals
    assert (both["upper"] < 100).all()  # the fall is detected every time


def test_level_change_interval_covers_100_without_effect():
    covered = [
        (lambda r: ((r["lower"] <= 100) & (100 <= r["upper"])).mean())(
            impact.level_change(sparse(seed=seed), "2022-02-01", [2023]))
        for seed in range(40)]
    assert 0.88 <= np.mean(covered) <= 1.0


def test_level_change_relative_to_an_annual_reference():
    monthly = sparse(effect_pct=-50.0, noise=0.0001, keep=1.0)
    # The reference doubles from 2023: relative to it, the series kept a quarter.
    reference = pd.DataFrame({"year": range(2019, 2025), "flow": "export",
                              "value_jpy_bn": [1000, 1000, 1000, 1000, 2000, 2000]})
    result = impact.level_change(monthly, "2022-02-01", [2023], reference=reference, by=["flow"])
    row = result.iloc[0]
    assert row["pct"] == pytest.approx(50.0, rel=1e-3)
    assert row["reference_pct"] == pytest.approx(200.0)
    assert row["relative_pct"] == pytest.approx(25.0, rel=1e-3)
    assert row["relative_lower"] <= 25.0 <= row["relative_upper"]


def test_level_change_says_which_sample_is_too_small():
    monthly = sparse(keep=1.0)
    few = monthly[(monthly["month"] < "2019-03-01") | (monthly["month"] > "2022-02-01")]
    with pytest.raises(ValueError, match=r"pre-period \(to 2022-02-01\) has 2 months"):
        impact.level_change(few, "2022-02-01", [2023])
    with pytest.raises(ValueError, match=r"post year 2025 \(export\) has 0 months"):
        impact.level_change(monthly, "2022-02-01", [2025], by=["flow"])


def test_level_change_annual_reference_needs_every_year():
    reference = pd.DataFrame({"year": [2023], "value_jpy_bn": [1.0]})
    with pytest.raises(ValueError, match="annual reference lacks value_jpy_bn for"):
        impact.level_change(sparse(keep=1.0), "2022-02-01", [2023], reference=reference)


def test_level_change_in_words():
    result = pd.DataFrame({"flow": ["export"], "period": ["2023"], "months": [8], "pct": [42.7],
                           "lower": [30.1], "upper": [60.4], "relative_pct": [35.4],
                           "relative_lower": [25.0], "relative_upper": [50.1]})
    assert impact.level_change_in_words(result) == [
        "2023, exports to Russia: a typical month was 43% of the pre-invasion level "
        "(95% interval 30–60%, 8 months known)"]
    assert "35% of the pre-invasion level relative to world trade (95% interval 25–50%" in \
        impact.level_change_in_words(result, relative=True, reference="world trade")[0]


def test_event_window_keeps_basis_of_derived_months():
    monthly = pd.DataFrame({"month": pd.to_datetime(["2022-01-01", "2022-02-01"]),
                            "value_jpy_bn": [10.0, 20.0], "basis": ["derived: x", "reported"]})
    events = pd.DataFrame({"date": pd.to_datetime(["2022-02-10"]), "title": ["p"]})
    window = impact.event_window(monthly, events, months=1)
    assert window["basis"].tolist()[:2] == ["derived: x", "reported"]
    assert pd.isna(window["basis"].iloc[2])
