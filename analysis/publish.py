"""Editions of the notebooks for people without Python: standalone HTML."""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from analysis.build import numbered_notebooks


def export_html(out_dir: Path, notebooks: list[Path] | None = None) -> list[Path]:
    """Write ``<notebook>.html`` (stored outputs, images embedded) for each notebook."""
    out_dir.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(embed_images=True)
    written = []
    for path in notebooks or numbered_notebooks():
        body, _ = exporter.from_notebook_node(nbformat.read(path, as_version=4))
        target = out_dir / f"{path.stem}.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written
