"""The main job: execute every notebook in numeric order, which regenerates ``figures/``.

Notebooks are written back with their fresh outputs (so the stored outputs that nbval compares
stay in step with the data) only when they ran without error; a failing notebook is left as it
was and the build stops with the failing cell's error.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from analysis.fileio import write_atomically
from analysis.paths import FIGURES_DIR_ENV, NOTEBOOKS_DIR, figures_dir

KERNEL = "python3"
CELL_TIMEOUT_S = 600
ANSI_ESCAPES = re.compile(r"\x1b\[[0-9;]*m")


class NotebookFailed(RuntimeError):
    """A notebook raised an error; the message names the notebook and carries the cell's error."""


@dataclass
class NotebookRun:
    path: Path
    seconds: float


def numbered_notebooks(directory: Path = NOTEBOOKS_DIR) -> list[Path]:
    """``NN_name.ipynb`` files in numeric order (checkpoints and scratch files are ignored)."""
    return sorted(p for p in directory.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def normalise_metadata(nb) -> None:
    """Notebook metadata exactly as JupyterLab sets it when it opens a notebook with our kernel, so
    opening and autosaving in Lab change nothing (tests/test_lab_roundtrip.py checks it).

    Lab rewrites ``kernelspec`` from the installed kernel's own spec (display name "Python 3
    (ipykernel)", not "Python 3") and ``language_info`` whole from the kernel's reply, Python
    version included, so both are kept as the kernel gives them; nbclient has just set
    ``language_info`` from the same reply. Lab saves nbformat 4.5. Per-cell timing is dropped:
    it differs on every run.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
        display_name, language = spec.display_name, spec.language
    except NoSuchKernel:  # ipykernel's own names, so a build without the spec still matches Lab
        display_name, language = "Python 3 (ipykernel)", "python"
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": display_name, "language": language}
    nb.nbformat, nb.nbformat_minor = 4, 5
    for cell in nb.cells:
        cell.metadata.pop("execution", None)


def execute_notebook(path: Path, write: bool = True) -> object:
    """Run one notebook top to bottom in a fresh kernel from its own folder; return it executed."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name=KERNEL, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        # The kernel's own stderr only carries start-up chatter (a loopback TCP notice); cell
        # errors and warnings reach us as messages and are kept in the notebook.
        client.execute(stderr=subprocess.DEVNULL)
    except CellExecutionError as error:
        raise NotebookFailed(f"{path.name} failed in {_failing_cell(nb)}:\n"
                             f"{ANSI_ESCAPES.sub('', str(error))}") from None
    normalise_metadata(nb)
    if write:
        write_atomically(path, partial(nbformat.write, nb))
    return nb


def _failing_cell(nb) -> str:
    """'code cell N' (counting code cells from 1) of the first cell with an error output."""
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return f"code cell {number}"
    return "a cell"


def build(notebooks: list[Path] | None = None, write: bool = True,
          figures: Path | None = None, out=sys.stdout) -> list[NotebookRun]:
    """Execute ``notebooks`` (default: all numbered ones) in order, printing progress to ``out``.

    ``figures`` redirects figure output (tests use it to leave ``figures/`` alone). Raises
    :class:`NotebookFailed` at the first failing notebook.
    """
    notebooks = notebooks or numbered_notebooks()
    if figures is not None:
        os.environ[FIGURES_DIR_ENV] = str(figures)  # the kernels inherit it
    runs, started = [], time.monotonic()
    for i, path in enumerate(notebooks, start=1):
        print(f"[{i}/{len(notebooks)}] {path.name} ...", end=" ", flush=True, file=out)
        t0 = time.monotonic()
        try:
            execute_notebook(path, write=write)
        except NotebookFailed:
            print("FAILED", file=out, flush=True)
            raise
        runs.append(NotebookRun(path, time.monotonic() - t0))
        left = len(notebooks) - i
        print(f"ok ({runs[-1].seconds:.1f} s; {left} left)", file=out, flush=True)
    total = time.monotonic() - started
    print(f"Built {len(runs)} notebook(s) in {total:.1f} s; figures in {figures or figures_dir()}",
          file=out, flush=True)
    return runs
