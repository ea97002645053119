"""Save figures: one function, PNG for slides and SVG for print, byte-identical on every rerun."""
from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from analysis import style
from analysis.credit import source_of
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
        raise ValueError(f"figure '{name}' has no source line; finish it with credit.finish")
    target = Path(directory) if directory else figures_dir()
    target.mkdir(parents=True, exist_ok=True)
    with style.context():  # resolution, cropping and SVG ids from the house style, whoever calls
        for fmt in FORMATS:
            # Atomic, so a failing draw never leaves a half-written figure over a good one.
            write_atomically(target / f"{name}.{fmt}", partial(fig.savefig, format=fmt, metadata=METADATA[fmt]))
