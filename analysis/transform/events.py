"""Events: counts by decade and era, date labels, selections of the chronology."""
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


DATE_FORMATS = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}


def date_labels(events: pd.DataFrame) -> pd.Series:
    """Dates as people write them, at their precision: '7 Feb 1855', 'Feb 1904', '1904'."""
    return pd.Series([d.strftime(DATE_FORMATS[p]) for d, p in
                      zip(events["date"], events["date_precision"], strict=True)], index=events.index)


def select_events(events: pd.DataFrame, categories=None, start: int | None = None,
                  end: int | None = None, describe: bool = False) -> pd.DataFrame:
    """Events of the given categories between the years ``start`` and ``end`` (inclusive),
    as a display table ``when, title, category`` (plus ``description`` if ``describe``)."""
    years = events["date"].dt.year
    keep = pd.Series(True, index=events.index)
    if categories is not None:
        keep &= events["category"].isin(list(categories))
    if start is not None:
        keep &= years >= start
    if end is not None:
        keep &= years <= end
    chosen = events[keep]
    table = pd.DataFrame({"when": date_labels(chosen), "title": chosen["title"],
                          "category": chosen["category"].astype(str)})
    if describe:
        table["description"] = chosen["description"]
    return table.reset_index(drop=True)


def chronology_summary(events: pd.DataFrame) -> dict:
    """Headline numbers quoted in the chronology notebook's prose."""
    sources = events["source_id"].astype(str).str.split(";").explode().nunique()
    return {
        "events": len(events),
        "first_year": int(events["date"].dt.year.min()),
        "last_year": int(events["date"].dt.year.max()),
        "sources_cited": int(sources),
        "day_precision_pct": float(round(100 * (events["date_precision"] == "day").mean(), 1)),
    }


def event_dates(events: pd.DataFrame, titles: dict[str, str]) -> dict[str, pd.Timestamp]:
    """``{short label: date}`` for figure marks, looking each event up by a phrase of its title
    (``titles`` maps short label -> phrase). Raises KeyError if a phrase matches no event or
    several, so a renamed event cannot silently move a mark."""
    marks = {}
    for label, phrase in titles.items():
        hits = events[events["title"].str.contains(phrase, regex=False)]
        if len(hits) != 1:
            raise KeyError(f"'{phrase}' matches {len(hits)} events in events.csv, expected 1")
        marks[label] = hits["date"].iloc[0]
    return marks


def events_matching(events: pd.DataFrame, pattern: str) -> pd.DataFrame:
    """Events whose title matches the regular expression ``pattern`` (case-insensitive)."""
    return events[events["title"].str.contains(pattern, case=False, regex=True)]
