"""Root conftest: applies to tests/ and to the notebooks nbval collects.

Notebook kernels inherit this process's environment, so pointing ANALYSIS_FIGURES_DIR at a
temporary folder makes the test run leave ``figures/`` untouched.
"""
import os
import tempfile

from analysis.paths import FIGURES_DIR_ENV


def pytest_configure(config):
    os.environ[FIGURES_DIR_ENV] = tempfile.mkdtemp(prefix="figures-under-test-")
