"""Parser for the IMF's International Merchandise Trade Statistics (IMTS) in SDMX-CSV.

The SDMX 2.1 API answers ``Accept: application/vnd.sdmx.data+csv;version=1.0.0`` with one
observation per row; the set and order of columns differ between releases, so columns are found by
name: ``TIME_PERIOD``, ``OBS_VALUE``, ``INDICATOR`` (``XG_FOB_USD`` exports FOB, ``MG_CIF_USD``
imports CIF), ``COUNTERPART_COUNTRY`` (or ``COUNTERPART_AREA``), ``FREQUENCY`` (or ``FREQ``), and an
optional ``SCALE`` (or ``UNIT_MULT``: a power of ten, or a word such as ``Millions``). Values are
returned in US dollars. No XML is read.
"""
from __future__ import annotations

import math
import re

from analysis.refresh.customs import read_csv_text
from analysis.refresh.errors import FormatError

ROLES = {
    "period": ("TIME_PERIOD",),
    "value": ("OBS_VALUE",),
    "indicator": ("INDICATOR",),
    "counterpart": ("COUNTERPART_COUNTRY", "COUNTERPART_AREA"),
    "frequency": ("FREQUENCY", "FREQ"),
}
SCALE_COLUMNS = ("SCALE", "UNIT_MULT")
SCALE_WORDS = {"units": 0, "thousands": 3, "millions": 6, "billions": 9}
PERIODS = {"A": re.compile(r"^\d{4}$"), "M": re.compile(r"^\d{4}-(0[1-9]|1[0-2])$|^\d{4}-M(0[1-9]|1[0-2])$")}


def _scale(text: str, origin: str, line: int, column: str) -> int:
    text = text.strip()
    if text == "":
        return 0
    if text.isascii() and text.isdigit():
        return int(text)
    if text.lower() in SCALE_WORDS:
        return SCALE_WORDS[text.lower()]
    raise FormatError(origin, f"'{text}' is not a known scale", line, column)


def _number(text: str, origin: str, line: int) -> float | None:
    text = text.strip()
    if text in ("", "NaN", "NA"):
        return None
    try:
        value = float(text)
    except ValueError:
        raise FormatError(origin, f"'{text}' is not a number", line, "OBS_VALUE") from None
    if not math.isfinite(value) or value < 0:
        raise FormatError(origin, f"'{text}' is not a trade value", line, "OBS_VALUE")
    return value


def parse_imts_csv(raw: bytes, origin: str) -> list[dict]:
    """``[{period, indicator, counterpart, frequency, usd}]``; months as ``YYYY-MM``."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(origin, f"not UTF-8 text (byte {error.start})") from None
    rows = read_csv_text(text, origin)
    if not rows:
        raise FormatError(origin, "empty response")
    header = [c.strip() for c in rows[0]]
    at = {}
    for role, names in ROLES.items():
        found = [header.index(n) for n in names if n in header]
        if not found:
            raise FormatError(origin, "column is missing", 1, names[0])
        at[role] = found[0]
    scale_at = next((header.index(n) for n in SCALE_COLUMNS if n in header), None)
    records = []
    for line, cells in enumerate(rows[1:], start=2):
        if not cells:
            continue
        if len(cells) != len(header):
            raise FormatError(origin, f"{len(cells)} cells, the header has {len(header)}", line)
        frequency = cells[at["frequency"]].strip()
        period = cells[at["period"]].strip()
        if frequency not in PERIODS or not PERIODS[frequency].match(period):
            raise FormatError(origin, f"'{period}' is not a period of frequency '{frequency}'", line, "TIME_PERIOD")
        value = _number(cells[at["value"]], origin, line)
        if value is None:
            continue
        power = _scale(cells[scale_at], origin, line, header[scale_at]) if scale_at is not None else 0
        records.append({"period": period.replace("-M", "-"), "indicator": cells[at["indicator"]].strip(),
                        "counterpart": cells[at["counterpart"]].strip(), "frequency": frequency,
                        "usd": value * 10 ** power})
    if not records:
        raise FormatError(origin, "no observations")
    return records
