"""What did the sanctions do to trade? Methods that return tidy tables (they never print or
plot; figures are in :mod:`analysis.plots`). Each docstring states what the method assumes.

Conventions: monthly tables have ``month`` (Timestamp, first of month) and ``value_jpy_bn``;
annual tables ``year`` and ``value_jpy_bn``; optional grouping columns such as ``flow``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from analysis.transform import by_group

VALUE = "value_jpy_bn"
MIN_PRE_MONTHS = 24


def baseline_comparison(annual: pd.DataFrame, pre: tuple[int, int], post: list[int],
                        reference: pd.DataFrame | None = None, by: list[str] | None = None,
                        value: str = VALUE) -> pd.DataFrame:
    """Each post year against the average of the pre-period years.

    Returns ``by…, period, value, index`` (pre-period average = 100) and, when ``reference``
    (e.g. Japan's trade with the world, same columns) is given, ``reference_index`` and
    ``relative_index`` = 100 × index / reference_index: above 100 means the series did better
    than the reference. Assumes the reference captures common shocks (prices, the yen, the
    business cycle) that would have hit the series anyway.
    Raises ValueError when a pre-period year is missing (an average over fewer years would
    silently change the baseline).
    """
    by = by or []
    rows = [_baseline_rows(group, pre, post, value, labels) for labels, group in by_group(annual, by)]
    result = pd.concat(rows, ignore_index=True)
    if reference is not None:
        ref = baseline_comparison(reference, pre, post, by=by, value=value)
        result = result.merge(ref[by + ["period", "index"]].rename(columns={"index": "reference_index"}),
                              on=by + ["period"], how="left")
        result["relative_index"] = 100 * result["index"] / result["reference_index"]
    return result


def _baseline_rows(group: pd.DataFrame, pre: tuple[int, int], post: list[int], value: str,
                   labels: dict) -> pd.DataFrame:
    known = group.dropna(subset=[value])
    years = known.set_index(known["year"].astype(int))[value]
    wanted = list(range(pre[0], pre[1] + 1))
    missing = [y for y in wanted if y not in years.index]
    if missing:
        raise ValueError(f"pre-period {pre[0]}–{pre[1]} lacks {value} for {missing} {labels or ''}".strip())
    base = years.loc[wanted].mean()
    label = f"{pre[0]} (base)" if pre[0] == pre[1] else f"{pre[0]}–{pre[1]} average"
    periods = [label] + [str(y) for y in post]
    values = [base] + [years.get(y, np.nan) for y in post]
    return pd.DataFrame({**labels, "period": periods, "value": values,
                         "index": [100 * v / base for v in values]})


MIN_SAMPLE_MONTHS = 3


def level_change(monthly: pd.DataFrame, pre_end: str, post_years: list[int],
                 pre_start: str | None = None, reference: pd.DataFrame | None = None,
                 by: list[str] | None = None, level: float = 0.95,
                 value: str = VALUE) -> pd.DataFrame:
    """The typical month of each post year as a percentage of the typical pre-period month,
    with a confidence interval; optionally relative to a reference series.

    For sparse monthly series, where a counterfactual cannot be fitted. "Typical" is the
    geometric mean of the known months; the estimate is exp(mean log post − mean log pre) and
    its interval a Welch t-interval on the logs. Assumes the known months are a fair sample of
    their period (their calendar months do not favour high or low seasons), months vary
    independently, and log values are roughly normal. With ``reference`` (e.g. Japan's trade
    with the world, same columns) it also reports ``relative_pct`` = 100 × ratio / reference
    ratio, whose interval adds both variances and uses the smaller of the two degrees of
    freedom (conservative): below 100 means the series fell further than the reference. An
    annual reference (``year`` instead of ``month``) stands for every month of its year and has
    no sampling error; its pre-period weights each year by the pre-period months in it.

    Returns ``by…, period, pre_months, months, pct, lower, upper`` (+ ``reference_pct,
    relative_pct, relative_lower, relative_upper``). Raises ValueError when the pre-period or a
    post year has fewer than 3 known months, naming which.
    """
    by = by or []
    frames = []
    for labels, group in by_group(monthly, by):
        ref = None
        if reference is not None:
            ref = reference
            for column, label in labels.items():
                ref = ref[ref[column] == label]
        frames.append(_level_change_rows(group, ref, pre_end, post_years, pre_start, level,
                                         value, labels))
    return pd.concat(frames, ignore_index=True)


def _level_change_rows(monthly, reference, pre_end, post_years, pre_start, level, value,
                       labels) -> pd.DataFrame:
    where = f" ({', '.join(map(str, labels.values()))})" if labels else ""
    changes = [_log_change(monthly, pre_end, year, pre_start, value, where) for year in post_years]
    result = pd.DataFrame([{**labels, "period": str(c.year), "pre_months": c.pre_months,
                            "months": c.months, **_ratio(c.diff, c.var, c.dof, level)}
                           for c in changes])
    if reference is not None:
        refs = [_reference_change(reference, monthly, pre_end, year, pre_start, value, where)
                for year in post_years]
        result["reference_pct"] = [100 * np.exp(r.diff) for r in refs]
        relative = [_ratio(a.diff - b.diff, a.var + b.var, min(a.dof, b.dof), level)
                    for a, b in zip(changes, refs, strict=True)]
        for key in ("pct", "lower", "upper"):
            result[f"relative_{key}"] = [r[key] for r in relative]
    return result


def level_change_in_words(result: pd.DataFrame, relative: bool = False,
                          reference: str = "the reference", series: str | None = None) -> list[str]:
    """One plain sentence per row of :func:`level_change` (rounded to whole percent); with
    ``relative``, against ``reference`` (a name such as "Japan's trade with the world").
    ``series`` names what was measured (default: the row's flow)."""
    prefix, against = ("relative_", f" relative to {reference}") if relative else ("", "")
    flows = {"export": "exports to Russia", "import": "imports from Russia"}
    return [f"{row['period']}, {series or flows.get(str(row.get('flow')), 'the series')}: a typical month was "
            f"{row[prefix + 'pct']:.0f}% of the pre-invasion level{against} "
            f"(95% interval {row[prefix + 'lower']:.0f}–{row[prefix + 'upper']:.0f}%, "
            f"{row['months']} months known)"
            for _, row in result.iterrows()]


@dataclass(frozen=True)
class _LogChange:
    year: int
    pre_months: int
    months: int
    diff: float
    var: float
    dof: float


def _reference_change(reference: pd.DataFrame, monthly: pd.DataFrame, pre_end: str, year: int,
                      pre_start: str | None, value: str, where: str) -> _LogChange:
    if "month" in reference:
        return _log_change(reference, pre_end, year, pre_start, value, f"{where} reference")
    annual = reference.dropna(subset=[value]).set_index(reference["year"].astype(int))[value]
    pre_months = _pre_months(monthly.dropna(subset=[value]), pre_end, pre_start)["month"].dt.year
    needed = sorted(set(pre_months) | {year})
    missing = [y for y in needed if y not in annual.index]
    if missing:
        raise ValueError(f"annual reference{where} lacks {value} for {missing}")
    diff = np.log(annual[year]) - np.log(annual[pre_months.to_numpy()]).mean()
    return _LogChange(year, len(pre_months), 12, float(diff), 0.0, np.inf)


def _pre_months(known: pd.DataFrame, pre_end: str, pre_start: str | None) -> pd.DataFrame:
    in_pre = known["month"] <= pd.Timestamp(pre_end)
    if pre_start is not None:
        in_pre &= known["month"] >= pd.Timestamp(pre_start)
    return known[in_pre]


def _sample(logs: np.ndarray, what: str) -> np.ndarray:
    if len(logs) < MIN_SAMPLE_MONTHS:
        raise ValueError(f"{what} has {len(logs)} months with values; at least "
                         f"{MIN_SAMPLE_MONTHS} are needed for an interval")
    return logs


def _log_change(monthly: pd.DataFrame, pre_end: str, year: int, pre_start: str | None,
                value: str, where: str = "") -> _LogChange:
    known = monthly.dropna(subset=[value])
    known = known[known[value] > 0]
    after = known["month"] > pd.Timestamp(pre_end)
    pre = _sample(np.log(_pre_months(known, pre_end, pre_start)[value].to_numpy(float)),
                  f"pre-period (to {pre_end}){where}")
    post = _sample(np.log(known.loc[after & (known["month"].dt.year == year), value].to_numpy(float)),
                   f"post year {year}{where}")
    var_pre, var_post = pre.var(ddof=1) / len(pre), post.var(ddof=1) / len(post)
    # Welch–Satterthwaite degrees of freedom for the difference of two means.
    dof = (var_pre + var_post) ** 2 / (var_pre ** 2 / (len(pre) - 1) + var_post ** 2 / (len(post) - 1))
    return _LogChange(year, len(pre), len(post), post.mean() - pre.mean(), var_pre + var_post, dof)


def _ratio(diff: float, var: float, dof: float, level: float) -> dict:
    half = stats.t.ppf(0.5 + level / 2, dof) * np.sqrt(var)
    return {"pct": 100 * np.exp(diff), "lower": 100 * np.exp(diff - half),
            "upper": 100 * np.exp(diff + half)}


@dataclass(frozen=True)
class SeasonalTrendModel:
    """value = level + trend × months + effect of the calendar month + noise (OLS)."""
    coefficients: np.ndarray
    covariance: np.ndarray
    residual_sd: float
    dof: int
    origin: pd.Timestamp
    calendar_months: tuple[int, ...] = tuple(range(1, 13))

    def covers(self, months: pd.Series) -> np.ndarray:
        """True for months whose calendar month has an estimated effect."""
        return months.dt.month.isin(self.calendar_months).to_numpy()


def _design(months: pd.Series, origin: pd.Timestamp,
            calendar_months: tuple[int, ...] = tuple(range(1, 13))) -> np.ndarray:
    t = (months.dt.year - origin.year) * 12 + (months.dt.month - origin.month)
    # The first calendar month is the reference level; each other one gets its own effect.
    dummies = [(months.dt.month == m).to_numpy(float) for m in calendar_months[1:]]
    return np.column_stack([np.ones(len(months)), t.to_numpy(float), *dummies])


def absent_calendar_months(pre: pd.DataFrame, value: str = VALUE) -> list[int]:
    """Calendar months (1–12) with no known value in the pre-period."""
    return sorted(set(range(1, 13)) - set(pre.dropna(subset=[value])["month"].dt.month))


def pre_period_problem(pre: pd.DataFrame, value: str = VALUE,
                       allow_absent_months: bool = False) -> str | None:
    """Why the counterfactual model cannot be fitted on these pre-period months, or None:
    fewer than 24 known months, or (unless ``allow_absent_months``) a calendar month that never
    appears, whose seasonal effect could not be estimated."""
    known = pre.dropna(subset=[value])
    if len(known) < MIN_PRE_MONTHS:
        return (f"pre-period has {len(known)} months with values; at least "
                f"{MIN_PRE_MONTHS} are needed to estimate trend and seasonality")
    absent = absent_calendar_months(pre, value)
    if absent and not allow_absent_months:
        return f"calendar month(s) {absent} never appear in the pre-period"
    return None


def fit_seasonal_trend(pre: pd.DataFrame, value: str = VALUE,
                       allow_absent_months: bool = False) -> SeasonalTrendModel:
    """Fit the counterfactual model on pre-period months (absent months are simply not used).

    With ``allow_absent_months`` a calendar month that never appears gets no effect of its own,
    and the model makes no prediction for it (:meth:`SeasonalTrendModel.covers`).
    Raises ValueError with :func:`pre_period_problem`'s reason if the months do not allow it.
    """
    problem = pre_period_problem(pre, value, allow_absent_months)
    if problem:
        raise ValueError(problem)
    known = pre.dropna(subset=[value]).sort_values("month")
    origin = known["month"].iloc[0]
    calendar = tuple(sorted(set(known["month"].dt.month)))
    X, y = _design(known["month"], origin, calendar), known[value].to_numpy(float)
    coefficients, *_ = np.linalg.lstsq(X, y, rcond=None)
    dof = len(y) - X.shape[1]
    residual_sd = float(np.sqrt(np.sum((y - X @ coefficients) ** 2) / dof))
    covariance = residual_sd ** 2 * np.linalg.inv(X.T @ X)
    return SeasonalTrendModel(coefficients, covariance, residual_sd, dof, origin, calendar)


def counterfactual_gap(monthly: pd.DataFrame, pre_end: str, post_end: str | None = None,
                       pre_start: str | None = None, level: float = 0.95,
                       value: str = VALUE, allow_absent_months: bool = False) -> pd.DataFrame:
    """Actual minus counterfactual after ``pre_end``, month by month and cumulated, with
    prediction intervals at ``level``.

    The counterfactual continues the pre-period's linear trend and calendar-month pattern.
    Assumptions: without sanctions the pre-period pattern would have continued; the noise is
    independent and normal with constant variance; nothing else (prices, exchange rate,
    pandemic) changed. Months with no actual value stay in the table with ``actual`` NaN and are
    left out of the cumulative sums. With ``allow_absent_months``, a calendar month never seen in
    the pre-period has ``expected`` NaN (no seasonal effect to predict it from) and is likewise
    left out of the sums. Columns: ``month, actual, expected, lower, upper, gap,
    gap_lower, gap_upper, cumulative_gap, cumulative_lower, cumulative_upper``.
    """
    table = monthly.sort_values("month")
    model = fit_seasonal_trend(_pre_months(table, pre_end, pre_start), value, allow_absent_months)
    post_months = pd.date_range(pd.Timestamp(pre_end) + pd.offsets.MonthBegin(1),
                                pd.Timestamp(post_end) if post_end else table["month"].max(),
                                freq="MS")
    actual = table.set_index("month")[value].reindex(post_months)
    X = _design(pd.Series(post_months), model.origin, model.calendar_months)
    expected = np.where(model.covers(pd.Series(post_months)), X @ model.coefficients, np.nan)
    t = stats.t.ppf(0.5 + level / 2, model.dof)
    # Prediction variance of one month: parameter uncertainty plus the month's own noise.
    month_var = np.einsum("ij,jk,ik->i", X, model.covariance, X) + model.residual_sd ** 2
    half = t * np.sqrt(month_var)
    gap = actual.to_numpy() - expected
    known = ~np.isnan(gap)
    cumulative, cum_half = _cumulative(X, known, gap, model, t)
    result = pd.DataFrame({
        "month": post_months, "actual": actual.to_numpy(), "expected": expected,
        "lower": expected - half, "upper": expected + half, "gap": gap,
        "gap_lower": gap - half, "gap_upper": gap + half,
        "cumulative_gap": cumulative, "cumulative_lower": cumulative - cum_half,
        "cumulative_upper": cumulative + cum_half,
    })
    if "basis" in table:  # keep derived actuals recognisable (see transform.with_implied_values)
        result["basis"] = table.set_index("month")["basis"].reindex(post_months).to_numpy()
    return result


def total_gap(result: pd.DataFrame, scale: float = 1.0) -> pd.Series:
    """The running total of :func:`counterfactual_gap` at its last month with a known gap:
    ``gap, lower, upper`` (divided by ``scale``) and the number of ``months`` summed; the Series
    is named after that month."""
    known = result.dropna(subset=["gap"])  # the running total is carried through unknown months
    if known.empty:
        raise ValueError("no month after the cut-off has both an actual value and a prediction")
    last = known.iloc[-1]
    totals = last[["cumulative_gap", "cumulative_lower", "cumulative_upper"]].astype(float) / scale
    return pd.Series({"gap": totals.iloc[0], "lower": totals.iloc[1], "upper": totals.iloc[2],
                      "months": int(result["gap"].notna().sum())}, name=last["month"])


def _cumulative(X, known, gap, model, t):
    """Running sums of the gap over known months, with the interval of a sum of predictions
    (the parameter errors are shared by all months, so they add up; the noise does not)."""
    cumulative = np.full(len(gap), np.nan)
    cum_half = np.full(len(gap), np.nan)
    running_X = np.zeros(X.shape[1])
    running_gap, n = 0.0, 0
    for i in range(len(gap)):
        if known[i]:
            running_X = running_X + X[i]
            running_gap += gap[i]
            n += 1
        if n:
            variance = running_X @ model.covariance @ running_X + n * model.residual_sd ** 2
            cumulative[i], cum_half[i] = running_gap, t * np.sqrt(variance)
    return cumulative, cum_half


def event_window(monthly: pd.DataFrame, events: pd.DataFrame, months: int = 6,
                 value: str = VALUE) -> pd.DataFrame:
    """Values from ``months`` before to ``months`` after each event's month.

    ``events`` needs ``date`` and ``title``. Returns ``title, event_month, offset, month, value,
    index`` where index = 100 × value / value in the month before the event (NaN if that month
    is unknown), plus ``basis`` when ``monthly`` has it (derived values stay recognisable).
    Missing months stay as NaN rows, so gaps are visible.
    """
    by_month = monthly.set_index("month")
    series = by_month[value]
    basis = by_month["basis"] if "basis" in by_month else None
    frames = []
    for event in events.itertuples():
        start = pd.Timestamp(event.date).to_period("M").to_timestamp()
        offsets = np.arange(-months, months + 1)
        window = [start + pd.DateOffset(months=int(k)) for k in offsets]
        values = series.reindex(window).to_numpy()
        before = series.get(start - pd.DateOffset(months=1), np.nan)
        frame = pd.DataFrame({"title": event.title, "event_month": start, "offset": offsets,
                              "month": window, "value": values, "index": 100 * values / before})
        if basis is not None:
            frame["basis"] = basis.reindex(window).to_numpy()
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
