"""Editions of the notebooks: standalone HTML, and a student edition without worked solutions.

The teacher edition is ``notebooks/`` itself: exercises with worked solutions in cells tagged
``solution``. The student edition replaces each such cell with an empty exercise cell.
"""
from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from analysis.build import numbered_notebooks

SOLUTION_TAG = "solution"
PLACEHOLDER = "# Your answer here\n"


def export_html(out_dir: Path, notebooks: list[Path] | None = None) -> list[Path]:
    """Write ``<notebook>.html`` (stored outputs, images embedded) for each notebook."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks or numbered_notebooks():
        written.append(_write_html(nbformat.read(path, as_version=4), out_dir / f"{path.stem}.html"))
    return written


def notebook_title(nb, fallback: str) -> str:
    """The notebook's first level-1 markdown heading ('01 · A chronology of ...'), else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _write_html(nb, target: Path) -> Path:
    # Without a name nbconvert titles every page "Notebook": browser tabs could not be told apart.
    resources = {"metadata": {"name": notebook_title(nb, fallback=target.stem)}}
    body, _ = HTMLExporter(embed_images=True).from_notebook_node(nb, resources=resources)
    target.write_text(body, encoding="utf-8")
    return target


def student_version(nb):
    """A copy of ``nb`` with every ``solution`` cell replaced by an empty, tagged exercise cell."""
    student = copy.deepcopy(nb)
    for i, cell in enumerate(student.cells):
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            blank = nbformat.v4.new_code_cell(PLACEHOLDER)
            blank.metadata["tags"] = ["exercise"]
            blank.id = cell.get("id", blank.id)
            student.cells[i] = blank
    return student


def export_student(out_dir: Path, notebooks: list[Path] | None = None) -> list[Path]:
    """Write the student edition of each notebook as ``.ipynb`` and ``.html`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks or numbered_notebooks():
        student = student_version(nbformat.read(path, as_version=4))
        target = out_dir / path.name
        nbformat.write(student, target)
        written += [target, _write_html(student, out_dir / f"{path.stem}.html")]
    return written
