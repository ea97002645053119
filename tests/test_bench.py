"""The benchmark's arithmetic and verdicts, and the lazy imports that target (d) relies on."""
from __future__ import annotations

import subprocess
import sys

from analysis import bench
from analysis.paths import PROJECT_ROOT


def measurements(**medians: float) -> dict[str, bench.Measurement]:
    return {key: bench.Measurement(key, f"({key})", [value, value + 1, value - 1])
            for key, value in medians.items()}


def test_ratios_and_verdicts_follow_the_targets():
    lines = bench.ratio_lines(measurements(a=60.0, b=30.0, c=0.5, pandas=0.5, d=0.6, e=0.7))
    assert "0.50   target <= 0.6: met" in lines[0]
    assert "(c) = 0.50 s, target < 2.0 s: met" in lines[1]
    assert "1.20   target <= 1.3: met" in lines[2]
    assert " 0.20 s target < 0.3 s: met" in lines[3]
    slow = bench.ratio_lines(measurements(a=60.0, b=40.0, c=2.0, pandas=0.5, d=0.7, e=0.9))
    assert all(line.endswith("NOT met") for line in slow), slow


def test_median_and_table():
    results = measurements(a=10.0, b=4.0)
    assert results["a"].median == 10.0
    rows = bench.table(results).splitlines()
    assert len(rows) == 4 and rows[2].startswith("| (a) ") and "10.00" in rows[2] and rows[2].endswith("3 |")


def test_importing_the_library_and_its_loader_does_not_import_matplotlib():
    """Plotting is imported only by the modules that plot, so loading data stays as fast as pandas."""
    code = ("import sys, analysis, analysis.load, analysis.validate, analysis.transform; "
            "print(sorted(m for m in ('matplotlib', 'scipy', 'nbclient') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_a_build_with_nothing_to_do_does_not_import_the_notebook_machinery():
    code = ("import sys, analysis.build; print('nbclient' in sys.modules, 'nbformat' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT,
                            check=True)
    assert result.stdout.strip() == "False False"


def test_the_command_line_imports_only_what_its_command_needs():
    """Building the parser for every command must not pull in the refresh package (pandas, requests):
    a no-change build stays well under a second."""
    code = ("import sys; from analysis import __main__ as cli\n"
            "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('analysis.refresh', 'pandas', 'requests') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT,
                            check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
