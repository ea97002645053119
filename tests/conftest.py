"""Fixtures shared by the unit tests."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import style
from analysis.paths import DATA_DIR
from analysis.validate import references

SOURCES = [
    ["source_id", "url", "publisher", "rank", "title", "retrieved", "note"],
    ["src-a", "https://example.org/a", "Publisher A", "publisher", "Page A", "2026-11-27", ""],
    ["src-b", "https://example.org/b", "Publisher B", "repost", "Page B", "2026-11-27", "a repost of Publisher A"],
]
EVENTS = [
    ["date", "date_precision", "title", "category", "description", "source_id"],
    ["1855-02-07", "day", "Treaty signed", "treaty", "A treaty.", "src-a"],
    ["1904", "year", "War begins", "war", "A war.", "src-a;src-b"],
    ["1956-10", "month", "Declaration", "treaty", "A declaration.", "src-b"],
    ["2022-03-21", "day", "Talks suspended", "countermeasure", "Talks stop.", "src-b"],
]
ERAS = [
    ["era_id", "name", "start_year", "end_year", "boundary_event", "source_id"],
    ["early", "Early", "1855", "1903", "Treaty signed", "src-a"],
    ["war", "War and after", "1904", "1955", "War begins", "src-a"],
    ["late", "Late", "1956", "", "Declaration", "src-b"],
]


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Change one cell (row 1 = first data row) of a CSV file."""
    rows = read_csv(path)
    rows[row][rows[0].index(column)] = value
    write_csv(path, rows)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A small, valid data package with the project's real schema (datapackage.json)."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(DATA_DIR / "datapackage.json", folder / "datapackage.json")
    write_csv(folder / "sources.csv", SOURCES)
    write_csv(folder / "events.csv", EVENTS)
    write_csv(folder / "eras.csv", ERAS)
    for entry in json.loads((folder / "datapackage.json").read_text())["resources"]:
        if not (folder / entry["path"]).exists():  # other tables: their real first row
            write_csv(folder / entry["path"], first_row_citing_src_a(entry))
    return folder


def first_row_citing_src_a(entry: dict) -> list[list[str]]:
    """Header and first data row of a shipped table, its references pointing at ``src-a``
    (a table with no rows is refused, and the fixture's sources are src-a and src-b)."""
    header, first = read_csv(DATA_DIR / entry["path"])[:2]
    citing = {key["fields"] for key in references(entry["schema"])}
    return [header, ["src-a" if column in citing and value else value
                     for column, value in zip(header, first, strict=True)]]


@pytest.fixture
def house_style():
    """Draw in the house style (importing the library no longer sets it), undone afterwards."""
    with style.context():
        yield


#: Three publishers for source-line tests (cite_publishers, cite_tables, export.finish).
CITED_SOURCES = pd.DataFrame({"source_id": ["a", "b", "c"], "publisher": ["Pub A", "Pub B", "Pub C"]})


def cited_rows(ids: list[str], path: str | None = None) -> pd.DataFrame:
    """Rows citing ``ids`` (each a ';'-list), read from data/``path`` as the loaders mark it."""
    rows = pd.DataFrame({"source_id": ids})
    if path:
        rows.attrs["path"] = path
    return rows
