"""Update the snapshot from official sources: an explicit command, never run by notebooks or
tests (which use the files in ``data/`` as they are).

``python -m analysis update customs-monthly [--file F]`` reads Japan Customs' monthly trade file
(``d41ma.csv``: Japan's total with the world; area files ``d42maNNN.csv`` carry country pairs
``Exp-NNN``/``Imp-NNN``; Russia is 224), converts thousands of yen to billions, and merges the
months into ``data/trade_monthly.csv``. The merged table is validated before anything is written;
on any problem the error names the file, row and column and ``data/`` is left as it was.
"""
from __future__ import annotations

import csv
import io
import urllib.request
from datetime import date
from functools import partial
from pathlib import Path

import pandas as pd

from analysis.fileio import write_atomically
from analysis.load import read_raw, resource
from analysis.paths import DATA_DIR
from analysis.validate import DataValidationError, Problem, check_references, validate_frame

CUSTOMS_BASE = "https://www.customs.go.jp/toukei/suii/html/data/"
CUSTOMS_WORLD_FILE = "d41ma.csv"
CUSTOMS_ENCODING = "cp932"
PARTNER_COLUMNS = {"WORLD": ("Exp-Total", "Imp-Total"), "RU": ("Exp-224", "Imp-224")}
THOUSAND_YEN_PER_BILLION = 1_000_000


def fetch(url: str, timeout: float = 60) -> bytes:
    """Download ``url`` (the only network access in the project, used by this command only)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (fixed https URL)
        return response.read()


def parse_customs_monthly(raw: bytes, partner: str, origin: str = CUSTOMS_WORLD_FILE) -> pd.DataFrame:
    """Tidy ``month, partner, flow, value_jpy_bn`` from a Customs monthly CSV.

    The header row is the first row whose first cell is ``Years/Months``; data rows start with
    ``YYYY/MM``. Months not yet published appear as 0 and are dropped (a gap, not a zero).
    Values are thousands of yen, converted to billions. A cell that is not a number raises
    :class:`DataValidationError` naming ``origin``, the line and the column.
    """
    rows = list(csv.reader(io.StringIO(raw.decode(CUSTOMS_ENCODING))))
    header_at = next((i for i, r in enumerate(rows) if r and r[0].strip() == "Years/Months"), None)
    if header_at is None:
        raise DataValidationError([Problem(Path(origin), None, "Years/Months",
                                           "no header row starting with 'Years/Months'")])
    header = [c.strip() for c in rows[header_at]]
    exp_col, imp_col = PARTNER_COLUMNS[partner]
    missing = [c for c in (exp_col, imp_col) if c not in header]
    if missing:
        raise DataValidationError([Problem(Path(origin), None, c, "column is missing") for c in missing])
    records, problems = [], []
    for line, cells in enumerate(rows[header_at + 1:], start=header_at + 2):
        if not cells or "/" not in cells[0]:
            continue
        month = cells[0].strip().replace("/", "-")
        for flow, column in (("export", exp_col), ("import", imp_col)):
            text = cells[header.index(column)].strip().replace(",", "")
            if not text.isdigit():
                problems.append(Problem(Path(origin), line - 1, column,
                                        f"'{text}' is not a whole number of thousand yen"))
                continue
            if int(text) > 0:
                records.append({"month": month, "partner": partner, "flow": flow,
                                "value_jpy_bn": round(int(text) / THOUSAND_YEN_PER_BILLION, 3)})
    if problems:
        raise DataValidationError(problems)
    return pd.DataFrame(records, columns=["month", "partner", "flow", "value_jpy_bn"])


def merge_months(existing: pd.DataFrame, fresh: pd.DataFrame, source_id: str) -> tuple[pd.DataFrame, int, int]:
    """Existing rows (all text) updated with ``fresh`` values; new months appended.

    Rows are never deleted. An updated row keeps its other cells, takes the new value and gets
    ``source_id`` (the official file) first in its list. Returns (table, added, changed).
    """
    table = existing.copy()
    key = table["month"] + "|" + table["partner"] + "|" + table["flow"]
    position = dict(zip(key, table.index, strict=True))
    added = changed = 0
    new_rows = []
    for row in fresh.itertuples():
        value = f"{row.value_jpy_bn:.3f}".rstrip("0").rstrip(".")
        k = f"{row.month}|{row.partner}|{row.flow}"
        if k in position:
            i = position[k]
            old = table.at[i, "value_jpy_bn"]
            if old == "" or abs(float(old) - row.value_jpy_bn) > 5e-4:
                table.at[i, "value_jpy_bn"] = value
                ids = [source_id] + [s for s in table.at[i, "source_id"].split(";") if s and s != source_id]
                table.at[i, "source_id"] = ";".join(ids)
                changed += 1
        else:
            new_rows.append({"month": row.month, "partner": row.partner, "flow": row.flow,
                             "value_jpy_bn": value, "reported_yoy_pct": "", "status": "",
                             "source_id": source_id})
            added += 1
    if new_rows:
        table = pd.concat([table, pd.DataFrame(new_rows, columns=table.columns)], ignore_index=True)
    table = table.sort_values(["partner", "flow", "month"], kind="stable").reset_index(drop=True)
    return table, added, changed


def update_customs_monthly(raw: bytes, url: str, partner: str = "WORLD",
                           data_dir: Path | None = None, today: date | None = None) -> dict:
    """Parse, merge, validate, and only then write ``trade_monthly.csv`` (and the source entry)."""
    data_dir = Path(data_dir or DATA_DIR)
    fresh = parse_customs_monthly(raw, partner, origin=url)
    retrieved = (today or date.today()).isoformat()
    source_id = f"customs-{Path(url).stem}-{retrieved}"
    sources = read_raw(data_dir / "sources.csv")
    if source_id not in set(sources["source_id"]):
        sources = pd.concat([sources, pd.DataFrame([{
            "source_id": source_id, "url": url, "publisher": "Japan Customs (Ministry of Finance)",
            "title": "Trade statistics: value of exports and imports by month", "retrieved": retrieved,
            "note": "Thousands of yen converted to billions; months published as 0 left out.",
            "rank": "publisher"}])[sources.columns]],  # the Ministry's own file; columns as in the file
            ignore_index=True).sort_values("source_id", kind="stable")
    monthly_path = data_dir / resource("trade_monthly", data_dir)["path"]
    merged, added, changed = merge_months(read_raw(monthly_path), fresh, source_id)
    problems = (validate_frame(sources, resource("sources", data_dir)["schema"], data_dir / "sources.csv")
                + validate_frame(merged, resource("trade_monthly", data_dir)["schema"], monthly_path)
                + check_references(merged, "source_id", set(sources["source_id"]), ";", monthly_path,
                                   "sources.csv"))
    if problems:
        raise DataValidationError(problems)
    for table, path in ((sources, data_dir / "sources.csv"), (merged, monthly_path)):
        write_atomically(path, partial(table.to_csv, index=False, lineterminator="\n"))
    return {"added": added, "changed": changed, "source_id": source_id}
