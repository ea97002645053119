"""The main job: order, parallel runs, the cache, progress, failures, byte-identical figures on rerun."""
from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from analysis import build, build_cache
from analysis.paths import DEFAULT_FIGURES_DIR, FIGURES_DIR_ENV, PROJECT_ROOT


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
    assert len(runs) == 1 and not runs[0].skipped
    assert "[1/1] 01_ok.ipynb ok" in out.getvalue()
    cell = nbformat.read(nb_path, as_version=4).cells[0]
    assert cell.outputs[0]["text"] == "42\n"
    assert "execution" not in cell.metadata


def test_failing_notebook_names_cell_and_is_left_untouched(tmp_path):
    good = write_notebook(tmp_path / "01_good.ipynb", "print('ran')")
    bad = write_notebook(tmp_path / "02_bad.ipynb", "y = 2", "raise ValueError('broken data')")
    never = write_notebook(tmp_path / "03_never.ipynb", "z = 3")
    before = bad.read_bytes(), never.read_bytes()
    out = io.StringIO()
    with pytest.raises(build.NotebookFailed, match="02_bad.ipynb failed in code cell 2") as error:
        build.build([good, bad, never], figures=tmp_path / "fig", out=out, jobs=1)
    assert "ValueError: broken data" in str(error.value)
    assert (bad.read_bytes(), never.read_bytes()) == before
    assert "[2/3] 02_bad.ipynb FAILED" in out.getvalue()
    assert "03_never.ipynb started" not in out.getvalue()
    assert "not started after the failure: 03_never.ipynb" in out.getvalue()
    assert nbformat.read(good, as_version=4).cells[0].outputs[0]["text"] == "ran\n"  # ran before, kept


def save_fake_figure(name: str, then: str = "") -> str:
    """A cell that saves a file where the build tells the kernel figures go."""
    return (f"import os, pathlib\n"
            f"pathlib.Path(os.environ['{FIGURES_DIR_ENV}'], '{name}').write_text('drawn')\n{then}")


def test_a_failing_notebook_leaves_no_figures_and_the_others_still_land(tmp_path):
    good = write_notebook(tmp_path / "01_good.ipynb", save_fake_figure("good.png"))
    bad = write_notebook(tmp_path / "02_bad.ipynb", save_fake_figure("bad.png", "1/0"))
    with pytest.raises(build.NotebookFailed, match="02_bad.ipynb"):
        build.build([good, bad], figures=tmp_path / "fig", out=io.StringIO(), jobs=2)
    assert sorted(p.name for p in (tmp_path / "fig").iterdir()) == ["good.png"]  # no staging left


def test_notebooks_run_side_by_side(tmp_path):
    """With two jobs, two notebooks that each take two seconds overlap in time."""
    cell = ("import time, pathlib\nt0 = time.time(); time.sleep(2)\n"
            "pathlib.Path('{}.t').write_text(f'{{t0}} {{time.time()}}')")
    paths = [write_notebook(tmp_path / f"0{i}_sleep.ipynb", cell.format(i)) for i in (1, 2)]
    build.build(paths, figures=tmp_path / "fig", out=io.StringIO(), jobs=2)
    (start_1, end_1), (start_2, end_2) = [map(float, (tmp_path / f"{i}.t").read_text().split()) for i in (1, 2)]
    assert start_1 < end_2 and start_2 < end_1


def test_cache_skips_unchanged_and_says_why_it_reruns(tmp_path):
    nb_path = write_notebook(tmp_path / "01_fig.ipynb", save_fake_figure("one.png"))
    cache, fig = tmp_path / "cache.json", tmp_path / "fig"

    def run(**options) -> str:
        out = io.StringIO()
        build.build([nb_path], figures=fig, out=out, jobs=1, cache=cache, **options)
        return out.getvalue()

    assert "started (not built before)" in run()
    assert (fig / "one.png").read_text() == "drawn"
    assert "01_fig.ipynb skipped: unchanged" in run()
    assert "started (--force)" in run(force=True)
    (fig / "one.png").unlink()
    assert "figures missing or edited: one.png" in run()
    assert (fig / "one.png").exists()
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", text="edited by hand")]
    nbformat.write(nb, nb_path)
    assert "stored outputs differ from the last build" in run()
    nb.cells.append(nbformat.v4.new_code_cell("2"))
    nbformat.write(nb, nb_path)
    assert "cells changed" in run()
    assert "skipped" in run()
    assert "started" in build_output_without_cache_use(nb_path, fig, cache)


