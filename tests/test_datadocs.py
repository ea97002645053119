"""data/README.md documents the columns exactly as data/datapackage.json declares them."""
from __future__ import annotations

import json
import shutil

import pytest

from analysis import datadocs
from analysis.__main__ import main
from analysis.paths import DATA_DIR
from conftest import read_csv, write_csv


def test_readme_is_up_to_date():
    text = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert datadocs.render_readme(text) == text, "data/README.md is stale: run python -m analysis docs"


def test_every_table_is_documented_under_tables_only():
    text = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    tables = text[text.index("\n## Tables\n"):text.index("\n## ", text.index("\n## Tables\n") + 1)]
    for entry in json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))["resources"]:
        assert f"\n### `{entry['path']}`" in tables, entry["path"]
        assert text.count(f"\n### `{entry['path']}`") == 1, entry["path"]


@pytest.fixture
def package(data_dir):
    """The fixture's data package with the real README."""
    shutil.copy(DATA_DIR / "README.md", data_dir / "README.md")
    return data_dir


def edit_descriptor(folder, change) -> None:
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change({r["name"]: r for r in descriptor["resources"]})
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def test_descriptor_change_makes_the_readme_stale_and_docs_renews_it(package, capsys):
    assert main(["docs", "--data-dir", str(package)]) == 0  # sample data: new counts, same prose
    edit_descriptor(package, lambda r: r["eras"]["schema"]["fields"][1].update(description="Name of the era."))
    assert main(["docs", "--check", "--data-dir", str(package)]) == 1
    assert "stale" in capsys.readouterr().err
    assert main(["docs", "--data-dir", str(package)]) == 0
    text = (package / "README.md").read_text(encoding="utf-8")
    assert "| `name` | string |  | required | Name of the era. |" in text
    assert "A teaching periodisation" in text  # the hand-written prose stays
    assert main(["docs", "--check", "--data-dir", str(package)]) == 0


def test_tables_without_prose_get_sections_in_descriptor_order(package):
    def add(resources):
        resources["eras"]["x-sort"] = ["name"]
        resources["g7"]["title"] = "Group of Seven"
    edit_descriptor(package, add)
    text = datadocs.render_readme("# Data\n\nIntro.\n\n## Tables\n\n## Gaps\n\nNone.\n", package)
    assert text.index("### `sources.csv`") < text.index("### `events.csv`") < text.index("## Gaps")
    assert "### `g7.csv` — Group of Seven" in text
    assert "Loaded by `load.load_eras()` sorted by `name`." in text
    assert text.endswith("## Gaps\n\nNone.\n")


def test_rows_by_source_rank_only_when_sources_have_a_rank(package):
    rows = read_csv(package / "sources.csv")
    at = rows[0].index("rank")  # the sample data has ranks; take them away first
    write_csv(package / "sources.csv", [row[:at] + row[at + 1:] for row in rows])
    edit_descriptor(package, lambda r: r["sources"]["schema"].update(
        fields=[f for f in r["sources"]["schema"]["fields"] if f["name"] != "rank"]))
    text = datadocs.render_readme((package / "README.md").read_text(encoding="utf-8"), package)
    assert "best-ranked source" not in text
    edit_descriptor(package, lambda r: r["sources"]["schema"]["fields"].append(
        {"name": "rank", "type": "string", "constraints": {"required": True, "enum": datadocs.RANKS}}))
    rows = read_csv(package / "sources.csv")
    write_csv(package / "sources.csv", [rows[0] + ["rank"], rows[1] + ["publisher"], rows[2] + ["repost"]])
    text = datadocs.render_readme(text, package)
    # events cite src-a, src-a;src-b, src-b, src-b: a row counts under its best source
    events = text[text.index("### `events.csv`"):text.index("### `eras.csv`")]
    assert "Rows by their best-ranked source: publisher 2, repost 2." in events
    assert "Sources: publisher 1, repost 1." in text
