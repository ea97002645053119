"""Load the curated tables in ``data/`` as typed, validated DataFrames.

Each table is described once, in ``data/datapackage.json``: its file, columns, types, allowed
values, keys and the link of its ``source_id`` column to ``sources.csv``. Loading reads every cell
as text, checks it against that description and only then converts types, so a bad cell is
reported by file, row and column instead of surfacing later as a puzzling NaN.
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.paths import DATA_DIR
from analysis.validate import (
    DataValidationError,
    Problem,
    check_references,
    display_path,
    parse_partial_date,
    validate_frame,
)

DESCRIPTOR_NAME = "datapackage.json"


@lru_cache(maxsize=8)
def _read_descriptor_cached(path: Path, mtime: float) -> dict:
    with open(path, encoding="utf-8") as handle:
        try:
            return json.load(handle)
        except json.JSONDecodeError as error:
            raise ValueError(f"{display_path(path)}: line {error.lineno}, column {error.colno}: "
                             f"not valid JSON ({error.msg})") from None


def read_descriptor(data_dir: Path | None = None) -> dict:
    """The data package descriptor (schemas and provenance of every table)."""
    path = Path(data_dir or DATA_DIR) / DESCRIPTOR_NAME
    return _read_descriptor_cached(path, path.stat().st_mtime)


def table_names(data_dir: Path | None = None) -> list[str]:
    """Names of all tables in the data package, in the order the descriptor lists them."""
    return [r["name"] for r in read_descriptor(data_dir)["resources"]]


def resource(name: str, data_dir: Path | None = None) -> dict:
    """The descriptor entry of one table; a clear error lists the known names otherwise."""
    resources = {r["name"]: r for r in read_descriptor(data_dir)["resources"]}
    if name not in resources:
        raise KeyError(f"no table '{name}' in {DESCRIPTOR_NAME}; known: {', '.join(resources)}")
    return resources[name]


def read_raw(path: Path) -> pd.DataFrame:
    """A CSV file with every cell as a string ('' when empty); ragged rows are reported."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        raise FileNotFoundError(f"{display_path(path)}: the data file named in "
                                f"{DESCRIPTOR_NAME} does not exist") from None
    if not rows:
        raise DataValidationError([Problem(path, None, "(all)", "the file is empty")])
    header, body = rows[0], rows[1:]
    problems = [
        Problem(path, row, "(whole row)", f"has {len(cells)} cells, the header has {len(header)}")
        for row, cells in enumerate(body, start=1) if len(cells) != len(header)
    ]
    if problems:
        raise DataValidationError(problems)
    return pd.DataFrame(body, columns=header, dtype=object)


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
        elif kind in ("date", "partialdate", "yearmonth"):
            typed[field["name"]] = pd.to_datetime(
                [pd.NaT if v == "" else parse_partial_date(v) for v in text])
        elif "enum" in field.get("constraints", {}):
            typed[field["name"]] = pd.Categorical(text.mask(empty),
                                                  categories=field["constraints"]["enum"])
        else:
            typed[field["name"]] = text.mask(empty).astype("string")
    return pd.DataFrame(typed, index=raw.index)


def _reference_problems(raw: pd.DataFrame, schema: dict, path: Path,
                        data_dir: Path | None) -> list[Problem]:
    problems = []
    for key in schema.get("foreignKeys", []):
        target = key["reference"]["resource"]
        target_raw = read_raw(_table_path(target, data_dir))
        known = set(target_raw[key["reference"]["fields"]])
        problems += check_references(raw, key["fields"], known, key.get("listSeparator"),
                                     path, f"{resource(target, data_dir)['path']}")
    return problems


def _table_path(name: str, data_dir: Path | None) -> Path:
    return Path(data_dir or DATA_DIR) / resource(name, data_dir)["path"]


