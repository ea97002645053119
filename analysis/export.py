"""Save figures: one function, PNG for slides and SVG for print, byte-identical on every rerun;
and :func:`finish`, the one call a notebook makes: source line from the plotted rows, then save."""
from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from analysis import style
from analysis.credit import add_source_line, cite_tables, figure_of, recorded, source_of
from analysis.fileio import write_atomically
from analysis.paths import figures_dir

FORMATS = ("png", "svg")
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9_]*")
# No timestamps or software versions inside the files, so reruns give identical bytes.
METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
}


def save_figure(fig, name: str, directory: Path | None = None) -> None:
    """Write ``<name>.png`` and ``<name>.svg`` to ``figures/`` (or ``directory``).

    ``name`` is a stable, descriptive slug such as ``chronology_timeline``. Returns nothing, so a
    notebook cell ending with this call shows only the figure (no machine-specific paths).
    """
    if not NAME_PATTERN.fullmatch(name):
        raise ValueError(f"figure name '{name}' must be lower-case letters, digits and _ "
                         "(it becomes a file name)")
    if source_of(fig) is None:
        raise ValueError(f"figure '{name}' has no source line; finish it with export.finish")
    target = Path(directory) if directory else figures_dir()
    target.mkdir(parents=True, exist_ok=True)
    with style.context():  # resolution, cropping and SVG ids from the house style, whoever calls
        for fmt in FORMATS:
            # Atomic, so a failing draw never leaves a half-written figure over a good one.
            write_atomically(target / f"{name}.{fmt}", partial(fig.savefig, format=fmt, metadata=METADATA[fmt]))


def finish(fig_or_ax, name: str, sources, data=None, credit: str | None = None, directory=None) -> None:
    """Write the source line and save the figure as ``figures/<name>.png`` and ``.svg``.

    The line cites the publishers of ``data`` (see :func:`analysis.credit.cite_tables`), by default
    the rows the plotting functions drew (:func:`analysis.credit.recorded`), after ``credit`` if
    given (e.g. a map's coastlines). Returns nothing, so a cell shows only the figure."""
    fig = figure_of(fig_or_ax)
    if data is None:
        data = recorded(fig)
        if not data:
            raise ValueError(f"figure '{name}': its plotting function records no rows; pass "
                             "data=<the rows plotted> to cite them")
    citation = cite_tables(data, sources)
    add_source_line(fig, f"{credit}; {citation}" if credit else citation)
    save_figure(fig, name, directory)
