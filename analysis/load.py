"""Load the curated tables in ``data/`` as typed, validated DataFrames.

Each table is described once, in ``data/datapackage.json``: its file, columns, types, allowed
values, keys, sort order (``x-sort``) and the link of its ``source_id`` column to ``sources.csv``.
Loading reads every cell as text, checks it against that description and only then converts
types, so a bad cell is reported by file, row and column instead of surfacing later as a puzzling
NaN. Every table has a loader ``load_<name>`` (``load_events``, ``load_trade_annual`` …) made
from its descriptor entry, so a new table needs no code here.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.paths import DATA_DIR
from analysis.validate import (
    DataValidationError,
    DescriptorError,
    Problem,
    check_references,
    decode_csv,
    descriptor_problems,
    display_path,
    parse_partial_date,
    references,
    validate_frame,
)

DESCRIPTOR_NAME = "datapackage.json"
# Loader names kept from before the loaders were derived from the descriptor.
LOADER_ALIASES = {"fx": "fx_annual"}


@lru_cache(maxsize=8)
def _parse_descriptor(path: Path, data: bytes) -> dict:
    try:
        descriptor = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise DescriptorError(f"{display_path(path)}: not UTF-8 at byte {error.start}") from None
    except json.JSONDecodeError as error:
        raise DescriptorError(f"{display_path(path)}: line {error.lineno}, column {error.colno}: "
                              f"not valid JSON ({error.msg})") from None
    problems = descriptor_problems(descriptor)
    if problems:
        raise DescriptorError(f"{display_path(path)}: " + "\n  ".join(problems))
    return descriptor


def read_descriptor(data_dir: Path | None = None) -> dict:
    """The data package descriptor (schemas and provenance of every table), checked.

    Keyed on the file's bytes rather than its modification time, which can stay the same across
    two quick edits; reading 40 kB is cheap, parsing and checking it is done once.
    """
    path = Path(data_dir or DATA_DIR) / DESCRIPTOR_NAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DescriptorError(f"{display_path(path)}: the data package descriptor is missing") from None
    return _parse_descriptor(path, data)


def table_names(data_dir: Path | None = None) -> list[str]:
    """Names of all tables in the data package, in the order the descriptor lists them."""
    return [r["name"] for r in read_descriptor(data_dir)["resources"]]


def resource(name: str, data_dir: Path | None = None) -> dict:
    """The descriptor entry of one table; a clear error lists the known names otherwise."""
    resources = {r["name"]: r for r in read_descriptor(data_dir)["resources"]}
    if name not in resources:
        raise KeyError(f"no table '{name}' in {DESCRIPTOR_NAME}; known: {', '.join(resources)}")
    return resources[name]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(f"{display_path(path)}: the data file named in "
                                f"{DESCRIPTOR_NAME} does not exist") from None
    except OSError as error:  # a folder, no permission: still one line naming the file
        raise DataValidationError([Problem(path, None, None, f"cannot be read ({error.strerror})")]) from None


@lru_cache(maxsize=64)
def _parse_csv(path: Path, data: bytes) -> pd.DataFrame:
    header, body = decode_csv(data, path)
    return pd.DataFrame(body, columns=header, dtype=object)


def read_raw(path: Path) -> pd.DataFrame:
    """A CSV file with every cell as a string ('' when empty); ragged rows are reported."""
    return _parse_csv(path, _read_bytes(path)).copy()  # a copy: the parsed file is cached


def _convert(raw: pd.DataFrame, schema: dict) -> pd.DataFrame:
    """Typed columns from validated text: numbers, dates (start of period), categories."""
    typed = {}
    for field in schema["fields"]:
        text = raw[field["name"]]
        kind = field.get("type", "string")
        empty = text == ""
        if kind in ("integer", "year"):
            typed[field["name"]] = pd.to_numeric(text.mask(empty)).astype("Int64")
        elif kind == "number":
            typed[field["name"]] = pd.to_numeric(text.mask(empty)).astype("float64")
        elif kind in ("date", "yearmonth") or "x-partialDate" in field:
            typed[field["name"]] = pd.to_datetime(
                [pd.NaT if v == "" else parse_partial_date(v) for v in text])
        elif "enum" in field.get("constraints", {}):
            typed[field["name"]] = pd.Categorical(text.mask(empty),
                                                  categories=field["constraints"]["enum"])
        else:
            typed[field["name"]] = text.mask(empty).astype("string")
    return pd.DataFrame(typed, index=raw.index)


def _table_path(name: str, data_dir: Path | None) -> Path:
    return Path(data_dir or DATA_DIR) / resource(name, data_dir)["path"]


def _reference_problems(raw: pd.DataFrame, schema: dict, path: Path,
                        data_dir: Path | None) -> list[Problem]:
    """Standard ``foreignKeys`` (one id a cell) and ``x-foreignKeys`` (a list of ids a cell)."""
    problems = []
    for key in references(schema):
        target = key["reference"]["resource"]
        target_raw = read_raw(_table_path(target, data_dir))
        known = set(target_raw[key["reference"]["fields"]])
        problems += check_references(raw, key["fields"], known, key.get("listSeparator"),
                                     path, f"{resource(target, data_dir)['path']}")
    return problems


@lru_cache(maxsize=64)
def _checked(path: Path, data: bytes, schema_json: str, data_dir: Path | None,
             digests: tuple[bytes, ...]) -> pd.DataFrame:
    """Validate once per content of the file, its schema and (``digests``, part of the cache key
    only) the files it refers to."""
    schema = json.loads(schema_json)
    raw = _parse_csv(path, data)
    problems = validate_frame(raw, schema, path)
    if not problems:
        problems = _reference_problems(raw, schema, path, data_dir)
    if problems:
        raise DataValidationError(problems)
    return raw


def validate_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Read one table as text and raise :class:`DataValidationError` on any problem."""
    schema = resource(name, data_dir)["schema"]
    path = _table_path(name, data_dir)
    targets = [key["reference"]["resource"] for key in references(schema)]
    # Digests, not the referenced files' bytes, keep the cache keys small.
    digests = tuple(hashlib.blake2b(_read_bytes(_table_path(t, data_dir))).digest() for t in targets)
    raw = _checked(path, _read_bytes(path), json.dumps(schema, sort_keys=True), data_dir, digests)
    return raw.copy()