def validate_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Read one table as text and raise :class:`DataValidationError` on any problem."""
    schema = resource(name, data_dir)["schema"]
    path = _table_path(name, data_dir)
    raw = read_raw(path)
    problems = validate_frame(raw, schema, path)
    if not problems:
        problems = _reference_problems(raw, schema, path, data_dir)
    if problems:
        raise DataValidationError(problems)
    return raw


def load_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """One validated table with proper dtypes; ``df.attrs`` keeps its file name and title."""
    raw = validate_table(name, data_dir)
    entry = resource(name, data_dir)
    table = _convert(raw, entry["schema"])
    table.attrs = {"table": name, "path": entry["path"], "title": entry.get("title", name)}
    return table


def load_sources(data_dir: Path | None = None) -> pd.DataFrame:
    """Where every number comes from: ``source_id, url, publisher, title, retrieved, note``."""
    return load_table("sources", data_dir)


def load_events(data_dir: Path | None = None) -> pd.DataFrame:
    """The chronology 1855–today, sorted by date (ties keep the file's order)."""
    events = load_table("events", data_dir)
    return events.sort_values("date", kind="stable").reset_index(drop=True)


def load_eras(data_dir: Path | None = None) -> pd.DataFrame:
    """The eras the chronology is divided into (start and end years, inclusive)."""
    return _sorted_table("eras", ["start_year"], data_dir)


def _sorted_table(name: str, by: list[str], data_dir: Path | None) -> pd.DataFrame:
    return load_table(name, data_dir).sort_values(by, kind="stable").reset_index(drop=True)


def load_sanctions(data_dir: Path | None = None) -> pd.DataFrame:
    """Japan's sanctions and Russia's countermeasures, one row per package and measure type."""
    return _sorted_table("sanctions", ["announced", "package_id"], data_dir)


def load_trade_annual(data_dir: Path | None = None) -> pd.DataFrame:
    """Japan's trade with Russia and the world by year, billions of yen (MOF basis)."""
    return _sorted_table("trade_annual", ["partner", "flow", "year"], data_dir)


def load_trade_annual_usd(data_dir: Path | None = None) -> pd.DataFrame:
    """Japan–Russia trade in US dollars by reporting side (JP or RU), as published."""
    return _sorted_table("trade_annual_usd", ["reporter", "flow", "year"], data_dir)


def load_trade_monthly(data_dir: Path | None = None) -> pd.DataFrame:
    """Japan's monthly trade with Russia and the world, billions of yen; absent months are gaps."""
    return _sorted_table("trade_monthly", ["partner", "flow", "month"], data_dir)


def load_trade_commodity(data_dir: Path | None = None) -> pd.DataFrame:
    """Main goods traded by year: values (billions of yen) and quantities."""
    return _sorted_table("trade_commodity", ["flow", "commodity", "year"], data_dir)


def load_trade_commodity_monthly(data_dir: Path | None = None) -> pd.DataFrame:
    """Main goods by month: yen values and quantities, with value and quantity changes."""
    return _sorted_table("trade_commodity_monthly", ["month", "flow", "commodity"], data_dir)


def load_energy(data_dir: Path | None = None) -> pd.DataFrame:
    """Russia's share of Japan's LNG, crude oil and coal imports by year."""
    return _sorted_table("energy", ["fuel", "year"], data_dir)


def load_fx(data_dir: Path | None = None) -> pd.DataFrame:
    """Annual average yen per US dollar."""
    return _sorted_table("fx_annual", ["year"], data_dir)


def load_opinion(data_dir: Path | None = None) -> pd.DataFrame:
    """Cabinet Office survey: affinity toward Russia and view of relations, by survey year."""
    return _sorted_table("opinion", ["survey_year"], data_dir)


def load_opinion_changes(data_dir: Path | None = None) -> pd.DataFrame:
    """Point changes on the previous survey printed with the opinion figures."""
    return _sorted_table("opinion_changes", ["survey_year", "measure"], data_dir)


def load_opinion_records(data_dir: Path | None = None) -> pd.DataFrame:
    """Opinion values that reports call the lowest or highest of the whole series."""
    return _sorted_table("opinion_records", ["survey_year", "measure"], data_dir)


def load_islands(data_dir: Path | None = None) -> pd.DataFrame:
    """The four islands: names in three languages, area, population, 1945 residents."""
    return load_table("islands", data_dir)


def load_meetings(data_dir: Path | None = None) -> pd.DataFrame:
    """Leaders' meetings (and sourced phone calls) since 1991, by date."""
    return _sorted_table("meetings", ["date"], data_dir)


def load_borders(data_dir: Path | None = None) -> pd.DataFrame:
    """Border waypoints for the maps of 1855, 1875, 1905 and since 1945."""
    return _sorted_table("borders", ["period", "border_id", "vertex"], data_dir)


def load_distances(data_dir: Path | None = None) -> pd.DataFrame:
    """Published distances between Hokkaido and the islands, with both ends' coordinates."""
    return load_table("distances", data_dir)


def load_positions(data_dir: Path | None = None) -> pd.DataFrame:
    """Each side's position on each topic of the dispute, attributed, with sources."""
    return load_table("positions", data_dir)


def load_residents(data_dir: Path | None = None) -> pd.DataFrame:
    """Former Japanese residents of the islands: 1945 counts and survivors in recent years."""
    return _sorted_table("residents", ["as_of", "measure"], data_dir)


def load_g7(data_dir: Path | None = None) -> pd.DataFrame:
    """G7 decisions on sanctions against Russia, by date."""
    return _sorted_table("g7", ["date"], data_dir)


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
            problems.append(Problem(_table_path(name, data_dir), None, "(file)",
                                    f"the file named in {DESCRIPTOR_NAME} does not exist"))
    if problems:
        # A bad sources.csv is met by every table that cites it: report it once.
        raise DataValidationError(list(dict.fromkeys(problems)))
    return counts
