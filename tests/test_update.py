"""The explicit update command, on a file in the documented Customs format (no network)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date

import pytest

from analysis import load, update
from analysis.paths import DATA_DIR
from analysis.validate import DataValidationError

HEADER = ["Years/Months", "Exp-Total", "Imp-Total"]


def customs_file(rows, preamble=("財務省貿易統計", "単位：千円")) -> bytes:
    lines = list(preamble) + [",".join(HEADER)] + [",".join(r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp932")


@pytest.fixture
def real_data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def test_parse_converts_thousand_yen_and_drops_unpublished_months():
    raw = customs_file([["2026/01", "8000000000", "9000000000"], ["2026/02", "0", "0"]])
    table = update.parse_customs_monthly(raw, "WORLD")
    assert table.to_dict("records") == [
        {"month": "2026-01", "partner": "WORLD", "flow": "export", "value_jpy_bn": 8000.0},
        {"month": "2026-01", "partner": "WORLD", "flow": "import", "value_jpy_bn": 9000.0}]


def test_parse_names_file_line_and_column_of_a_bad_cell():
    raw = customs_file([["2026/01", "80O0", "9000"]])
    with pytest.raises(DataValidationError) as error:
        update.parse_customs_monthly(raw, "WORLD", origin="d41ma.csv")
    message = str(error.value)
    assert "d41ma.csv" in message and "column 'Exp-Total'" in message and "(line 4)" in message


def test_parse_refuses_file_without_partner_columns():
    with pytest.raises(DataValidationError, match="column 'Exp-224': column is missing"):
        update.parse_customs_monthly(customs_file([["2026/01", "1", "1"]]), "RU")


def test_update_merges_validates_and_records_its_source(real_data):
    before = load.load_trade_monthly(real_data)
    raw = customs_file([["2026/03", "11003319000", "10336342000"],  # same as shipped: unchanged
                        ["2026/04", "10000000000", "9000000000"]])   # new month
    result = update.update_customs_monthly(raw, "https://www.customs.go.jp/toukei/suii/html/data/d41ma.csv",
                                           data_dir=real_data, today=date(2026, 11, 27))
    assert (result["added"], result["changed"]) == (2, 0)
    after = load.load_trade_monthly(real_data)  # validates, sources resolve
    assert len(after) == len(before) + 2
    april = after[(after["month"] == "2026-04-01") & (after["partner"] == "WORLD")]
    assert sorted(april["value_jpy_bn"]) == [9000.0, 10000.0]
    assert (april["source_id"] == "customs-d41ma-2026-11-27").all()
    assert "customs-d41ma-2026-11-27" in set(load.load_sources(real_data)["source_id"])


def test_bad_file_leaves_data_untouched(real_data):
    before = {p.name: p.read_bytes() for p in real_data.iterdir()}
    with pytest.raises(DataValidationError):
        update.update_customs_monthly(customs_file([["2026/04", "x", "1"]]), "d41ma.csv",
                                      data_dir=real_data)
    assert {p.name: p.read_bytes() for p in real_data.iterdir()} == before


def test_cli_reports_and_exits_non_zero_on_bad_file(tmp_path):
    bad = tmp_path / "d41ma.csv"
    bad.write_bytes(customs_file([["2026/04", "x", "1"]]))
    result = subprocess.run([sys.executable, "-m", "analysis", "update", "customs-monthly",
                             "--file", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "nothing written" in result.stderr and "column 'Exp-Total'" in result.stderr
