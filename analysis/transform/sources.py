"""Sources: reading lists of the sources cited. (The source line of a figure lives in
:mod:`analysis.credit`; ``cite_publishers`` is re-exported here so ``transform.cite_publishers``
keeps working.)"""
from __future__ import annotations

import pandas as pd

from analysis.credit import cite_publishers  # noqa: F401  (re-exported: the source line lives in credit)


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
