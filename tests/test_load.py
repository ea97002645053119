"""Loading and validation: good data loads typed; each kind of bad cell is named precisely."""
from __future__ import annotations

import os

import pandas as pd
import pytest

from analysis import load
from analysis.validate import DataValidationError
from conftest import read_csv, set_cell, write_csv


def test_loads_typed_tables(data_dir):
    events = load.load_events(data_dir)
    assert len(events) == 4
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert isinstance(events["category"].dtype, pd.CategoricalDtype)
    assert list(events["category"].cat.categories)[:2] == ["treaty", "war"]
    assert events.loc[1, "date"] == pd.Timestamp("1904-01-01")  # year precision -> 1 January
    assert events.attrs["path"] == "events.csv"


def test_events_sorted_by_date(data_dir):
    rows = read_csv(data_dir / "events.csv")
    write_csv(data_dir / "events.csv", [rows[0]] + rows[:0:-1])  # reversed body
    assert load.load_events(data_dir)["date"].is_monotonic_increasing


def test_eras_end_year_blank_is_missing(data_dir):
    eras = load.load_eras(data_dir)
    assert eras["end_year"].isna().tolist() == [False, False, True]


def test_loading_does_not_depend_on_current_directory(tmp_path):
    before = os.getcwd()
    try:
        os.chdir(tmp_path)
        assert len(load.load_sources()) > 0
    finally:
        os.chdir(before)


def assert_names(error: DataValidationError, file: str, row: int | None, column: str):
    message = str(error)
    assert file in message
    assert f"column '{column}'" in message
    assert (f"row {row} (line {row + 1})" if row else "header (line 1)") in message


def test_missing_column(data_dir):
    rows = [r[:-1] for r in read_csv(data_dir / "events.csv")]  # drop source_id
    write_csv(data_dir / "events.csv", rows)
    with pytest.raises(DataValidationError) as error:
        load.load_events(data_dir)
    assert_names(error.value, "events.csv", None, "source_id")
    assert "missing" in str(error.value)


# (file, row, column, bad value, the problem named, the loader): one bad cell each.
BAD_CELLS = [
    ("events.csv", 1, "date", "1855-02-30", "not a valid calendar date", load.load_events),
    ("events.csv", 1, "date", "07/02/1855", "not a date", load.load_events),
    ("events.csv", 1, "date", "1855-2-7", "not a date", load.load_events),
    ("events.csv", 2, "date", "1700", "below the minimum", load.load_events),
    ("events.csv", 4, "category", "friendship", "not an allowed value", load.load_events),
    ("events.csv", 2, "source_id", "src-a;src-missing", "'src-missing' does not resolve",
     load.load_events),
    ("events.csv", 1, "title", "", "a value is required", load.load_events),
    ("eras.csv", 2, "start_year", "19O4", "not a year", load.load_eras),
]


@pytest.mark.parametrize("file,row,column,value,problem,loader", BAD_CELLS,
                         ids=[f"{c[2]}={c[3]!r}" for c in BAD_CELLS])
def test_bad_cell_is_named_by_file_row_and_column(data_dir, file, row, column, value, problem, loader):
    set_cell(data_dir / file, row, column, value)
    with pytest.raises(DataValidationError, match=problem) as error:
        loader(data_dir)
    assert_names(error.value, file, row, column)


def test_date_must_match_its_precision(data_dir):
    set_cell(data_dir / "events.csv", 3, "date_precision", "day")  # date is 1956-10
    with pytest.raises(DataValidationError, match="not written at date_precision 'day'") as error:
        load.load_events(data_dir)
    assert_names(error.value, "events.csv", 3, "date")


def test_duplicate_key(data_dir):
    rows = read_csv(data_dir / "events.csv")
    write_csv(data_dir / "events.csv", rows + [rows[2]])
    with pytest.raises(DataValidationError, match="duplicate key") as error:
        load.load_events(data_dir)
    assert_names(error.value, "events.csv", 5, "date+title")
    assert "first seen in row 2" in str(error.value)


