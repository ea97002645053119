"""The derivation engine: values that reported percent changes pin down.

Trade and opinion both use it (:mod:`analysis.transform.trade` tables directly,
:mod:`analysis.transform.opinion` through its own derivations and the shared rules
of :func:`fill_gaps` and :func:`compare_derived`)."""
from __future__ import annotations

import pandas as pd

#: The ``basis`` of each value: reported, or derived one way or the other.
REPORTED = "reported"
FROM_NEXT = "derived: next period's value and reported change"
FROM_THIS = "derived: previous period's value and this period's reported change"


def _derivations(table: pd.DataFrame, value: str, change: str, time: str, by: list[str],
                 lag) -> pd.DataFrame:
    """Every value a reported percent change pins down, from reported values only.

    A source giving v and its change r% also states the earlier period: v / (1 + r/100)
    (``FROM_NEXT``); a change r% for a period whose earlier value is reported states the value:
    earlier × (1 + r/100) (``FROM_THIS``). Each derivation keeps the ``source_id`` and ``status``
    of the row(s) it rests on.
    """
    keep = by + [time, value, change, "status", "source_id"]
    rows = table[keep].dropna(subset=[change])
    with_value = rows.dropna(subset=[value])
    back = with_value.assign(**{time: with_value[time] - lag,
                                "derived": with_value[value] / (1 + with_value[change] / 100),
                                "basis": FROM_NEXT})
    earlier = table[by + [time, value, "source_id"]].dropna(subset=[value])
    earlier = earlier.assign(**{time: earlier[time] + lag})
    fwd = rows.drop(columns=value).merge(earlier, on=by + [time], suffixes=("", "_earlier"))
    fwd = fwd.assign(derived=fwd[value] * (1 + fwd[change] / 100), basis=FROM_THIS,
                     source_id=fwd["source_id"] + ";" + fwd["source_id_earlier"])
    columns = by + [time, "derived", "basis", "status", "source_id"]
    return pd.concat([back[columns], fwd[columns]], ignore_index=True)


def fill_gaps(reported: pd.DataFrame, derived: pd.DataFrame, keys: list[str], value: str,
               decimals: int) -> pd.DataFrame:
    """``reported`` (marked 'reported') plus the ``derived`` values of cells it lacks; where a cell
    can be derived both ways, the later report (``FROM_NEXT``) wins."""
    derived = derived.assign(order=(derived["basis"] == FROM_THIS).astype(int))
    derived = derived.sort_values(keys + ["order"], kind="stable").drop_duplicates(keys)
    have = reported[keys].drop_duplicates().assign(_reported=True)
    fills = derived.merge(have, on=keys, how="left")
    fills = fills[fills["_reported"].isna()]
    fills = fills.assign(**{value: fills["derived"].round(decimals)})
    columns = [c for c in keys + [value, "basis", "status", "source_id"] if c in fills]
    return pd.concat([reported.assign(basis=REPORTED), fills[columns]], ignore_index=True)


def compare_derived(derived: pd.DataFrame, reported: pd.DataFrame, keys: list[str], value: str,
             relative: bool) -> pd.DataFrame:
    """Derived values beside the reported values of the same cells, and their difference."""
    both = derived.merge(reported[keys + [value]].rename(columns={value: "reported"}), on=keys)
    if relative:
        both["difference_pct"] = 100 * (both["derived"] / both["reported"] - 1)
    else:
        both["difference_pts"] = both["derived"] - both["reported"]
    return both.drop(columns=["status", "source_id"], errors="ignore").reset_index(drop=True)


def with_implied_values(table: pd.DataFrame, value: str = "value_jpy_bn",
                        change: str = "reported_yoy_pct", time: str = "year",
                        by: list[str] | None = None, lag=1, decimals: int = 1) -> pd.DataFrame:
    """The reported values plus the gaps that reported percent changes fill, with a ``basis`` column.

    Trade news often gives a value with its change on a year earlier, which also states the
    earlier value; or only the change, which with a known earlier value states this one. Only
    cells without a reported value are filled, each from reported values (never from another
    derived value, so errors do not compound). Where both directions give a value, the one from
    the later report is used: it is computed on the revised earlier figure. Derived values are
    rounded to ``decimals`` and keep the ``source_id`` of the rows they rest on. For monthly data
    use ``time="month"`` and ``lag=pd.DateOffset(years=1)``.
    """
    by = by if by is not None else ["partner", "flow"]
    reported = table.dropna(subset=[value])
    filled = fill_gaps(reported, _derivations(table, value, change, time, by, lag),
                        by + [time], value, decimals)
    for column in by + ["status"]:
        if isinstance(table[column].dtype, pd.CategoricalDtype):
            filled[column] = filled[column].astype(table[column].dtype)
    return filled.sort_values(by + [time], kind="stable").reset_index(drop=True)


def derivation_check(table: pd.DataFrame, value: str = "value_jpy_bn",
                     change: str = "reported_yoy_pct", time: str = "year",
                     by: list[str] | None = None, lag=1) -> pd.DataFrame:
    """Where a reported value could also be derived from a reported change: both, and the
    difference in percent of the reported value. Shows how far derived values can be trusted
    (first releases against revised figures)."""
    by = by if by is not None else ["partner", "flow"]
    derived = _derivations(table, value, change, time, by, lag)
    return compare_derived(derived, table.dropna(subset=[value]), by + [time], value, relative=True)
