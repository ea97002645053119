"""Revisions of official figures: the value first reported against the one that replaced it.

Japan's trade figures are released as preliminary (the news reports these), then revised as late
declarations and corrections arrive, and confirmed about a year later. ``trade_annual.csv`` keeps the
confirmed value in ``value_jpy_bn`` and, where the first report differed, that report in
``first_reported_jpy_bn``.
"""
from __future__ import annotations

import pandas as pd


def list_revisions(table: pd.DataFrame, value: str = "value_jpy_bn",
              first: str = "first_reported_jpy_bn", keys: list[str] | None = None) -> pd.DataFrame:
    """One row per cell that has both a first-reported and a later value: ``keys``, the two values,
    the later value's ``status``, the revision (``change`` = revised − first, in the table's unit)
    and ``change_pct`` (percent of the first report). Rows without both values are left out, so a
    level never reported before its revision is not shown as a revision."""
    keys = keys if keys is not None else ["year", "partner", "flow"]
    missing = [c for c in keys + [value, first, "status"] if c not in table.columns]
    if missing:
        raise KeyError(f"revisions needs the columns {missing}")
    both = table.dropna(subset=[value, first])
    out = both[keys].copy()
    out["first_reported"] = both[first].astype(float)
    out["revised"] = both[value].astype(float)
    out["status"] = both["status"].astype("string")
    out["change"] = out["revised"] - out["first_reported"]
    out["change_pct"] = 100 * out["change"] / out["first_reported"]
    return out.sort_values(keys, kind="stable").reset_index(drop=True)