def load_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """One validated table with proper dtypes, in its ``x-sort`` order (ties keep the file's
    order); ``df.attrs`` keeps its file name and title."""
    raw = validate_table(name, data_dir)
    entry = resource(name, data_dir)
    table = _convert(raw, entry["schema"])
    if entry.get("x-sort"):
        table = table.sort_values(entry["x-sort"], kind="stable").reset_index(drop=True)
    table.attrs = {"table": name, "path": entry["path"], "title": entry.get("title", name)}
    return table


def _loader(name: str):
    """``load_<name>(data_dir=None)``, documented by the table's title and description."""
    def load(data_dir: Path | None = None) -> pd.DataFrame:
        return load_table(name, data_dir)
    entry = resource(name)
    load.__name__ = load.__qualname__ = f"load_{name}"
    load.__doc__ = f"{entry.get('title', name)}.\n\n{entry.get('description', '')}".strip()
    return load


def __getattr__(attribute: str):
    """Make ``load_<table>`` on first use for every table of ``data/datapackage.json``."""
    name = attribute.removeprefix("load_")
    name = LOADER_ALIASES.get(name, name)
    if not attribute.startswith("load_") or name not in table_names():
        raise AttributeError(f"module {__name__!r} has no attribute {attribute!r}")
    loader = globals()[attribute] = _loader(name)
    return loader


def __dir__() -> list[str]:
    loaders = [f"load_{n}" for n in table_names()] + [f"load_{a}" for a in LOADER_ALIASES]
    return sorted(set(globals()) | set(loaders))


def describe_tables(data_dir: Path | None = None) -> pd.DataFrame:
    """One row per table: name, title, file, rows and distinct sources cited."""
    rows = []
    for name in table_names(data_dir):
        if name == "sources":
            continue
        raw = validate_table(name, data_dir)
        cited = raw["source_id"].str.split(";").explode()
        rows.append({"table": name, "title": resource(name, data_dir).get("title", name),
                     "file": f"data/{resource(name, data_dir)['path']}", "rows": len(raw),
                     "sources": cited[cited != ""].nunique()})
    return pd.DataFrame(rows)


def validate_all(data_dir: Path | None = None) -> dict[str, int]:
    """Validate every table; return row counts, or raise one error listing all problems."""
    counts, problems = {}, []
    for name in table_names(data_dir):
        try:
            counts[name] = len(validate_table(name, data_dir))
        except DataValidationError as error:
            problems += error.problems
        except FileNotFoundError:
            problems.append(Problem(_table_path(name, data_dir), None, None,
                                    f"the file named in {DESCRIPTOR_NAME} does not exist"))
    if problems:
        # A bad sources.csv is met by every table that cites it: report it once.
        raise DataValidationError(list(dict.fromkeys(problems)))
    return counts
