"""Parsers for Japan Customs' time-series CSV files (``toukei/suii/html/data/``).

Layout of the country files (``d41ca``/``d41ma``: the world; ``d42caNNN``/``d42maNNN``: area NNN,
Russia is ``Exp-224``/``Imp-224`` in area 006), checked against genuine copies:

* cp932, CRLF; two title rows (``《世界》  【年別】（単位：千円）``, then the English title);
* the header row ``Years,Exp-Total,Imp-Total[,Exp-NNN,Imp-NNN ...]`` (monthly: ``Years/Months``);
* a row of English country names under each pair (first cell empty; ``,,`` in the world file);
* data rows ``1979 ,22531538859 ,24245350997 ``: a space before every comma and at the end;
  thousands of yen; 0 for a country with no trade or that did not exist (USSR, Russia before 1992);
  monthly files pre-fill the rest of the current year with ``0 ,0 `` and may carry a block of
  calendar-year rows after the monthly rows (ignored here: the annual file has those).

Goods files (``d52``/``d62``: exports/imports by main commodity) have seven header rows: two titles,
press-release names, 概況品 names, 概況品 codes (``'30301'``), ``金額``/``数量`` and units; every
commodity's code sits over its quantity column (数量) and its value (金額) follows; the total has a
value only. ``-`` marks a missing value.

A zero becomes a gap (never a zero): unpublished months and countries that did not exist are not
measurements. Everything else that does not fit raises :class:`FormatError`.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from analysis.refresh.errors import FormatError

ENCODING = "cp932"
TITLE_MARK = {"year": "【年別】", "month": "【月別】"}
HEADER_FIRST = {"year": "Years", "month": "Years/Months"}
PERIOD_PATTERN = {"year": re.compile(r"^(\d{4})$"), "month": re.compile(r"^(\d{4})/(0[1-9]|1[0-2])$")}
COUNTRY_COLUMN = re.compile(r"^(Exp|Imp)-(Total|\d{3})$")
GOODS_HEADER_ROWS = 7
GOODS_LABELS = {2: "報道発表品目名", 4: "概況品コード"}
UNIT_PATTERN = re.compile(r"^\(単位(?:：(\w+))?\)$")


def decode_rows(raw: bytes, origin: str) -> list[list[str]]:
    """The CSV rows of a Customs file; refuses other encodings and a body cut off mid-line."""
    try:
        text = raw.decode(ENCODING)
    except UnicodeDecodeError as error:
        raise FormatError(origin, f"not {ENCODING} text (byte {error.start}: {raw[error.start:error.start + 1]!r});"
                                  " wrong encoding or a damaged download") from None
    if not text.endswith("\n"):
        raise FormatError(origin, "the file ends in the middle of a line (truncated download?)")
    return read_csv_text(text, origin)


def read_csv_text(text: str, origin: str) -> list[list[str]]:
    """Rows of CSV text; NUL bytes and runaway quoted fields are format errors, not crashes."""
    if "\x00" in text:
        raise FormatError(origin, "contains NUL bytes (not a text file)")
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise FormatError(origin, f"not readable as CSV ({error})") from None


def _period(cell: str, kind: str) -> str | None:
    match = PERIOD_PATTERN[kind].match(cell.strip())
    if not match:
        return None
    return "-".join(match.groups())


def _check_title(rows: list[list[str]], kind: str, origin: str) -> None:
    if not rows or not rows[0] or TITLE_MARK[kind] not in rows[0][0]:
        raise FormatError(origin, f"the first row is not a Customs title with {TITLE_MARK[kind]} "
                                  "(wrong file or wrong encoding?)", line=1)


def _thousand_yen(cell: str, origin: str, line: int, column: str) -> int:
    text = cell.strip()
    if not text.isascii() or not text.isdigit():
        raise FormatError(origin, f"'{text}' is not a whole number of thousand yen", line, column)
    return int(text)


def _check_consecutive(periods: list[str], kind: str, origin: str, first_line: int) -> None:
    """Rows must run one year (or month) after another, as the publisher writes them."""
    def index(p: str) -> int:
        return int(p[:4]) * 12 + (int(p[5:7]) - 1 if kind == "month" else 0)
    step = 12 if kind == "year" else 1
    for n, (a, b) in enumerate(zip(periods, periods[1:], strict=False), start=1):
        if index(b) - index(a) != step:
            raise FormatError(origin, f"{b} follows {a}: the rows are not consecutive", first_line + n)


def parse_country_series(raw: bytes, origin: str, columns: dict[str, str], kind: str) -> list[dict]:
    """``[{period, flow, thousand_yen}]`` for the columns named in ``columns`` (flow -> column).

    ``kind`` is ``"year"`` (files ``d4xca``) or ``"month"`` (``d4xma``). The header must consist of
    ``Years`` and ``Exp-…``/``Imp-…`` pairs only; every row must have as many cells as the header.
    """
    rows = decode_rows(raw, origin)
    _check_title(rows, kind, origin)
    at = next((i for i, r in enumerate(rows) if r and r[0].strip() == HEADER_FIRST[kind]), None)
    if at is None:
        raise FormatError(origin, f"no header row starting with '{HEADER_FIRST[kind]}'")
    header = [c.strip() for c in rows[at]]
    odd = [c for c in header[1:] if not COUNTRY_COLUMN.match(c)]
    if odd or len(header) < 3 or header[1:3] != ["Exp-Total", "Imp-Total"]:
        raise FormatError(origin, f"unexpected header {','.join(header)} (changed layout?)", at + 1,
                          odd[0] if odd else None)
    missing = [c for c in columns.values() if c not in header]
    if missing:
        raise FormatError(origin, "column is missing", at + 1, missing[0])
    records, periods, block_ended = [], [], False
    for line, cells in enumerate(rows[at + 1:], start=at + 2):
        if len(cells) != len(header):
            raise FormatError(origin, f"{len(cells)} cells, the header has {len(header)}", line)
        first = cells[0].strip()
        period = _period(first, kind)
        if period is None or block_ended:
            # Allowed besides data: the country-name row under the header and, in monthly files,
            # a calendar-year block after the months (title rows, its own header, YYYY rows).
            if first == "" and not records and line == at + 2:
                continue
            if kind == "month" and records and (first == "" or "】" in first or first == "Years"
                                                or PERIOD_PATTERN["year"].match(first)):
                block_ended = True
                continue
            raise FormatError(origin, f"'{first}' is not a {'year' if kind == 'year' else 'YYYY/MM month'}",
                              line, header[0])
        periods.append(period)
        for flow, column in columns.items():
            value = _thousand_yen(cells[header.index(column)], origin, line, column)
            if value > 0:
                records.append({"period": period, "flow": flow, "thousand_yen": value})
    if not periods:
        raise FormatError(origin, "no data rows (empty or truncated file)")
    _check_consecutive(periods, kind, origin, at + 2)
    return records


@dataclass(frozen=True)
class GoodsColumn:
    """Where one commodity sits in a goods file."""

    code: str
    name: str          # press-release name (報道発表品目名), else the 概況品 name
    value_at: int
    quantity_at: int | None
    unit: str | None   # 'MT', 'KL', 'NO', 'KG' ... as the file writes it; None: no quantity


def _goods_columns(rows: list[list[str]], origin: str) -> list[GoodsColumn]:
    names, alt_names, codes, kinds, units = rows[2], rows[3], rows[4], rows[5], rows[6]
    starts = [i for i in range(1, len(codes)) if codes[i].strip()]
    if not starts:
        raise FormatError(origin, "no goods codes in the fifth header row", 5)
    columns = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(codes)
        block = range(start, end)
        value_at = [i for i in block if kinds[i].strip() == "金額"]
        quantity_at = [i for i in block if kinds[i].strip() == "数量"]
        if len(value_at) != 1 or len(quantity_at) > 1:
            raise FormatError(origin, f"goods code {codes[start].strip()} has no single 金額 column", 6)
        unit = None
        if quantity_at:
            match = UNIT_PATTERN.match(units[quantity_at[0]].strip())
            if not match:
                raise FormatError(origin, f"'{units[quantity_at[0]].strip()}' is not a unit", 7)
            unit = match.group(1)
        code = codes[start].strip().replace("'", "")
        name = (names[start] or alt_names[start]).strip()
        columns.append(GoodsColumn(code, name, value_at[0], quantity_at[0] if quantity_at else None, unit))
    return columns


def _goods_number(cell: str, origin: str, line: int, column: str) -> int | None:
    text = cell.strip()
    if text == "-":
        return None
    return _thousand_yen(text, origin, line, column) if column.endswith("金額") else _quantity(text, origin,
                                                                                               line, column)


def _quantity(text: str, origin: str, line: int, column: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise FormatError(origin, f"'{text}' is not a whole quantity", line, column)
    return int(text)


def parse_goods(raw: bytes, origin: str, kind: str) -> list[dict]:
    """``[{period, code, name, thousand_yen, quantity, unit}]`` from a goods file (``d52``/``d62``).

    ``thousand_yen``/``quantity`` are None where the file writes ``-``.
    """
    rows = decode_rows(raw, origin)
    _check_title(rows, kind, origin)
    if len(rows) < GOODS_HEADER_ROWS:
        raise FormatError(origin, f"fewer than the {GOODS_HEADER_ROWS} header rows of a goods file")
    width = len(rows[0])
    if width < 3:
        raise FormatError(origin, "the first row of a goods file has fewer than three cells", 1)
    for index, label in GOODS_LABELS.items():
        if len(rows[index]) != width or rows[index][0].strip() != label:
            raise FormatError(origin, f"header row {index + 1} should start with '{label}' (changed layout?)",
                              index + 1)
    if any(len(r) != width for r in rows[:GOODS_HEADER_ROWS]) or rows[6][0].strip() != HEADER_FIRST[kind]:
        raise FormatError(origin, f"the seventh header row should start with '{HEADER_FIRST[kind]}'", 7)
    columns = _goods_columns(rows, origin)
    records, periods = [], []
    for line, cells in enumerate(rows[GOODS_HEADER_ROWS:], start=GOODS_HEADER_ROWS + 1):
        if len(cells) != width:
            raise FormatError(origin, f"{len(cells)} cells, the header has {width}", line)
        period = _period(cells[0], kind)
        if period is None:
            if kind == "month" and periods and PERIOD_PATTERN["year"].match(cells[0].strip()):
                continue  # the calendar-year block after the months
            raise FormatError(origin, f"'{cells[0].strip()}' is not a period", line, HEADER_FIRST[kind])
        periods.append(period)
        for column in columns:
            value = _goods_number(cells[column.value_at], origin, line, f"{column.code} 金額")
            quantity = (None if column.quantity_at is None else
                        _goods_number(cells[column.quantity_at], origin, line, f"{column.code} 数量"))
            if value is not None or quantity is not None:
                records.append({"period": period, "code": column.code, "name": column.name,
                                "thousand_yen": value, "quantity": quantity, "unit": column.unit})
    if not periods:
        raise FormatError(origin, "no data rows (empty or truncated file)")
    _check_consecutive(periods, kind, origin, GOODS_HEADER_ROWS + 1)
    return records
