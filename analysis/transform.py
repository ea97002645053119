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
