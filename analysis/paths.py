"""Where the project's folders are, wherever the code is run from.

Notebooks run from ``notebooks/``, tests from the repository root and the CLI from anywhere, so
every path is anchored on this file rather than on the current directory.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
DEFAULT_FIGURES_DIR = PROJECT_ROOT / "figures"

#: Environment variable that redirects figure output (used by tests so they never touch figures/).
FIGURES_DIR_ENV = "ANALYSIS_FIGURES_DIR"


def figures_dir() -> Path:
    """The folder figures are written to: ``$ANALYSIS_FIGURES_DIR`` if set, else ``figures/``."""
    override = os.environ.get(FIGURES_DIR_ENV)
    return Path(override) if override else DEFAULT_FIGURES_DIR
