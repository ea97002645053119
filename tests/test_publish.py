"""Teacher and student editions, and HTML export."""
from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient

from analysis import publish
from analysis.build import numbered_notebooks

NOTEBOOKS = numbered_notebooks()


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_notebook_has_the_teaching_skeleton(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "Learning objectives" in text
    if not path.stem.startswith("07"):
        assert "## Summary" in text and "## Discussion questions" in text
    solutions = [c for c in nb.cells if "solution" in tags(c)]
    assert 2 <= len(solutions) <= 4, "2–4 exercises with worked solutions"


def test_student_edition_removes_solutions_and_keeps_the_rest():
    teacher = nbformat.read(NOTEBOOKS[1], as_version=4)
    student = publish.student_version(teacher)
    assert len(student.cells) == len(teacher.cells)
    assert not [c for c in student.cells if "solution" in tags(c)]
    blanks = [c for c in student.cells if "exercise" in tags(c)]
    assert len(blanks) == len([c for c in teacher.cells if "solution" in tags(c)])
    assert all(c.source == publish.PLACEHOLDER and not c.outputs for c in blanks)
    assert any("solution" in tags(c) for c in teacher.cells)  # the teacher copy is untouched


def test_student_edition_runs_top_to_bottom(tmp_path):
    written = publish.export_student(tmp_path, [NOTEBOOKS[0]])
    assert sorted(p.suffix for p in written) == [".html", ".ipynb"]
    nb = nbformat.read(tmp_path / NOTEBOOKS[0].name, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS[0].parent)}}).execute()
    html = (tmp_path / f"{NOTEBOOKS[0].stem}.html").read_text(encoding="utf-8")
    assert "Your answer here" in html
    teacher = nbformat.read(NOTEBOOKS[0], as_version=4)
    first_solution = next(c.source for c in teacher.cells if "solution" in tags(c))
    assert first_solution.splitlines()[0] not in html


def test_html_export_embeds_figures(tmp_path):
    chronology = [p for p in NOTEBOOKS if p.stem == "01_chronology"]
    (html,) = publish.export_html(tmp_path, chronology)
    text = html.read_text(encoding="utf-8")
    assert "A chronology of Japan–Russia relations" in text
    assert "data:image/png;base64" in text


def test_html_export_carries_the_notebooks_title(tmp_path):
    chronology = [p for p in NOTEBOOKS if p.stem == "01_chronology"]
    (html,) = publish.export_html(tmp_path, chronology)
    title = re.search(r"<title>(.*?)</title>", html.read_text(encoding="utf-8")).group(1)
    heading = nbformat.read(chronology[0], as_version=4).cells[0].source.splitlines()[0]
    assert heading.startswith("# 01 · ") and title == heading[2:]


def test_notebook_title_falls_back_to_the_file_name():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Only a section"),
                                         nbformat.v4.new_code_cell("# a comment, not a heading")])
    assert publish.notebook_title(nb, fallback="99_scratch") == "99_scratch"
    nb.cells.append(nbformat.v4.new_markdown_cell("Text\n# The title"))
    assert publish.notebook_title(nb, fallback="99_scratch") == "The title"
