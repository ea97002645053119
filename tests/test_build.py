"""The main job: order, progress, failure handling, and byte-identical figures on rerun."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from analysis import build
from analysis.paths import DEFAULT_FIGURES_DIR, PROJECT_ROOT


def write_notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nb, path)
    return path


def test_notebooks_in_numeric_order(tmp_path):
    for name in ["10_c.ipynb", "02_b.ipynb", "01_a.ipynb", "scratch.ipynb", "1_x.ipynb"]:
        write_notebook(tmp_path / name, "1")
    assert [p.name for p in build.numbered_notebooks(tmp_path)] == [
        "01_a.ipynb", "02_b.ipynb", "10_c.ipynb"]


def test_build_writes_outputs_and_reports_progress(tmp_path):
    nb_path = write_notebook(tmp_path / "01_ok.ipynb", "print(6 * 7)")
    out = io.StringIO()
    runs = build.build([nb_path], figures=tmp_path / "fig", out=out)
    assert len(runs) == 1
    assert "[1/1] 01_ok.ipynb ... ok" in out.getvalue()
    cell = nbformat.read(nb_path, as_version=4).cells[0]
    assert cell.outputs[0]["text"] == "42\n"
    assert "execution" not in cell.metadata


def test_failing_notebook_names_cell_and_is_left_untouched(tmp_path):
    good = write_notebook(tmp_path / "01_good.ipynb", "x = 1")
    bad = write_notebook(tmp_path / "02_bad.ipynb", "y = 2", "raise ValueError('broken data')")
    never = write_notebook(tmp_path / "03_never.ipynb", "z = 3")
    before = bad.read_bytes(), never.read_bytes()
    out = io.StringIO()
    with pytest.raises(build.NotebookFailed, match="02_bad.ipynb failed in code cell 2") as error:
        build.build([good, bad, never], figures=tmp_path / "fig", out=out)
    assert "ValueError: broken data" in str(error.value)
    assert (bad.read_bytes(), never.read_bytes()) == before
    assert "[2/3] 02_bad.ipynb ... FAILED" in out.getvalue()
    assert "03_never" not in out.getvalue()


def test_cli_exits_non_zero_on_failure(tmp_path):
    bad = write_notebook(tmp_path / "01_bad.ipynb", "1/0")
    result = subprocess.run([sys.executable, "-m", "analysis", "build", str(bad),
                             "--figures-dir", str(tmp_path / "fig")],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "ZeroDivisionError" in result.stderr


def test_main_job_regenerates_committed_figures_byte_identically(tmp_path):
    """Run every notebook twice (outputs not written back): each in under a minute, and both
    runs and the figures committed in figures/ must match byte for byte."""
    runs = []
    for attempt in ("first", "second"):
        folder = tmp_path / attempt
        timings = build.build(write=False, figures=folder, out=io.StringIO())
        slow = [(run.path.name, round(run.seconds, 1)) for run in timings if run.seconds >= 60]
        assert not slow, f"notebooks must run in under a minute: {slow}"
        runs.append({p.name: p.read_bytes() for p in sorted(folder.iterdir())})
    assert runs[0], "the notebooks saved no figures"
    assert runs[0] == runs[1]
    committed = {p.name: p.read_bytes() for p in sorted(DEFAULT_FIGURES_DIR.iterdir())
                 if p.suffix in (".png", ".svg")}
    assert committed.keys() == runs[0].keys(), "figures/ is out of step: run `make figures`"
    stale = [name for name in committed if committed[name] != runs[0][name]]
    assert not stale, f"figures differ from a fresh run: {stale}; run `make figures`"


def test_cli_help_lists_commands():
    result = subprocess.run([sys.executable, "-m", "analysis", "--help"], capture_output=True,
                            text=True, cwd=PROJECT_ROOT)
    assert result.returncode == 0
    for command in ("build", "validate", "html"):
        assert command in result.stdout
