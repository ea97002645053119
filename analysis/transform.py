"""Cleaning and reshaping: small pure functions from loaded tables to what a figure needs."""
from __future__ import annotations

import pandas as pd


def decade_of(years: pd.Series) -> pd.Series:
    """1855 -> 1850, 2025 -> 2020."""
    return (years // 10) * 10


def events_per_decade(events: pd.DataFrame) -> pd.DataFrame:
    """Tidy counts ``decade, category, events`` with every decade × category present (0 if none).

    Decades run from the first to the last decade with an event, so quiet decades show as gaps
    rather than disappearing.
    """
    decades = decade_of(events["date"].dt.year)
    categories = events["category"].cat.categories
    counts = events.assign(decade=decades).groupby(["decade", "category"], observed=False).size()
    full = pd.MultiIndex.from_product(
        [range(int(decades.min()), int(decades.max()) + 1, 10), categories],
        names=["decade", "category"])
    tidy = counts.reindex(full, fill_value=0).rename("events").reset_index()
    tidy["category"] = pd.Categorical(tidy["category"], categories=categories)
    return tidy


def assign_eras(events: pd.DataFrame, eras: pd.DataFrame) -> pd.DataFrame:
    """Add an ``era`` column (the era's name) to each event by its year."""
    years = events["date"].dt.year
    bins = list(eras["start_year"].astype(int)) + [10_000]
    era = pd.cut(years, bins=bins, labels=list(eras["name"]), right=False)
    return events.assign(era=era)


def events_per_era(events: pd.DataFrame, eras: pd.DataFrame) -> pd.DataFrame:
    """One row per era: its years, number of events, events per year and its commonest category."""
    with_era = assign_eras(events, eras)
    grouped = with_era.groupby("era", observed=False)
    last_year = int(events["date"].dt.year.max())
    spans = eras.assign(end=eras["end_year"].fillna(last_year).astype(int))
    table = pd.DataFrame({
        "era": list(eras["name"]),
        "from": list(eras["start_year"].astype(int)),
        "to": list(spans["end"]),
        "events": grouped.size().reindex(eras["name"]).to_numpy(),
        "main_category": grouped["category"].agg(_mode).reindex(eras["name"]).to_numpy(),
    })
    table["events_per_year"] = (table["events"] / (table["to"] - table["from"] + 1)).round(2)
    return table


def _mode(categories: pd.Series) -> str:
    """The commonest category; ties go to the category listed first in the schema."""
    counts = categories.value_counts(sort=False)
    return str(counts.idxmax()) if counts.max() > 0 else ""


def category_counts(events: pd.DataFrame) -> pd.DataFrame:
    """``category, events`` for all categories, commonest first."""
    counts = events["category"].value_counts(sort=False).rename("events")
    return (counts.rename_axis("category").reset_index()
            .sort_values(["events", "category"], ascending=[False, True], kind="stable")
            .reset_index(drop=True))


def cite_publishers(table: pd.DataFrame, sources: pd.DataFrame, most: int = 3) -> str:
    """A short source line: the publishers cited most often by ``table``'s rows, plus the file.

    E.g. ``"Ministry of Foreign Affairs of Japan, Kyodo News, Wikipedia and 12 others
    (data/events.csv)"``.
    """
    ids = table["source_id"].astype(str).str.split(";").explode()
    publishers = ids.map(sources.set_index("source_id")["publisher"])
    ranked = publishers.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    names = list(ranked.index[:most])
    rest = len(ranked) - len(names)
    text = ", ".join(names) + (f" and {rest} other publisher{'s' * (rest > 1)}" if rest else "")
    path = table.attrs.get("path")
    return f"{text} (data/{path})" if path else text


DATE_FORMATS = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}


def date_labels(events: pd.DataFrame) -> pd.Series:
    """Dates as people write them, at their precision: '7 Feb 1855', 'Feb 1904', '1904'."""
    return pd.Series([d.strftime(DATE_FORMATS[p]) for d, p in
                      zip(events["date"], events["date_precision"])], index=events.index)


def select_events(events: pd.DataFrame, categories=None, start: int | None = None,
                  end: int | None = None) -> pd.DataFrame:
    """Events of the given categories between the years ``start`` and ``end`` (inclusive),
    as a display table ``when, title, category``."""
    years = events["date"].dt.year
    keep = pd.Series(True, index=events.index)
    if categories is not None:
        keep &= events["category"].isin(list(categories))
    if start is not None:
        keep &= years >= start
    if end is not None:
        keep &= years <= end
    chosen = events[keep]
    return pd.DataFrame({"when": date_labels(chosen), "title": chosen["title"],
                         "category": chosen["category"].astype(str)}).reset_index(drop=True)


def chronology_summary(events: pd.DataFrame) -> dict:
    """Headline numbers quoted in the chronology notebook's prose."""
    sources = events["source_id"].astype(str).str.split(";").explode().nunique()
    return {
        "events": len(events),
        "first_year": int(events["date"].dt.year.min()),
        "last_year": int(events["date"].dt.year.max()),
        "sources_cited": int(sources),
        "day_precision_pct": round(100 * (events["date_precision"] == "day").mean(), 1),
    }


# --- Trade: currencies, indices, changes, shares -------------------------------------------

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
    by = by or []
    groups = table.groupby(by, observed=True) if by else [((), table)]
    parts = []
    for key, group in groups:
        base_rows = group.loc[group[time] == base, value].dropna()
        if len(base_rows) != 1:
            raise ValueError(f"no single {value} in base period {base} for {dict(zip(by, key)) or 'the table'}")
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
