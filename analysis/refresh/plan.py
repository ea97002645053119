"""Merge fresh publisher rows into a table of ``data/``, and say what that changes.

Nothing is deleted: a row the publisher does not (or no longer) carry stays as it is, and a row
from a news report is kept wherever no official value replaces it. Where an official value does
replace a different reported one, the row keeps the report's ``source_id`` after the official one
and, if the table has a ``first_reported…`` column, the reported value in it (first reported vs
confirmed).

A revision — an existing value that the publisher now gives differently — is written only if it
is small and recent: more than :data:`TOLERANCE` (relative), or any change to a year older than
the last :data:`RECENT_YEARS` of the fresh series, is *held* (listed, not written) unless the user
passes ``--yes``. Values are the same when they agree to the precision the table wrote them with.
"""
from __future__ import annotations

from dataclasses import dataclass, field

TOLERANCE = 0.02
RECENT_YEARS = 3
FIRST_REPORTED_PREFIX = "first_reported"
#: A status the table does not list becomes the nearest one it does.
STATUS_FALLBACK = {"second_preliminary": "preliminary"}


@dataclass(frozen=True)
class Update:
    """Rows from one publisher file for one table.

    ``values`` are compared and revised; ``extras`` are written on new rows and fill empty cells;
    ``attributes`` (e.g. ``status``) follow the publisher whenever its values are taken;
    ``units`` names the unit column of a value column (a value is never compared across units).
    Cells are strings as the table writes them, or None where the publisher gives nothing.
    """

    table: str
    source: str
    source_id: str
    rows: tuple[dict, ...]
    values: tuple[str, ...]
    extras: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    units: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    table: str
    source: str
    key: tuple
    column: str
    old: str
    new: str
    kind: str  # added | filled | revised | unchanged | held | left_out


def same_value(old: str, new: str) -> bool:
    """Equal to the precision ``old`` is written with (``69800`` and ``69800.4`` are the same)."""
    decimals = len(old.split(".")[1]) if "." in old else 0
    return abs(float(old) - float(new)) <= 0.5 * 10 ** -decimals + 1e-9


def _is_held(old: str, new: str, year: int, last_year: int) -> bool:
    if year <= last_year - RECENT_YEARS:
        return True
    base = abs(float(old))
    return base == 0 or abs(float(new) - float(old)) / base > TOLERANCE


def _within_schema(row: dict, schema: dict, update: Update) -> tuple[str, str] | None:
    """Why ``row`` cannot enter the table, as (column, reason), or None if it can.

    A key or extra column outside its declared list or range keeps the row out (reported, not an
    error: the descriptor decides what the table holds, e.g. trade_monthly from 2015-01).
    """
    for spec in schema["fields"]:
        value = row.get(spec["name"])
        if value is None or spec["name"] not in (schema["primaryKey"] + list(update.extras)):
            continue
        constraints = spec.get("constraints", {})
        if "enum" in constraints and value not in constraints["enum"]:
            return spec["name"], f"'{value}' is not in the table's list"
        low, high = str(constraints.get("minimum", "")), str(constraints.get("maximum", ""))
        if (low and value < low) or (high and value > high):
            return spec["name"], f"outside the declared range {low}–{high}"
    return None


def _drop_units_outside_enum(row: dict, schema: dict, update: Update) -> dict:
    enums = {f["name"]: f.get("constraints", {}).get("enum") for f in schema["fields"]}
    row = dict(row)
    for value_column, unit_column in update.units.items():
        allowed = enums.get(unit_column)
        if allowed and row.get(unit_column) not in allowed:
            row[value_column] = row[unit_column] = None
    return row


def _new_row(header: list[str], fresh: dict, update: Update) -> dict:
    row = {c: "" if fresh.get(c) is None else fresh[c] for c in header}
    row["source_id"] = update.source_id
    return row


