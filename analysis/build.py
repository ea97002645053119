"""The main job: execute every notebook, which regenerates ``figures/``, several at a time.

The notebooks do not depend on one another: each reads only ``data/`` (through the library) and
writes only its own figures, and none reads a figure or another notebook. So they run in
parallel, one kernel per core by default (``jobs``), each in a fresh kernel from its own folder,
and any order is correct; the longest (by the last build) start first so the cores stay busy.

A notebook whose cells, data, library and environment are unchanged since its last build, and
whose figures and stored outputs are still in place, is skipped (see :mod:`analysis.build_cache`);
``force`` runs everything. Each notebook saves its figures into a staging folder that is moved
into place only when the whole notebook succeeded, and the notebook itself is written back with
its fresh outputs (so the stored outputs nbval compares stay in step with the data) only then: a
failing notebook leaves its notebook and figures as they were. After a failure no further
notebook starts; the ones already running finish and are kept, and the build raises the error.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from analysis import build_cache
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
    skipped: bool = False


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


def default_jobs() -> int:
    """One kernel per core this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def execute_notebook(path: Path, write: bool = True, figures: Path | None = None) -> object:
    """Run one notebook top to bottom in a fresh kernel from its own folder; return it executed.

    Its figures go to ``figures`` (default: :func:`analysis.paths.figures_dir`) through the
    kernel's environment, so notebooks running side by side can each have their own folder.
    """
    import nbformat  # imported here so a build with nothing to run stays fast
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name=KERNEL, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    env = {**os.environ, FIGURES_DIR_ENV: str(figures or figures_dir())}
    try:
        # The kernel's own stderr only carries start-up chatter (a loopback TCP notice); cell
        # errors and warnings reach us as messages and are kept in the notebook.
        client.execute(stderr=subprocess.DEVNULL, env=env)
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


def _run_staged(path: Path, write: bool, target: Path) -> tuple[dict[str, str], float]:
    """Execute ``path`` with its figures in a staging folder inside ``target``; on success move
    them into ``target`` and return ``({figure file: sha256}, seconds)``."""
    t0 = time.monotonic()
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target, prefix=f".staging-{path.stem}-"))
    try:
        execute_notebook(path, write=write, figures=staging)
        figures = {}
        for figure in sorted(staging.iterdir()):
            figures[figure.name] = build_cache.file_hash(figure)
            os.replace(figure, target / figure.name)
        return figures, time.monotonic() - t0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def build(notebooks: list[Path] | None = None, write: bool = True, figures: Path | None = None,
          out=sys.stdout, jobs: int | None = None, force: bool = False,
          cache: Path | None = None) -> list[NotebookRun]:
    """Execute ``notebooks`` (default: all numbered ones), ``jobs`` at a time, printing progress
    to ``out``; return one :class:`NotebookRun` per notebook, in the order given.

    ``figures`` redirects figure output (tests use it to leave ``figures/`` alone). ``cache`` is
    the cache file (the command line uses :data:`analysis.build_cache.CACHE_FILE`; ``None``: no
    cache, everything runs). The cache is only used when outputs are written back, since a run
    with ``write=False`` leaves the stored outputs as they were. Raises :class:`NotebookFailed`
    naming the first notebook that failed.
    """
    notebooks = list(notebooks or numbered_notebooks())
    target = Path(figures) if figures is not None else figures_dir()
    jobs = max(1, jobs or default_jobs())
    cache = cache if write else None
    entries = build_cache.read_cache(cache) if cache else {}
    shared = build_cache.shared_inputs() if cache else {}
    started, total, done = time.monotonic(), len(notebooks), 0
    results: dict[Path, NotebookRun] = {}

    def report(path: Path, text: str) -> None:
        nonlocal done
        done += 1
        print(f"[{done}/{total}] {path.name} {text}", file=out, flush=True)

    to_run = []
    for path in notebooks:
        inputs = build_cache.inputs_of(path, shared) if cache else None
        reasons = (["--force"] if force else
                   build_cache.stale_reasons(entries.get(path.name), inputs, path, target)) if cache else []
        if cache and not reasons:
            results[path] = NotebookRun(path, 0.0, skipped=True)
            report(path, "skipped: unchanged since its last build (cells, data/, analysis/, "
                         "environment; figures and outputs in place)")
        else:
            to_run.append((path, inputs, reasons))
    # Longest first (by the last build's time) so the last notebook to start is a short one.
    to_run.sort(key=lambda item: -entries.get(item[0].name, {}).get("seconds", 0.0))

    failure = None
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        waiting, running = list(to_run), {}
        while waiting or running:
            while waiting and len(running) < jobs and failure is None:
                path, inputs, reasons = waiting.pop(0)
                why = f" ({'; '.join(reasons)})" if reasons else ""
                print(f"  {path.name} started{why}", file=out, flush=True)
                running[pool.submit(_run_staged, path, write, target)] = (path, inputs)
            if not running:
                break
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: running[f][0]):
                path, inputs = running.pop(future)
                left = f"{len(running)} running, {len(waiting)} waiting"
                try:
                    figure_hashes, seconds = future.result()
                except NotebookFailed as error:
                    report(path, f"FAILED ({left})")
                    failure = failure or error
                    continue
                results[path] = NotebookRun(path, seconds)
                report(path, f"ok ({seconds:.1f} s; {left})")
                if cache:
                    entries[path.name] = build_cache.entry_after_build(inputs, path, figure_hashes, target,
                                                                       seconds)
                    build_cache.write_cache(entries, cache)
    if failure is not None:
        not_started = [path.name for path, _, _ in waiting]
        if not_started:
            print(f"not started after the failure: {', '.join(not_started)}", file=out, flush=True)
        raise failure
    ran = [r for r in results.values() if not r.skipped]
    print(f"Built {len(ran)} notebook(s), skipped {total - len(ran)} unchanged, in "
          f"{time.monotonic() - started:.1f} s ({jobs} at a time); figures in {target}", file=out, flush=True)
    return [results[path] for path in notebooks]
