"""Sources: the short source line of a figure and reading lists of the sources cited."""
from __future__ import annotations

import pandas as pd


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


def reading_list(sources: pd.DataFrame, *tables: pd.DataFrame, publishers: list[str] | None = None,
                 most: int | None = None, ranks: list[str] | None = None) -> pd.DataFrame:
    """``publisher, title, url`` of the sources cited by ``tables`` (optionally only publishers
    whose name contains one of ``publishers``), most-cited first. ``ranks`` (e.g. ``["publisher",
    "agency"]``) keeps only sources of those ranks, once ``sources`` has a ``rank`` column; a
    sources table without one is not filtered by rank."""
    ids = pd.concat([t["source_id"].astype(str).str.split(";").explode() for t in tables])
    cited = ids.value_counts().rename("citations")
    listed = sources.set_index("source_id").join(cited, how="inner")
    if publishers:
        keep = listed["publisher"].str.contains("|".join(publishers), case=False, regex=True)
        listed = listed[keep]
    if ranks and "rank" in listed:
        listed = listed[listed["rank"].isin(list(ranks))]
    listed = listed.sort_values(["citations", "publisher", "title"], ascending=[False, True, True],
                                kind="stable")
    listed = listed.head(most) if most else listed
    return listed[["publisher", "title", "url"]].reset_index(drop=True)
