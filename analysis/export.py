"""Save figures: one function, PNG for slides and SVG for print, byte-identical on every rerun."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from analysis import style
from analysis.credit import source_of
from analysis.paths import figures_dir

FORMATS = ("png", "svg")
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9_]*")
# No timestamps or software versions inside the files, so reruns give identical bytes.
METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
}


def _write_atomically(fig, path: Path, fmt: str) -> None:
    """Draw into a temporary file beside ``path`` and move it into place only when complete,
    so a failing draw never leaves a half-written figure over a good one."""
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=f".{fmt}")
    os.close(handle)
    try:
        fig.savefig(tmp, format=fmt, metadata=METADATA[fmt])
        os.chmod(tmp, 0o644)  # mkstemp creates files private to the owner
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


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
            _write_atomically(fig, target / f"{name}.{fmt}", fmt)
