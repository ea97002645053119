"""Check a raw table (every cell still a string) against its Table Schema.

The schema lives in ``data/datapackage.json`` (a Frictionless-style data package). This module
understands the subset the project uses:

* field types ``string``, ``integer``, ``number``, ``date`` (YYYY-MM-DD), ``yearmonth`` (YYYY-MM),
  ``year`` and ``partialdate`` (YYYY, YYYY-MM or YYYY-MM-DD, whose form must match the field named
  by ``precisionField``);
* constraints ``required``, ``enum``, ``pattern``, ``minimum``, ``maximum``, ``unique``;
* ``primaryKey`` and ``foreignKeys`` (with ``listSeparator`` for cells holding several ids).

Every problem is reported with the file, the data row (1 = first row under the header, the line
number in the file is given too) and the column, so a curator can go straight to the cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from analysis.paths import PROJECT_ROOT

MAX_PROBLEMS_SHOWN = 20
PRECISION_PATTERNS = {
    "year": re.compile(r"^\d{4}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
}
NUMBER_PATTERN = re.compile(r"^-?\d+(\.\d+)?$")
INTEGER_PATTERN = re.compile(r"^-?\d+$")


@dataclass(frozen=True)
class Problem:
    """One bad cell (or a missing column, where ``row`` is None)."""

    file: Path
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = "header (line 1)" if self.row is None else f"row {self.row} (line {self.row + 1})"
        return f"{display_path(self.file)}: {where}, column '{self.column}': {self.message}"


class DataValidationError(ValueError):
    """Raised when a data file breaks its schema; lists every problem with file, row and column."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n  ".join(str(p) for p in problems[:MAX_PROBLEMS_SHOWN])
        more = len(problems) - MAX_PROBLEMS_SHOWN
        tail = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n  {shown}{tail}")


def display_path(path: Path) -> str:
    """The path relative to the project root when it is inside it, else as given."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def parse_partial_date(text: str) -> date:
    """``1855``, ``1855-02`` or ``1855-02-07`` as the first day of that period."""
    parts = [int(p) for p in text.split("-")]
    parts += [1] * (3 - len(parts))
    return date(*parts)


def _check_type(value: str, field: dict) -> str | None:
    """Return an error message if ``value`` (non-empty) does not parse as the field's type."""
    kind = field.get("type", "string")
    try:
        if kind == "integer" and not INTEGER_PATTERN.match(value):
            return f"'{value}' is not a whole number"
        if kind == "number" and not NUMBER_PATTERN.match(value):
            return f"'{value}' is not a number (use . as decimal point, no thousands separators)"
        if kind == "year" and not PRECISION_PATTERNS["year"].match(value):
            return f"'{value}' is not a year (YYYY)"
        if kind == "yearmonth":
            if not PRECISION_PATTERNS["month"].match(value):
                return f"'{value}' is not a month (YYYY-MM)"
            parse_partial_date(value)
        if kind == "date":
            if not PRECISION_PATTERNS["day"].match(value):
                return f"'{value}' is not a date (YYYY-MM-DD)"
            parse_partial_date(value)
        if kind == "partialdate":
            if not any(p.match(value) for p in PRECISION_PATTERNS.values()):
                return f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            parse_partial_date(value)
    except ValueError:
        return f"'{value}' is not a valid calendar date"
    return None


def _comparable(value: str, field: dict):
    """The value in a form that ``minimum``/``maximum`` can be compared with."""
    if field.get("type") in ("date", "partialdate", "yearmonth"):
        return parse_partial_date(value)
    return float(value)


def _check_constraints(value: str, field: dict) -> str | None:
    constraints = field.get("constraints", {})
    if "enum" in constraints and value not in constraints["enum"]:
        allowed = ", ".join(constraints["enum"])
        return f"'{value}' is not an allowed value (allowed: {allowed})"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        return f"'{value}' does not match the pattern {constraints['pattern']}"
    if "minimum" in constraints and _comparable(value, field) < _comparable(str(constraints["minimum"]), field):
        return f"'{value}' is below the minimum {constraints['minimum']}"
    if "maximum" in constraints and _comparable(value, field) > _comparable(str(constraints["maximum"]), field):
        return f"'{value}' is above the maximum {constraints['maximum']}"
    return None


def _check_cell(value: str, field: dict) -> str | None:
    if value == "":
        return "a value is required" if field.get("constraints", {}).get("required") else None
    return _check_type(value, field) or _check_constraints(value, field)


def _check_precision(raw: pd.DataFrame, field: dict, path: Path) -> list[Problem]:
    """A partial date must be written at the precision its companion column states."""
    other = field["precisionField"]
    problems = []
    for row, (value, precision) in enumerate(zip(raw[field["name"]], raw[other], strict=True), start=1):
        pattern = PRECISION_PATTERNS.get(precision)
        if value and pattern and not pattern.match(value):
            problems.append(Problem(path, row, field["name"],
                                    f"'{value}' is not written at {other} '{precision}'"))
    return problems


def _check_unique(raw: pd.DataFrame, columns: list[str], path: Path) -> list[Problem]:
    keys = raw[columns].apply(tuple, axis=1)
    duplicated = keys.duplicated(keep="first")
    label = "+".join(columns)
    return [
        Problem(path, row, label, f"duplicate key {keys.iloc[row - 1]!r} (first seen in row "
                f"{int(keys[keys == keys.iloc[row - 1]].index[0]) + 1})")
        for row in (duplicated[duplicated].index + 1)
    ]


def validate_frame(raw: pd.DataFrame, schema: dict, path: Path) -> list[Problem]:
    """All problems of ``raw`` (a table read with every cell as a string) against ``schema``."""
    fields = schema["fields"]
    missing = [f["name"] for f in fields if f["name"] not in raw.columns]
    problems = [Problem(path, None, name, "column is missing") for name in missing]
    unknown = [c for c in raw.columns if c not in {f["name"] for f in fields}]
    problems += [Problem(path, None, name, "column is not in the schema") for name in unknown]
    if problems:
        return problems
    raw = raw.reset_index(drop=True)
    for field in fields:
        for row, value in enumerate(raw[field["name"]], start=1):
            message = _check_cell(value, field)
            if message:
                problems.append(Problem(path, row, field["name"], message))
        if "precisionField" in field:
            problems += _check_precision(raw, field, path)
        if field.get("constraints", {}).get("unique"):
            problems += _check_unique(raw, [field["name"]], path)
    if schema.get("primaryKey"):
        key = schema["primaryKey"]
        problems += _check_unique(raw, [key] if isinstance(key, str) else list(key), path)
    return problems


def check_references(raw: pd.DataFrame, column: str, known: set[str], separator: str | None,
                     path: Path, target: str) -> list[Problem]:
    """Every id in ``column`` (possibly a ``separator``-joined list) must be in ``known``."""
    problems = []
    for row, cell in enumerate(raw[column], start=1):
        ids = cell.split(separator) if separator else [cell]
        for ref in (i for i in ids if cell != ""):
            if ref not in known:
                problems.append(Problem(path, row, column, f"'{ref}' does not resolve to {target}"))
    return problems