def _keep_first_report(row: dict, column: str, old: str, update: Update) -> None:
    """Move a reported value the publisher now replaces into the ``first_reported…`` columns.

    Only where the table has them (a value column and, optionally, its ``…source_id``), they are
    empty, and the old value did not come from this very publisher file.
    """
    value_columns = [c for c in row if c.startswith(FIRST_REPORTED_PREFIX) and not c.endswith("source_id")]
    source_columns = [c for c in row if c.startswith(FIRST_REPORTED_PREFIX) and c.endswith("source_id")]
    cited = [s for s in row["source_id"].split(";") if s]
    if column != update.values[0] or len(value_columns) != 1 or row[value_columns[0]] \
            or update.source_id in cited:
        return
    row[value_columns[0]] = old
    if len(source_columns) == 1 and not row[source_columns[0]]:
        row[source_columns[0]] = ";".join(cited)
        row["source_id"] = update.source_id


def _merge_row(row: dict, fresh: dict, update: Update, last_year: int, yes: bool,
               key: tuple) -> list[Change]:
    changes, held = [], False
    year = int(str(key[0])[:4])
    for column in update.values:
        new = fresh.get(column)
        unit = update.units.get(column)
        if new is None or (unit and row.get(unit) and fresh.get(unit) and row[unit] != fresh[unit]):
            continue
        old = row[column]
        if old == "":
            kind = "filled"
        elif same_value(old, new):
            kind = "unchanged"
        elif _is_held(old, new, year, last_year) and not yes:
            kind, held = "held", True
        else:
            kind = "revised"
            _keep_first_report(row, column, old, update)
        if kind in ("filled", "revised"):
            row[column] = new
            if unit and unit in row and fresh.get(unit):
                row[unit] = fresh[unit]
        changes.append(Change(update.table, update.source, key, column, old, new, kind))
    taken = [c for c in changes if c.kind != "held"]
    if taken:
        cited = [s for s in row["source_id"].split(";") if s and s != update.source_id]
        row["source_id"] = ";".join([update.source_id, *cited])
        for column in update.extras:
            if column in row and not row[column] and fresh.get(column) is not None:
                row[column] = fresh[column]
        if not held:
            for column in update.attributes:
                if column in row and fresh.get(column) is not None:
                    row[column] = fresh[column]
    return changes


def _fit_status(rows: tuple[dict, ...], schema: dict, update: Update) -> tuple[dict, ...]:
    enums = {f["name"]: f.get("constraints", {}).get("enum") for f in schema["fields"]}
    fitted = []
    for fresh in rows:
        fresh = dict(fresh)
        for column in update.attributes:
            allowed = enums.get(column)
            if allowed and fresh.get(column) not in allowed and STATUS_FALLBACK.get(fresh.get(column)) in allowed:
                fresh[column] = STATUS_FALLBACK[fresh[column]]
        fitted.append(fresh)
    return tuple(fitted)


def merge(header: list[str], rows: list[dict], schema: dict, update: Update,
          yes: bool = False) -> tuple[list[dict], list[Change]]:
    """The table's rows with ``update`` merged in, and every change (or non-change) it made."""
    key_columns = list(schema["primaryKey"])
    rows = [dict(r) for r in rows]
    position = {tuple(r[c] for c in key_columns): i for i, r in enumerate(rows)}
    changes, added = [], False
    candidates = []
    for fresh in _fit_status(update.rows, schema, update):
        reason = _within_schema(fresh, schema, update)
        key = tuple(fresh[c] for c in key_columns)
        if reason:
            changes.append(Change(update.table, update.source, key, reason[0], "", reason[1], "left_out"))
        else:
            candidates.append(_drop_units_outside_enum(fresh, schema, update))
    last_year = max((int(str(f[key_columns[0]])[:4]) for f in candidates), default=0)
    for fresh in candidates:
        key = tuple(fresh[c] for c in key_columns)
        if key in position:
            changes += _merge_row(rows[position[key]], fresh, update, last_year, yes, key)
        else:
            rows.append(_new_row(header, fresh, update))
            position[key] = len(rows) - 1
            added = True
            shown = ", ".join(f"{c} {fresh[c]}" for c in update.values if fresh.get(c) is not None)
            changes.append(Change(update.table, update.source, key, "(row)", "", shown, "added"))
    if added:
        rows.sort(key=lambda r: tuple(r[c] for c in key_columns))
    return rows, changes
