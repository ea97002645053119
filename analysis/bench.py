"""``make bench``: how fast the main command is against running the notebooks by hand.

Each measurement is the median wall time of several runs of a command in a fresh process, on
copies of the notebooks in a temporary folder (so neither ``notebooks/`` nor ``figures/`` nor the
build cache of the working tree is touched):

(a) ``jupyter nbconvert --to notebook --execute`` on every notebook in turn: the baseline, as a
    user would run them without the package's command;
(b) ``python -m analysis build`` from cold (its cache emptied before each run);
(c) the same command again with nothing changed;
(d) ``import analysis`` and ``import analysis.load`` against ``import pandas``;
(e) loading and validating every table (``analysis.load.validate_all``), minus pandas' import;
(f) the README's test command, ``make test`` (skipped by ``--quick``).

It is a command, not a test: timings depend on the machine and its load. Run it on a quiet
machine and copy the table into the README's Performance section.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from analysis.paths import FIGURES_DIR_ENV, PROJECT_ROOT

# Targets from issue #15, for this project's 2-core machine.
TARGETS = {"b/a": 0.6, "c": 2.0, "d": 1.3, "e": 0.3}
# (key, label, Python code) of the measurements (d) and (e).
SNIPPETS = [
    ("pandas", "(d) python -c 'import pandas'", "import pandas"),
    ("d0", "(d) python -c 'import analysis'", "import analysis"),
    ("d", "(d) python -c 'import analysis.load' (pandas + the loader)", "import analysis.load"),
    ("e", "(e) load and validate every table (incl. pandas import)",
     "from analysis.load import validate_all; validate_all()"),
]


@dataclass
class Measurement:
    key: str
    label: str
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def time_command(command: list[str], repeats: int, before=None, env: dict | None = None,
                 warm_up: bool = False) -> list[float]:
    """Wall times of ``repeats`` runs of ``command``; ``before()`` runs untimed before each;
    ``warm_up`` runs it once untimed first (so short commands are timed with a warm disk cache)."""
    if warm_up:
        subprocess.run(command, check=True, cwd=PROJECT_ROOT, env=env, capture_output=True)
    times = []
    for _ in range(repeats):
        if before:
            before()
        t0 = time.perf_counter()
        subprocess.run(command, check=True, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return times


def ratio_lines(results: dict[str, Measurement]) -> list[str]:
    """The ratios and absolute targets of issue #15, each with its verdict."""
    def verdict(value: float, limit: float, strict: bool = False) -> str:
        met = value < limit if strict else value <= limit
        return "met" if met else "NOT met"

    a, b, c = results["a"].median, results["b"].median, results["c"].median
    pandas, imports, load = results["pandas"].median, results["d"].median, results["e"].median
    beyond = load - pandas
    return [
        f"(b)/(a) cold build vs nbconvert:    {b / a:5.2f}   target <= {TARGETS['b/a']}: "
        f"{verdict(b / a, TARGETS['b/a'])}",
        f"(c)/(a) no-change build vs nbconvert: {c / a:5.3f}   (c) = {c:.2f} s, target < {TARGETS['c']} s: "
        f"{verdict(c, TARGETS['c'], strict=True)}",
        f"(d) import analysis.load / pandas:  {imports / pandas:5.2f}   target <= {TARGETS['d']}: "
        f"{verdict(imports / pandas, TARGETS['d'])}",
        f"(e) load+validate beyond pandas:    {beyond:5.2f} s target < {TARGETS['e']} s: "
        f"{verdict(beyond, TARGETS['e'], strict=True)}",
    ]


def table(results: dict[str, Measurement]) -> str:
    rows = [f"| {'measurement':58s} | median s | runs |", f"|{'-' * 60}|----------|------|"]
    rows += [f"| {m.label:58s} | {m.median:8.2f} | {len(m.seconds):4d} |" for m in results.values()]
    return "\n".join(rows)


def machine() -> str:
    """Cores, Python, and the load average: other work on the machine makes every number larger."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    return f"{cores} cores, {platform.machine()}, Python {platform.python_version()}{load}"


def run(quick: bool = False, out=sys.stdout) -> dict[str, Measurement]:
    """Measure everything; ``quick``: fewer repeats and no test suite."""
    slow, fast = (1, 3) if quick else (3, 5)
    python, bin_dir = sys.executable, Path(sys.executable).parent
    scratch = Path(tempfile.mkdtemp(prefix="bench-"))
    notebooks_dir, figures, cache = scratch / "notebooks", scratch / "figures", scratch / "cache.json"
    shutil.copytree(PROJECT_ROOT / "notebooks", notebooks_dir,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    copies = sorted(str(p) for p in notebooks_dir.glob("[0-9][0-9]_*.ipynb"))
    env = {**os.environ, FIGURES_DIR_ENV: str(figures)}
    nbconvert = [str(bin_dir / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
                 "--output-dir", str(scratch / "nbconvert")]
    build = [python, "-m", "analysis", "build", *copies, "--figures-dir", str(figures), "--cache", str(cache)]

    def forget_cache():
        cache.unlink(missing_ok=True)

    def step(key: str, label: str, seconds: list[float]) -> None:
        results[key] = Measurement(key, label, seconds)
        print(f"  {label}: {results[key].median:.2f} s", file=out, flush=True)

    results: dict[str, Measurement] = {}
    print(f"Benchmark on {machine()} ({'quick' if quick else 'full'}) ...", file=out, flush=True)
    try:
        # (a) and (b) alternate, so a change in the machine's load weighs on both alike.
        baseline, cold = [], []
        for _ in range(slow):
            baseline += _time_each(nbconvert, copies, env)
            cold += time_command(build, 1, before=forget_cache, env=env)
        step("a", "(a) nbconvert --execute, every notebook in turn", baseline)
        step("b", "(b) python -m analysis build, cold (cache empty)", cold)
        step("c", "(c) python -m analysis build, nothing changed", time_command(build, fast, env=env, warm_up=True))
        for key, label, code in SNIPPETS:
            step(key, label, time_command([python, "-c", code], fast, warm_up=True))
        if not quick:
            step("f", "(f) make test (the README's test command)", time_command(["make", "test"], 1))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("\n" + table(results), file=out)
    print("\n" + "\n".join(ratio_lines(results)), file=out)
    print(f"\nmachine: {machine()}", file=out, flush=True)
    return results


def _time_each(command: list[str], notebooks: list[str], env: dict) -> list[float]:
    """``[total]``: the time of ``command NOTEBOOK`` for every notebook, one after another."""
    return [sum(sum(time_command([*command, nb], 1, env=env)) for nb in notebooks)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, and skip (f) the test suite")
    run(quick=parser.parse_args(argv).quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
