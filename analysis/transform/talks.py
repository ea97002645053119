"""Peace-treaty talks: leaders' meetings by year and by pair."""
from __future__ import annotations

import pandas as pd


def surname(name: str) -> str:
    """'Shinzo Abe' -> 'Abe'."""
    return str(name).split()[-1]


def meetings_per_year(meetings: pd.DataFrame, in_person: bool = True) -> pd.DataFrame:
    """Tidy ``year, pair, meetings`` (pair like 'Abe–Putin'); every year from the first to the
    last meeting is present for every pair (0 where none), so quiet years show."""
    table = meetings[meetings["format"] != "phone"] if in_person else meetings
    pairs = table["jp_leader"].map(surname) + "–" + table["ru_leader"].map(surname)
    counts = table.assign(year=table["date"].dt.year, pair=pairs).groupby(["year", "pair"]).size()
    years = range(int(table["date"].dt.year.min()), int(table["date"].dt.year.max()) + 1)
    order = list(dict.fromkeys(pairs))  # pairs in order of first meeting
    full = pd.MultiIndex.from_product([years, order], names=["year", "pair"])
    return counts.reindex(full, fill_value=0).rename("meetings").reset_index()


def meetings_by_pair(per_year: pd.DataFrame) -> pd.Series:
    """Total meetings per leader pair from :func:`meetings_per_year`, most first (stable)."""
    totals = per_year.groupby("pair", sort=False)["meetings"].sum()
    return totals.sort_values(ascending=False, kind="stable")
