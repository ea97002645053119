"""Parser for the Cabinet Office's time-series table of the Russia affinity question.

The 'Public Opinion Survey on Diplomacy' (外交に関する世論調査) publishes, with each year's
results, CSV tables of its questions, one of them the whole series of the question on affinity
toward Russia. No genuine copy of that file was available when this was written, so the parser
assumes the simplest layout and says so when a file does not fit:

* cp932 or UTF-8 text; title rows, then a header row whose first cell is ``調査時期``;
* columns found by name: ``親しみを感じる`` (total of 'feel' and 'rather feel' affinity) and
  ``親しみを感じない`` (its opposite), in percent; ``-`` for a value not asked;
* survey dates written ``2025年10月`` or with the era (``令和7年10月``, ``平成17年10月``, ``昭和53年5月``).
"""
from __future__ import annotations

import re

from analysis.refresh.customs import read_csv_text
from analysis.refresh.errors import FormatError

HEADER_FIRST = "調査時期"
MEASURES = {"親しみを感じる": "affinity_pct", "親しみを感じない": "no_affinity_pct"}
ERAS = {"昭和": 1925, "平成": 1988, "令和": 2018}  # era year 1 = this + 1
DATE = re.compile(r"^(?:(昭和|平成|令和)(元|\d{1,2})|(\d{4}))年(\d{1,2})月")


def survey_month(cell: str) -> str | None:
    """``YYYY-MM`` of a survey date such as ``令和7年10月`` (None if it is not one)."""
    match = DATE.match(cell.strip())
    if not match:
        return None
    era, era_year, year, month = match.groups()
    if era:
        year = ERAS[era] + (1 if era_year == "元" else int(era_year))
    if not 1 <= int(month) <= 12:
        return None
    return f"{int(year):04d}-{int(month):02d}"


def _decode(raw: bytes, origin: str) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FormatError(origin, "neither UTF-8 nor cp932 text")


def _percent(text: str, origin: str, line: int, column: str) -> float | None:
    text = text.strip()
    if text in ("-", ""):
        return None
    if not re.fullmatch(r"\d{1,3}(\.\d+)?", text) or float(text) > 100:
        raise FormatError(origin, f"'{text}' is not a percentage", line, column)
    return float(text)


def parse_opinion_csv(raw: bytes, origin: str) -> list[dict]:
    """``[{survey_year, fieldwork, affinity_pct, no_affinity_pct}]`` (None where not given)."""
    rows = read_csv_text(_decode(raw, origin), origin)
    at = next((i for i, r in enumerate(rows) if r and r[0].strip() == HEADER_FIRST), None)
    if at is None:
        raise FormatError(origin, f"no header row starting with '{HEADER_FIRST}' (layout changed?)")
    header = [c.strip() for c in rows[at]]
    missing = [name for name in MEASURES if name not in header]
    if missing:
        raise FormatError(origin, "column is missing", at + 1, missing[0])
    records, years = [], set()
    for line, cells in enumerate(rows[at + 1:], start=at + 2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise FormatError(origin, f"{len(cells)} cells, the header has {len(header)}", line)
        month = survey_month(cells[0])
        if month is None:
            raise FormatError(origin, f"'{cells[0].strip()}' is not a survey date", line, HEADER_FIRST)
        if month[:4] in years:
            raise FormatError(origin, f"a second survey in {month[:4]}", line, HEADER_FIRST)
        years.add(month[:4])
        record = {"survey_year": month[:4], "fieldwork": month}
        for name, measure in MEASURES.items():
            record[measure] = _percent(cells[header.index(name)], origin, line, name)
        records.append(record)
    if not records:
        raise FormatError(origin, "no survey rows")
    return records
