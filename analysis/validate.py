"""Check the descriptor and the raw tables (every cell still a string) against their Table Schema.

The schema lives in ``data/datapackage.json``, a standard Frictionless Data Package (so
``frictionless validate data/datapackage.json`` passes too). This module checks the subset of the
standard the project uses, with messages that name the file, the row and the column:

* field types ``string``, ``integer``, ``number``, ``date`` (YYYY-MM-DD), ``yearmonth`` (YYYY-MM)
  and ``year``;
* constraints ``required``, ``enum``, ``pattern``, ``minimum``, ``maximum``, ``unique``;
* ``primaryKey``.

Project-specific properties, which the standard allows and Frictionless ignores, start with ``x-``:

* ``x-partialDate`` on a ``string`` field: a date written at its precision (YYYY, YYYY-MM or
  YYYY-MM-DD), with ``minimum``/``maximum`` and an optional ``precisionField`` naming the column
  that states the precision; loaded as the first day of the period;
* ``x-foreignKeys`` on a schema: like ``foreignKeys``, but a cell may list several ids joined by
  ``listSeparator`` (the standard's keys compare whole cells, so ``src-a;src-b`` would fail);
* ``x-multiline`` on a field: tabs and line breaks are allowed in its cells (else refused, like
  every other control character);
* ``x-sort`` on a resource (the columns its loader sorts by) and ``x-unit`` on a field.

Every problem is reported with the file, the data row (1 = first row under the header, the line
number in the file is given too) and the column, so a curator can go straight to the cell.
"""
from __future__ import annotations

import csv
import io
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
# C0 controls, DEL and C1 controls; tab, LF and CR only where a field is x-multiline.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROL_NAMES = {"\x00": "NUL", "\t": "tab", "\n": "line feed", "\r": "carriage return", "\x7f": "DEL"}

# The types and keys the project's validator understands; the rest of the standard is refused so
# that nothing in the descriptor is silently left unchecked.
SUPPORTED_TYPES = {"string", "integer", "number", "date", "yearmonth", "year"}
STANDARD_TYPES = SUPPORTED_TYPES | {"boolean", "object", "array", "list", "time", "datetime",
                                    "duration", "geopoint", "geojson", "any"}
SUPPORTED_CONSTRAINTS = {"required", "unique", "enum", "pattern", "minimum", "maximum"}
STANDARD_KEYS = {
    "package": {"profile", "$schema", "name", "id", "title", "description", "homepage", "version",
                "created", "keywords", "image", "licenses", "sources", "contributors", "resources"},
    "resource": {"profile", "$schema", "name", "path", "type", "title", "description", "homepage",
                 "sources", "licenses", "format", "mediatype", "encoding", "bytes", "hash", "dialect",
                 "schema"},
    "schema": {"$schema", "fields", "fieldsMatch", "missingValues", "primaryKey", "uniqueKeys",
               "foreignKeys"},
    "field": {"name", "title", "type", "format", "description", "example", "constraints", "rdfType",
              "missingValues", "categories", "categoriesOrdered"},
}


@dataclass(frozen=True)
class Problem:
    """One bad cell, a missing column (``row`` is None) or a whole file (``column`` is None too)."""

    file: Path
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.column is None:
            return f"{display_path(self.file)}: {self.message}"
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


class DescriptorError(ValueError):
    """``datapackage.json`` cannot be read or breaks the rules above; the message says where."""


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


# --- The descriptor ---------------------------------------------------------------------------

def references(schema: dict) -> list[dict]:
    """The schema's foreign keys: standard ones (one id a cell) and x-foreignKeys (id lists)."""
    return schema.get("foreignKeys", []) + schema.get("x-foreignKeys", [])


def _unknown_keys(entry: dict, level: str, where: str) -> list[str]:
    return [f"{where}: '{key}' is not a {level} property of the Data Package standard; "
            f"a project-specific property must start with 'x-'"
            for key in entry if key not in STANDARD_KEYS[level] and not key.startswith("x-")]


def _field_problems(field: dict, where: str, names: set[str]) -> list[str]:
    problems = _unknown_keys(field, "field", where)
    kind = field.get("type", "string")
    if not isinstance(kind, str) or kind not in STANDARD_TYPES:
        problems.append(f"{where}: type '{kind}' is not a Table Schema type (a partial date is a "
                        f"'string' with a 'pattern' and 'x-partialDate')")
    elif kind not in SUPPORTED_TYPES:
        problems.append(f"{where}: type '{kind}' is not checked by analysis/validate.py yet")
    for key in field.get("constraints", {}):
        if key not in SUPPORTED_CONSTRAINTS:
            problems.append(f"{where}: constraint '{key}' is not checked by analysis/validate.py yet")
    partial = field.get("x-partialDate")
    if partial is not None and (kind != "string" or partial.get("precisionField", field["name"]) not in names):
        problems.append(f"{where}: x-partialDate needs type 'string' and a precisionField that is a column")
    return problems or _constraint_value_problems(field, where)