def build_output_without_cache_use(nb_path: Path, fig: Path, cache: Path) -> str:
    """write=False leaves stored outputs as they were, so it never trusts or feeds the cache."""
    out = io.StringIO()
    build.build([nb_path], write=False, figures=fig, out=out, jobs=1, cache=cache)
    return out.getvalue()


def test_stale_reasons_name_changed_data_and_library_files(tmp_path):
    nb_path = write_notebook(tmp_path / "01_a.ipynb", "1")
    inputs = {"cells": "c", "data": {"data/events.csv": "1", "data/new.csv": "2"},
              "library": {"analysis/plots.py": "9"}, "environment": "e"}
    entry = build_cache.entry_after_build({**inputs, "data": {"data/events.csv": "0"}}, nb_path, {}, tmp_path, 1.0)
    assert build_cache.stale_reasons(entry, inputs, nb_path, tmp_path) == [
        "data changed: events.csv, new.csv"]
    assert build_cache.stale_reasons(entry, {**inputs, "data": entry["data"], "library": {}, "environment": "f"},
                                     nb_path, tmp_path) == [
        "library changed: plots.py", "environment changed (requirements.lock or Python)"]
    assert build_cache.stale_reasons(None, inputs, nb_path, tmp_path) == ["not built before"]


def test_unchanged_rebuild_of_the_project_is_fast_and_reads_every_data_file():
    """The real inputs: every data/ file and library module is hashed, and hashing them all is quick."""
    t0 = time.monotonic()
    shared = build_cache.shared_inputs()
    assert time.monotonic() - t0 < 1.0
    assert {f"data/{p.name}" for p in (PROJECT_ROOT / "data").glob("*.csv")} <= shared["data"].keys()
    assert "analysis/load.py" in shared["library"]


def test_cli_exits_non_zero_on_failure(tmp_path):
    bad = write_notebook(tmp_path / "01_bad.ipynb", "1/0")
    result = subprocess.run([sys.executable, "-m", "analysis", "build", str(bad),
                             "--figures-dir", str(tmp_path / "fig")],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "ZeroDivisionError" in result.stderr


@pytest.fixture(scope="session")
def two_fresh_builds(tmp_path_factory):
    """Every notebook built twice, in parallel, outputs not written back: ``[(runs, figures)] * 2``."""
    builds = []
    for attempt in ("first", "second"):
        folder = tmp_path_factory.mktemp(f"figures-{attempt}")
        timings = build.build(write=False, figures=folder, out=io.StringIO())
        builds.append((timings, {p.name: p.read_bytes() for p in sorted(folder.iterdir())}))
    return builds


def test_main_job_regenerates_committed_figures_byte_identically(two_fresh_builds):
    """Each notebook in under a minute, and both runs and the figures committed in figures/
    must match byte for byte."""
    for timings, _ in two_fresh_builds:
        slow = [(run.path.name, round(run.seconds, 1)) for run in timings if run.seconds >= 60]
        assert not slow, f"notebooks must run in under a minute: {slow}"
    (_, first), (_, second) = two_fresh_builds
    assert first, "the notebooks saved no figures"
    assert first == second
    committed = {p.name: p.read_bytes() for p in sorted(DEFAULT_FIGURES_DIR.iterdir())
                 if p.suffix in (".png", ".svg")}
    assert committed.keys() == first.keys(), "figures/ is out of step: run `make figures`"
    stale = [name for name in committed if committed[name] != first[name]]
    assert not stale, f"figures differ from a fresh run: {stale}; run `make figures`"


def test_cli_help_lists_commands():
    result = subprocess.run([sys.executable, "-m", "analysis", "--help"], capture_output=True,
                            text=True, cwd=PROJECT_ROOT)
    assert result.returncode == 0
    for command in ("build", "validate", "html"):
        assert command in result.stdout
