"""The command line answers a mistyped notebook path with one line, not a traceback."""
from __future__ import annotations

import subprocess
import sys

from analysis.paths import PROJECT_ROOT


def test_build_of_a_missing_notebook_prints_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "analysis", "build", "notebooks/01_chronolgy.ipynb",
                             "--figures-dir", str(tmp_path)], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "no such notebook: notebooks/01_chronolgy.ipynb (the notebooks are notebooks/NN_name.ipynb)"]
    assert "Traceback" not in result.stdout + result.stderr
    assert not list(tmp_path.iterdir())  # nothing ran
