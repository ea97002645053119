"""Helpers on any tidy table: loop over groups, complete the years, largest falls."""
from __future__ import annotations

import pandas as pd


def by_group(table: pd.DataFrame, by: list[str]):
    """``(labels, group)`` for each group of ``by`` (``labels`` maps column to value), or
    ``({}, table)`` once when ``by`` is empty: one loop for grouped and ungrouped tables."""
    if not by:
        yield {}, table
        return
    for key, group in table.groupby(by, observed=True):
        yield dict(zip(by, key if isinstance(key, tuple) else (key,), strict=True)), group


def complete_years(table: pd.DataFrame, by: list[str], value: str, time: str = "year") -> pd.DataFrame:
    """Every year between the first and last, per group, with NaN where no value is known, so a
    line plot breaks at gaps instead of drawing across them."""
    years = range(int(table[time].min()), int(table[time].max()) + 1)
    groups = table[by].drop_duplicates()
    frame = groups.merge(pd.DataFrame({time: years}), how="cross")
    kept = table[by + [time, value]].assign(**{time: table[time].astype(int)})
    return frame.merge(kept, on=by + [time], how="left")


def largest_changes(table: pd.DataFrame, value: str, time: str = "survey_year",
                    most: int = 2) -> pd.DataFrame:
    """The ``most`` largest falls between consecutive known values (``change`` = this − previous
    known value; gaps between surveyed years are spanned and ``since`` says from when)."""
    known = table.dropna(subset=[value])[[time, value]].reset_index(drop=True)
    known["since"] = known[time].shift(1)
    known["change"] = known[value].diff()
    return known.dropna(subset=["change"]).sort_values("change", kind="stable").head(most)
