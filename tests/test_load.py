"""Loading and validation: good data loads typed; each kind of bad cell is named precisely."""
from __future__ import annotations

import json
import os
import re

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
    assert counts["sanctions"] == 1  # the fixture's other tables have one row each


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


# --- Edits that used to pass or crash (issue #11): each is refused in one clean message -----------

def run_validate(data_dir, capsys) -> tuple[int, str]:
    from analysis.__main__ import main
    code = main(["validate", "--data-dir", str(data_dir)])
    return code, capsys.readouterr().err


def test_table_with_header_and_no_rows_is_refused(data_dir):
    write_csv(data_dir / "eras.csv", read_csv(data_dir / "eras.csv")[:1])
    with pytest.raises(DataValidationError, match="eras.csv: has a header but no rows"):
        load.validate_all(data_dir)


@pytest.mark.parametrize("char,name", [("\x00", "NUL"), ("\x1b", "control character"), ("\t", "tab"),
                                       ("\n", "line feed"), ("\x85", "control character")])
def test_control_character_in_a_text_cell_is_refused(data_dir, char, name):
    set_cell(data_dir / "events.csv", 3, "description", f"A decl{char}aration.")
    with pytest.raises(DataValidationError, match=rf"contains U\+{ord(char):04X} \({name}\) at character 7") as error:
        load.load_events(data_dir)
    assert_names(error.value, "events.csv", 3, "description")


def test_line_breaks_allowed_where_the_field_says_so(data_dir):
    path = data_dir / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in package["resources"][1]["schema"]["fields"]}
    fields["description"]["x-multiline"] = True
    path.write_text(json.dumps(package), encoding="utf-8")
    set_cell(data_dir / "events.csv", 3, "description", "A declaration.\n\tSecond paragraph.")
    assert load.load_events(data_dir)["description"].str.contains("\n").sum() == 1
    set_cell(data_dir / "events.csv", 3, "description", "A decl\x00aration.")
    with pytest.raises(DataValidationError, match="NUL"):
        load.load_events(data_dir)


def test_file_that_is_not_utf8_gives_one_line_with_the_byte(data_dir, capsys):
    path = data_dir / "events.csv"
    text = path.read_text(encoding="utf-8").replace("A war.", "A war \u2013 begun.")
    path.write_bytes(text.encode("cp1252"))  # the dash becomes byte 0x96, invalid in UTF-8
    offset = text.encode("cp1252").index(b"\x96")
    code, err = run_validate(data_dir, capsys)
    assert code == 1
    assert f"events.csv: not UTF-8: byte {offset} (line 3) is 0x96" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 2  # the count, the problem


@pytest.mark.parametrize("edit,message", [
    (lambda t: t.replace('"resources": [', '"resources": [,', 1), r"line \d+, column \d+: not valid JSON"),
    (lambda t: t.replace('"type": "year"', '"type": "partialyear"', 1), "'partialyear' is not a Table Schema type"),
    (lambda t: t.replace('"x-sort"', '"sort"', 1), "'sort' is not a resource property"),
    (lambda t: t.replace('"x-sort": [\n        "date"', '"x-sort": [\n        "day"', 1), "x-sort names 'day'"),
    (lambda t: '{"resources": 3}', "top level must be an object with a list 'resources'"),
    (lambda t: t.replace('"minimum": 1850', '"minimum": "early"', 1), "minimum 'early' is not a value of"),
    (lambda t: t.replace('"pattern": "[a-z0-9_]+"', '"pattern": "[a-"', 1), "'\\[a-' is not a regular expression"),
    (lambda t: t.replace('"path": "eras.csv"', '"path": "../eras.csv"', 1), "path must be relative .* without '..'"),
], ids=["json", "type", "custom-key", "sort-column", "structure", "bound", "pattern", "path"])
def test_broken_descriptor_gives_one_clean_message(data_dir, capsys, edit, message):
    path = data_dir / "datapackage.json"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    code, err = run_validate(data_dir, capsys)
    assert code == 1
    assert re.search(message, err) and "datapackage.json" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


# --- Loaders follow the descriptor --------------------------------------------------------------

def test_every_table_has_a_loader_and_old_names_work():
    for name in load.table_names():
        assert getattr(load, f"load_{name}").__name__ == f"load_{name}"
    assert load.load_fx().attrs["table"] == "fx_annual"
    assert "load_trade_annual" in dir(load)
    with pytest.raises(AttributeError):
        load.load_nope  # noqa: B018 (the attribute access is the test)


def test_loader_sorts_by_the_descriptors_x_sort(data_dir):
    path = data_dir / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["resources"][1]["x-sort"] = ["title"]
    path.write_text(json.dumps(package), encoding="utf-8")
    assert load.load_events(data_dir)["title"].is_monotonic_increasing
    assert not load.load_events(data_dir)["date"].is_monotonic_increasing


def test_validation_is_cached_but_sees_every_edit(data_dir):
    assert len(load.load_events(data_dir)) == 4
    # Same size and, likely, the same modification time: the cache is keyed on the content.
    set_cell(data_dir / "events.csv", 1, "category", "treatx")
    with pytest.raises(DataValidationError):
        load.load_events(data_dir)


def test_adding_a_table_needs_a_csv_a_descriptor_entry_and_sources(data_dir):
    path = data_dir / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["resources"].append({
        "name": "ports", "path": "ports.csv", "title": "Ports", "x-sort": ["name"],
        "schema": {"fields": [{"name": "name", "type": "string", "constraints": {"required": True}},
                              {"name": "opened", "type": "year"},
                              {"name": "source_id", "type": "string", "constraints": {"required": True}}],
                   "primaryKey": ["name"],
                   "x-foreignKeys": [{"fields": "source_id", "listSeparator": ";",
                                      "reference": {"resource": "sources", "fields": "source_id"}}]}})
    path.write_text(json.dumps(package), encoding="utf-8")
    write_csv(data_dir / "ports.csv", [["name", "opened", "source_id"], ["Shimoda", "1854", "src-a"],
                                       ["Hakodate", "1859", "src-a;src-b"]])
    ports = load.load_table("ports", data_dir)
    assert ports["name"].tolist() == ["Hakodate", "Shimoda"] and ports["opened"].dtype == "Int64"
    assert load.validate_all(data_dir)["ports"] == 2
    set_cell(data_dir / "ports.csv", 1, "source_id", "src-c")
    with pytest.raises(DataValidationError, match="'src-c' does not resolve to sources.csv"):
        load.validate_all(data_dir)


def test_unreadable_file_is_one_line(data_dir, capsys):
    (data_dir / "eras.csv").unlink()
    (data_dir / "eras.csv").mkdir()
    code, err = run_validate(data_dir, capsys)
    assert code == 1 and "eras.csv: cannot be read (Is a directory)" in err and "Traceback" not in err


def test_byte_order_mark_and_repeated_column_are_named(data_dir):
    path = data_dir / "eras.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with pytest.raises(DataValidationError, match="eras.csv: starts with a byte-order mark"):
        load.load_eras(data_dir)
    rows = read_csv(data_dir / "events.csv")
    write_csv(data_dir / "events.csv", [row + [row[1]] for row in rows])  # date_precision twice
    with pytest.raises(DataValidationError, match="appears twice in the header") as error:
        load.load_events(data_dir)
    assert_names(error.value, "events.csv", None, "date_precision")
