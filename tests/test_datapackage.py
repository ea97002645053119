"""data/datapackage.json is a standard Frictionless Data Package: what a data user runs,
``frictionless validate data/datapackage.json``, passes; and the project's own check of the
descriptor keeps it that way (standard types, custom properties prefixed ``x-``)."""
from __future__ import annotations

import json
import shutil

import pytest
from frictionless import validate

from analysis import load
from analysis.paths import DATA_DIR
from analysis.validate import descriptor_problems
from conftest import set_cell


def frictionless_errors(descriptor_path) -> list[str]:
    report = validate(str(descriptor_path))
    return [e.message for e in report.errors] + [
        f"{task.name}: {e.message}" for task in report.tasks for e in task.errors]


def test_frictionless_validates_the_whole_package():
    assert frictionless_errors(DATA_DIR / "datapackage.json") == []


def test_frictionless_sees_a_bad_cell_too(tmp_path):
    """The test above could fail: frictionless checks the cells, not only the descriptor."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    set_cell(copy / "events.csv", 1, "category", "friendship")  # not in the enum
    set_cell(copy / "trade_annual.csv", 1, "source_id", "Not An Id")  # breaks the id-list pattern
    errors = frictionless_errors(copy / "datapackage.json")
    assert any(e.startswith("events:") and "friendship" in e for e in errors), errors
    assert any(e.startswith("trade_annual:") and "Not An Id" in e for e in errors), errors


def test_descriptor_uses_standard_types_and_prefixed_custom_properties():
    assert descriptor_problems(load.read_descriptor()) == []
    package = load.read_descriptor()
    types = {f.get("type", "string") for r in package["resources"] for f in r["schema"]["fields"]}
    assert types <= {"string", "integer", "number", "date", "yearmonth", "year"}


@pytest.mark.parametrize("edit,problem", [
    (lambda f: f.update(type="partialdate"), "'partialdate' is not a Table Schema type"),
    (lambda f: f.update(unit="count"), "'unit' is not a field property"),
    (lambda f: f.update(type="boolean"), "'boolean' is not checked by analysis/validate.py"),
    (lambda f: f["constraints"].update(minLength=3), "constraint 'minLength' is not checked"),
], ids=["home-made type", "unprefixed key", "unchecked type", "unchecked constraint"])
def test_non_standard_or_unchecked_descriptor_is_named(edit, problem):
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    events = package["resources"][1]
    edit(events["schema"]["fields"][2])  # title
    problems = descriptor_problems(package)
    assert len(problems) == 1 and problem in problems[0]
    assert problems[0].startswith("resources[1] (events) field 'title'")