def _constraint_value_problems(field: dict, where: str) -> list[str]:
    """Constraint values the checks can use: a pattern that compiles, bounds of the field's type."""
    constraints = field.get("constraints", {})
    problems = []
    if "enum" in constraints and not (isinstance(constraints["enum"], list)
                                      and all(isinstance(v, str) for v in constraints["enum"])):
        problems.append(f"{where}: enum must be a list of strings")
    try:
        re.compile(constraints.get("pattern", ""))
    except (re.error, TypeError) as error:
        problems.append(f"{where}: pattern {constraints['pattern']!r} is not a regular expression ({error})")
    for key, bound in _bounds(field).items():
        if key in ("minimum", "maximum"):
            try:
                _comparable(str(bound), field)
            except ValueError:
                problems.append(f"{where}: {key} {bound!r} is not a value of the field's type")
    return problems


def _key_problems(schema: dict, where: str, names: set[str], resources: dict[str, set[str]]) -> list[str]:
    problems = []
    key = schema.get("primaryKey", [])
    missing = [k for k in ([key] if isinstance(key, str) else key) if k not in names]
    problems += [f"{where}: primaryKey names '{k}', which is not a field" for k in missing]
    for fk in references(schema):
        reference = fk.get("reference", {})
        if fk.get("fields") not in names or reference.get("fields") not in resources.get(reference.get("resource"), ()):
            problems.append(f"{where}: foreign key {fk} must name one of its fields and a field of a resource")
    return problems


