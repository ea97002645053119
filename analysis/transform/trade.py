"""Trade: currencies, indices, changes, shares and the month/year cross-check."""
from __future__ import annotations

import pandas as pd

from analysis.transform.frames import by_group


def yen_to_usd(table: pd.DataFrame, fx: pd.DataFrame, value: str = "value_jpy_bn",
               year: str = "year") -> pd.DataFrame:
    """Add ``value_usd_bn`` = ``value`` (billions of yen) / that year's average yen per dollar.

    Raises ValueError naming the years that have no rate in ``fx`` rather than leaving NaN.
    """
    rates = fx.set_index("year")["jpy_per_usd"]
    missing = sorted(set(table[year].dropna().astype(int)) - set(rates.index.astype(int)))
    if missing:
        raise ValueError(f"no yen/dollar rate in fx_annual.csv for {missing}")
    return table.assign(value_usd_bn=table[value] / table[year].map(rates).astype(float))


def index_to_base(table: pd.DataFrame, base, value: str = "value_jpy_bn", time: str = "year",
                  by: list[str] | None = None) -> pd.DataFrame:
    """Add ``index`` = 100 × value / value in the ``base`` period, within each ``by`` group.

    Raises ValueError if a group has no value in the base period.
    """
    parts = []
    for labels, group in by_group(table, by or []):
        base_rows = group.loc[group[time] == base, value].dropna()
        if len(base_rows) != 1:
            raise ValueError(f"no single {value} in base period {base} for {labels or 'the table'}")
        parts.append(group.assign(index=100 * group[value] / base_rows.iloc[0]))
    return pd.concat(parts).loc[table.index]


def yoy_change(table: pd.DataFrame, value: str = "value_jpy_bn", time: str = "year",
               by: list[str] | None = None, lag=1) -> pd.DataFrame:
    """Add ``yoy_pct``: percent change on the period ``lag`` earlier (1 year; for monthly data use
    ``time="month"`` and ``lag=pd.DateOffset(years=1)``). NaN where that period is missing, so gaps
    are never bridged."""
    by = by or []
    earlier = table[by + [time, value]].copy()
    earlier[time] = earlier[time] + lag
    merged = table.merge(earlier, on=by + [time], how="left", suffixes=("", "_earlier"))
    merged.index = table.index
    change = 100 * (merged[value] / merged[f"{value}_earlier"] - 1)
    return table.assign(yoy_pct=change)


def share_of_world(annual: pd.DataFrame, partner: str = "RU", value: str = "value_jpy_bn",
                   time: str = "year") -> pd.DataFrame:
    """``time, flow, partner_value, world_value, share_pct``: the partner's share of Japan's trade,
    for the periods where both are known."""
    wide = annual.pivot_table(index=[time, "flow"], columns="partner", values=value,
                              observed=True, aggfunc="first")
    if partner not in wide or "WORLD" not in wide:
        raise ValueError(f"need both {partner} and WORLD rows to compute shares")
    both = wide[[partner, "WORLD"]].dropna().rename(
        columns={partner: "partner_value", "WORLD": "world_value"})
    both["share_pct"] = 100 * both["partner_value"] / both["world_value"]
    both.columns.name = None
    return both.reset_index()


def months_vs_year(monthly: pd.DataFrame, annual: pd.DataFrame, value: str = "value_jpy_bn"):
    """For each partner, flow and year with all 12 months known: the sum of months, the annual
    value and their difference. Used as a cross-check (they must agree within rounding)."""
    known = monthly.dropna(subset=[value]).assign(year=lambda t: t["month"].dt.year)
    sums = known.groupby(["partner", "flow", "year"], observed=True)[value].agg(["sum", "count"])
    complete = sums[sums["count"] == 12].reset_index()
    keyed = annual.assign(year=annual["year"].astype(int))[["partner", "flow", "year", value]]
    both = complete.merge(keyed, on=["partner", "flow", "year"], how="inner")
    both = both.rename(columns={"sum": "months_sum", value: "annual"}).drop(columns="count")
    both["difference"] = both["months_sum"] - both["annual"]
    return both
