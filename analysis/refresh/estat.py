"""Parser for e-Stat API v3 ``getStatsData`` JSON responses.

The envelope (checked against a genuine response) is ``GET_STATS_DATA`` → ``RESULT`` (``STATUS`` 0
when the call worked, ``ERROR_MSG``) and ``STATISTICAL_DATA`` → ``CLASS_INF.CLASS_OBJ`` (one object
per dimension, ``@id``/``@name``, and ``CLASS``: an object when the dimension has one code, a list
otherwise) and ``DATA_INF.VALUE`` (one object per cell: ``@tab``, ``@cat01``…, ``@area``, ``@time``,
optional ``@unit``, the value as a string under ``$``). ``DATA_INF.NOTE`` lists the characters that
stand for a missing number (``-`` …); those become None.
"""
from __future__ import annotations

import json
import re

from analysis.refresh.errors import FormatError

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _as_list(node, origin: str, what: str) -> list:
    if isinstance(node, dict):
        return [node]
    if isinstance(node, list) and all(isinstance(item, dict) for item in node):
        return node
    raise FormatError(origin, f"{what} is neither an object nor a list of objects")


def _get(node, path: list[str], origin: str):
    for key in path:
        if not isinstance(node, dict) or key not in node:
            raise FormatError(origin, f"no {'.'.join(path)} in the response")
        node = node[key]
    return node


def parse_stats_data(raw: bytes, origin: str) -> tuple[dict[str, dict[str, str]], list[dict]]:
    """``(classes, cells)``: ``classes[dimension][code] = name``; each cell maps every dimension
    (without ``@``) to its code, plus ``unit`` (or None) and ``value`` (float, or None if missing)."""
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise FormatError(origin, f"not UTF-8 text (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise FormatError(origin, f"not JSON ({error.msg})", error.lineno) from None
    status = _get(document, ["GET_STATS_DATA", "RESULT", "STATUS"], origin)
    if status != 0:
        message = document["GET_STATS_DATA"]["RESULT"].get("ERROR_MSG", "")
        raise FormatError(origin, f"e-Stat answered status {status}: {message}")
    data = _get(document, ["GET_STATS_DATA", "STATISTICAL_DATA"], origin)
    classes = {}
    for obj in _as_list(_get(data, ["CLASS_INF", "CLASS_OBJ"], origin), origin, "CLASS_OBJ"):
        if not isinstance(obj.get("@id"), str):
            raise FormatError(origin, "a CLASS_OBJ without @id")
        items = _as_list(obj.get("CLASS"), origin, f"CLASS of {obj['@id']}")
        classes[obj["@id"]] = {str(i.get("@code")): str(i.get("@name", "")) for i in items}
    data_inf = _get(data, ["DATA_INF"], origin)
    if not isinstance(data_inf, dict):
        raise FormatError(origin, "DATA_INF is not an object")
    notes = data_inf.get("NOTE", [])
    missing = {str(n.get("@char")) for n in _as_list(notes, origin, "NOTE")} if notes else set()
    missing |= {"-", "…", "x", "X", "***"}
    cells = []
    for n, value in enumerate(_as_list(_get(data, ["DATA_INF", "VALUE"], origin), origin, "VALUE"), start=1):
        text = value.get("$")
        if not isinstance(text, str):
            raise FormatError(origin, f"VALUE {n} has no string under '$'")
        cell = {key[1:]: str(code) for key, code in value.items() if key.startswith("@") and key != "@unit"}
        unknown = [d for d, code in cell.items() if d not in classes or code not in classes[d]]
        if unknown:
            raise FormatError(origin, f"VALUE {n}: code of '{unknown[0]}' is not in CLASS_INF")
        if text.strip() in missing:
            number = None
        elif NUMBER.match(text.strip()):
            number = float(text)
        else:
            raise FormatError(origin, f"VALUE {n}: '{text}' is not a number")
        cells.append({**cell, "unit": value.get("@unit"), "value": number})
    return classes, cells