def test_ragged_row(data_dir):
    rows = read_csv(data_dir / "events.csv")
    rows[2] = rows[2] + ["extra"]
    write_csv(data_dir / "events.csv", rows)
    with pytest.raises(DataValidationError, match="has 7 cells, the header has 6") as error:
        load.load_events(data_dir)
    assert_names(error.value, "events.csv", 2, "(whole row)")


def test_bad_source_retrieved_date_and_url(data_dir):
    set_cell(data_dir / "sources.csv", 1, "retrieved", "yesterday")
    set_cell(data_dir / "sources.csv", 2, "url", "example.org/b")
    with pytest.raises(DataValidationError) as error:
        load.load_sources(data_dir)
    assert len(error.value.problems) == 2
    assert_names(error.value, "sources.csv", 1, "retrieved")
    assert_names(error.value, "sources.csv", 2, "url")


def test_same_page_under_two_ids_is_named(data_dir):
    """One page, one id: a second row with the same URL is reported, the first is kept."""
    rows = read_csv(data_dir / "sources.csv")
    set_cell(data_dir / "sources.csv", 2, "url", rows[1][1])
    with pytest.raises(DataValidationError, match="duplicate") as error:
        load.load_sources(data_dir)
    assert_names(error.value, "sources.csv", 2, "url")
    assert "first seen in row 1" in str(error.value)


def test_validate_all_collects_problems_from_every_table(data_dir):
    set_cell(data_dir / "events.csv", 1, "category", "x")
    set_cell(data_dir / "eras.csv", 1, "start_year", "x")
    with pytest.raises(DataValidationError) as error:
        load.validate_all(data_dir)
    files = {p.file.name for p in error.value.problems}
    assert files == {"events.csv", "eras.csv"}


def test_validate_all_reports_a_bad_source_once(data_dir):
    path = data_dir / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8") + "x,https://e.org,P,T,2026-11-27,a,b,c\n",
                    encoding="utf-8")
    with pytest.raises(DataValidationError) as error:
        load.validate_all(data_dir)
    ragged = [p for p in error.value.problems if "cells" in p.message]
    assert len(ragged) == 1 and ragged[0].file.name == "sources.csv"


def test_validate_all_counts_rows(data_dir):
    counts = load.validate_all(data_dir)
    assert (counts["sources"], counts["events"], counts["eras"]) == (2, 4, 3)
    assert counts["sanctions"] == 0  # header-only tables are valid and empty


def test_unknown_table_lists_known_names(data_dir):
    with pytest.raises(KeyError, match="known: sources, events, eras"):
        load.load_table("nope", data_dir)


def test_bad_file_leaves_file_untouched(data_dir):
    set_cell(data_dir / "events.csv", 1, "category", "x")
    before = (data_dir / "events.csv").read_bytes()
    with pytest.raises(DataValidationError):
        load.load_events(data_dir)
    assert (data_dir / "events.csv").read_bytes() == before


def test_missing_file_is_named(data_dir):
    (data_dir / "eras.csv").unlink()
    with pytest.raises(FileNotFoundError, match="eras.csv: the data file named in datapackage.json"):
        load.load_eras(data_dir)


def test_describe_tables(data_dir):
    table = load.describe_tables(data_dir)
    events = table.set_index("table").loc["events"]
    assert (events["rows"], events["sources"], events["file"]) == (4, 2, "data/events.csv")
    assert "sources" not in set(table["table"])


def test_broken_descriptor_is_named_with_line(data_dir):
    path = data_dir / "datapackage.json"
    path.write_text(path.read_text().replace('"resources": [', '"resources": [,', 1))
    with pytest.raises(ValueError, match=r"datapackage.json: line \d+, column \d+: not valid JSON"):
        load.load_events(data_dir)