def descriptor_problems(descriptor: object) -> list[str]:
    """Everything in a parsed descriptor that would make loading fail or check less than it says."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return ["the top level must be an object with a list 'resources'"]
    problems = _unknown_keys(descriptor, "package", "package")
    entries = [(i, entry) for i, entry in enumerate(descriptor["resources"]) if _well_formed(entry)]
    problems += [f"resources[{i}]: needs 'name', 'path' and 'schema' with 'fields' that have names"
                 for i, entry in enumerate(descriptor["resources"]) if not _well_formed(entry)]
    resources = {entry["name"]: {f["name"] for f in entry["schema"]["fields"]} for _, entry in entries}
    for i, entry in entries:
        where = f"resources[{i}] ({entry['name']})"
        names = resources[entry["name"]]
        if [e["name"] for _, e in entries].count(entry["name"]) > 1:
            problems.append(f"{where}: another resource has the same name")
        if Path(entry["path"]).is_absolute() or ".." in Path(entry["path"]).parts:
            problems.append(f"{where}: path must be relative to the descriptor's folder, without '..'")
        problems += _unknown_keys(entry, "resource", where)
        problems += _unknown_keys(entry["schema"], "schema", f"{where}.schema")
        problems += [p for f in entry["schema"]["fields"]
                     for p in _field_problems(f, f"{where} field '{f['name']}'", names)]
        problems += _key_problems(entry["schema"], where, names, resources)
        sort = entry.get("x-sort", [])
        problems += ([f"{where}: x-sort names '{c}', which is not a field" for c in sort if c not in names]
                     if isinstance(sort, list) else [f"{where}: x-sort must be a list of fields"])
    return problems


def _well_formed(entry: object) -> bool:
    """Enough structure for the other checks to look into."""
    if not (isinstance(entry, dict) and isinstance(entry.get("schema"), dict)):
        return False
    fields = entry["schema"].get("fields")
    return (isinstance(entry.get("name"), str) and isinstance(entry.get("path"), str)
            and isinstance(fields, list) and all(isinstance(f, dict) and isinstance(f.get("name"), str)
                                                 for f in fields))


# --- Files ------------------------------------------------------------------------------------

def decode_csv(data: bytes, path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a UTF-8 CSV file; a wrong encoding or a ragged row is a Problem."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise DataValidationError([Problem(path, None, None, (
            f"not UTF-8: byte {error.start} (line {line}) is 0x{data[error.start]:02x}; "
            f"save the file as UTF-8"))]) from None
    if text.startswith("\ufeff"):  # spreadsheet programs add it; it would hide the first column's name
        raise DataValidationError([Problem(path, None, None,
                                           "starts with a byte-order mark; save it as UTF-8 without BOM")])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise DataValidationError([Problem(path, None, None, "the file is empty")])
    header, body = rows[0], rows[1:]
    problems = [Problem(path, None, name, "appears twice in the header")
                for i, name in enumerate(header) if name in header[:i]]
    problems += [
        Problem(path, row, "(whole row)", f"has {len(cells)} cells, the header has {len(header)}")
        for row, cells in enumerate(body, start=1) if len(cells) != len(header)
    ]
    if problems:
        raise DataValidationError(problems)
    return header, body


# --- Cells ------------------------------------------------------------------------------------

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
        if "x-partialDate" in field:
            if not any(p.match(value) for p in PRECISION_PATTERNS.values()):
                return f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            parse_partial_date(value)
    except ValueError:
        return f"'{value}' is not a valid calendar date"
    return None


def _bounds(field: dict) -> dict:
    """minimum/maximum: standard constraints, or those of x-partialDate."""
    return field.get("x-partialDate") or field.get("constraints", {})


def _comparable(value: str, field: dict):
    """The value in a form that ``minimum``/``maximum`` can be compared with."""
    if field.get("type") in ("date", "yearmonth") or "x-partialDate" in field:
        return parse_partial_date(value)
    return float(value)


def _check_constraints(value: str, field: dict) -> str | None:
    constraints = field.get("constraints", {})
    if "enum" in constraints and value not in constraints["enum"]:
        allowed = ", ".join(constraints["enum"])
        return f"'{value}' is not an allowed value (allowed: {allowed})"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        return f"'{value}' does not match the pattern {constraints['pattern']}"
    bounds = _bounds(field)
    if "minimum" in bounds and _comparable(value, field) < _comparable(str(bounds["minimum"]), field):
        return f"'{value}' is below the minimum {bounds['minimum']}"
    if "maximum" in bounds and _comparable(value, field) > _comparable(str(bounds["maximum"]), field):
        return f"'{value}' is above the maximum {bounds['maximum']}"
    return None


def _check_control(value: str, field: dict) -> str | None:
    """A NUL or other control character is invisible in an editor and breaks exports: refuse it."""
    found = (CONTROL if field.get("x-multiline") else CONTROL_OR_BREAK).search(value)
    if not found:
        return None
    char = found.group(0)
    name = CONTROL_NAMES.get(char, "control character")
    return f"contains U+{ord(char):04X} ({name}) at character {found.start() + 1}"


def _check_cell(value: str, field: dict) -> str | None:
    if value == "":
        return "a value is required" if field.get("constraints", {}).get("required") else None
    return _check_control(value, field) or _check_type(value, field) or _check_constraints(value, field)


def _check_precision(columns: dict[str, list[str]], field: dict, path: Path) -> list[Problem]:
    """A partial date must be written at the precision its companion column states."""
    other = field["x-partialDate"]["precisionField"]
    problems = []
    for row, (value, precision) in enumerate(zip(columns[field["name"]], columns[other], strict=True), start=1):
        pattern = PRECISION_PATTERNS.get(precision)
        if value and pattern and not pattern.match(value):
            problems.append(Problem(path, row, field["name"],
                                    f"'{value}' is not written at {other} '{precision}'"))
    return problems


def _check_unique(columns: dict[str, list[str]], names: list[str], path: Path) -> list[Problem]:
    first_seen: dict[tuple, int] = {}
    problems = []
    for row, key in enumerate(zip(*(columns[n] for n in names), strict=True), start=1):
        if key in first_seen:
            problems.append(Problem(path, row, "+".join(names),
                                    f"duplicate key {key!r} (first seen in row {first_seen[key]})"))
        else:
            first_seen[key] = row
    return problems


def validate_frame(raw: pd.DataFrame, schema: dict, path: Path) -> list[Problem]:
    """All problems of ``raw`` (a table read with every cell as a string) against ``schema``."""
    fields = schema["fields"]
    missing = [f["name"] for f in fields if f["name"] not in raw.columns]
    problems = [Problem(path, None, name, "column is missing") for name in missing]
    unknown = [c for c in raw.columns if c not in {f["name"] for f in fields}]
    problems += [Problem(path, None, name, "column is not in the schema") for name in unknown]
    if problems:
        return problems
    if raw.empty:  # a table emptied by accident must not pass as valid
        return [Problem(path, None, None, "has a header but no rows")]
    columns = {name: raw[name].tolist() for name in raw.columns}
    for field in fields:
        problems += [Problem(path, row, field["name"], message)
                     for row, value in enumerate(columns[field["name"]], start=1)
                     if (message := _check_cell(value, field))]
        if "precisionField" in field.get("x-partialDate", {}):
            problems += _check_precision(columns, field, path)
        if field.get("constraints", {}).get("unique"):
            problems += _check_unique(columns, [field["name"]], path)
    if schema.get("primaryKey"):
        key = schema["primaryKey"]
        problems += _check_unique(columns, [key] if isinstance(key, str) else list(key), path)
    return problems


def check_references(raw: pd.DataFrame, column: str, known: set[str], separator: str | None,
                     path: Path, target: str) -> list[Problem]:
    """Every id in ``column`` (possibly a ``separator``-joined list) must be in ``known``."""
    problems = []
    for row, cell in enumerate(raw[column].tolist(), start=1):
        ids = cell.split(separator) if separator else [cell]
        problems += [Problem(path, row, column, f"'{ref}' does not resolve to {target}")
                     for ref in ids if cell != "" and ref not in known]
    return problems
