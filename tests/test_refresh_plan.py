"""Merging publisher rows into a table (analysis.refresh.plan) and replacing files together
(analysis.refresh.apply), on small hand-made tables."""
from __future__ import annotations

import os

import pytest

from analysis.refresh import apply
from analysis.refresh.plan import Update, merge, same_value

HEADER = ["year", "partner", "flow", "value_jpy_bn", "status", "source_id"]
SCHEMA = {"primaryKey": ["year", "partner", "flow"], "fields": [
    {"name": "year", "constraints": {"minimum": 1950, "maximum": 2026}},
    {"name": "partner", "constraints": {"enum": ["RU", "WORLD"]}},
    {"name": "flow", "constraints": {"enum": ["export", "import"]}},
    {"name": "value_jpy_bn"}, {"name": "status", "constraints": {"enum": ["preliminary", "confirmed"]}},
    {"name": "source_id"}]}


def row(year, value, source="news-a", status="preliminary", partner="WORLD"):
    return {"year": year, "partner": partner, "flow": "export", "value_jpy_bn": value, "status": status,
            "source_id": source}


def update(*rows):
    fresh = tuple({"year": y, "partner": "WORLD", "flow": "export", "value_jpy_bn": v, "status": "confirmed"}
                  for y, v in rows)
    return Update("trade_annual", "customs-world-annual", "customs-d41ca", fresh, values=("value_jpy_bn",),
                  attributes=("status",))


def test_same_value_uses_the_precision_of_the_old_value():
    assert same_value("69800", "69800.4") and not same_value("69800", "69800.6")
    assert same_value("862.299388", "862.299388") and not same_value("862.299388", "862.299")


def test_additions_small_recent_revisions_and_untouched_rows():
    rows = [row("2024", "100.0"), row("2025", "200", partner="RU")]
    merged, changes = merge(HEADER, rows, SCHEMA, update(("2024", "101.5"), ("2025", "300")))
    kinds = {(c.key[0], c.kind) for c in changes}
    assert kinds == {("2024", "revised"), ("2025", "added")}
    assert [r["year"] for r in merged] == ["2024", "2025", "2025"]  # sorted by key
    revised = merged[0]
    assert (revised["value_jpy_bn"], revised["status"], revised["source_id"]) == ("101.5", "confirmed",
                                                                                  "customs-d41ca;news-a")
    assert merged[1] == row("2025", "200", partner="RU")  # a row the publisher does not carry stays


def test_large_or_old_revisions_are_held_unless_yes():
    rows = [row("2010", "50"), row("2024", "100")]
    fresh = update(("2010", "50.7"), ("2024", "110"), ("2025", "1"))
    merged, changes = merge(HEADER, rows, SCHEMA, fresh)
    held = sorted(c.key[0] for c in changes if c.kind == "held")
    assert held == ["2010", "2024"]  # older than the last three years; more than 2%
    assert merged[0] == row("2010", "50") and merged[1] == row("2024", "100")  # untouched, status too
    merged, changes = merge(HEADER, rows, SCHEMA, fresh, yes=True)
    assert [r["value_jpy_bn"] for r in merged] == ["50.7", "110", "1"]


def test_a_replaced_report_moves_into_the_first_reported_columns():
    header = HEADER + ["first_reported_jpy_bn", "first_reported_source_id"]
    rows = [{**row("2025", "110448.0", source="jiji-a;yomiuri-b"), "first_reported_jpy_bn": "",
             "first_reported_source_id": ""}]
    merged, _ = merge(header, rows, SCHEMA, update(("2025", "110400.454682")), yes=True)
    assert merged[0]["value_jpy_bn"] == "110400.454682" and merged[0]["source_id"] == "customs-d41ca"
    assert (merged[0]["first_reported_jpy_bn"], merged[0]["first_reported_source_id"]) == ("110448.0",
                                                                                           "jiji-a;yomiuri-b")


def test_rows_outside_the_declared_range_or_list_are_left_out():
    fresh = update(("1949", "1"), ("2027", "1"))
    merged, changes = merge(HEADER, [], SCHEMA, fresh)
    assert merged == [] and {c.kind for c in changes} == {"left_out"}
    assert changes[0].column == "year" and "outside the declared range 1950–2026" in changes[0].new


def test_a_status_the_table_lacks_falls_back():
    fresh = Update("trade_annual", "s", "customs-d41ca",
                   ({"year": "2025", "partner": "WORLD", "flow": "export", "value_jpy_bn": "1",
                     "status": "second_preliminary"},), values=("value_jpy_bn",), attributes=("status",))
    merged, _ = merge(HEADER, [], SCHEMA, fresh)
    assert merged[0]["status"] == "preliminary"


def test_replace_together_restores_every_file_when_one_rename_fails(tmp_path, monkeypatch):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_bytes(b"old a\n")
    b.write_bytes(b"old b\n")
    real_replace, calls = os.replace, []

    def failing_replace(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError("disk full")
        real_replace(source, target)

    monkeypatch.setattr(apply.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        apply.replace_together({a: b"new a\n", b: b"new b\n"})
    assert a.read_bytes() == b"old a\n" and b.read_bytes() == b"old b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]  # no temporaries left


def test_replace_together_writes_all(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_bytes(b"old\n")
    apply.replace_together({a: b"new a\n", b: b"new b\n"})
    assert (a.read_bytes(), b.read_bytes()) == (b"new a\n", b"new b\n")
