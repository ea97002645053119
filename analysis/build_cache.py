"""What a notebook's build depends on, as content hashes, so an unchanged notebook can be skipped.

A notebook's inputs are taken conservatively: its cells (type and source, not outputs), every
file under ``data/`` (the notebooks read tables through :mod:`analysis.load`, and a table may pull
in others through foreign keys, so the whole folder counts), every ``.py`` file of the library and
the environment (``requirements.lock`` and the Python version). Its outputs are the figures it
saved and the notebook file it wrote. A notebook is skipped only when all inputs hash as at its
last successful build *and* its outputs are still in place, unedited; otherwise the reasons are
listed, so the build can say why it reruns something.

The cache is one JSON file under ``build/`` (git-ignored; ``make clean`` removes it).
"""
from __future__ import annotations

import hashlib
import json
import platform
from pathlib import Path

from analysis.fileio import write_text_atomically
from analysis.paths import DATA_DIR, PROJECT_ROOT

CACHE_FILE = PROJECT_ROOT / "build" / "cache" / "notebooks.json"
LIBRARY_DIR = PROJECT_ROOT / "analysis"
LOCK_FILE = PROJECT_ROOT / "requirements.lock"
FORMAT = 1  # bump when the entry layout changes, so old caches are ignored rather than misread


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_hashes(folder: Path, pattern: str) -> dict[str, str]:
    """``{path relative to the project: sha256}`` of the files under ``folder`` matching ``pattern``."""
    return {_relative(p): file_hash(p) for p in sorted(folder.rglob(pattern))
            if p.is_file() and "__pycache__" not in p.parts}


def cells_hash(notebook: Path) -> str:
    """Hash of the cells' types and sources: outputs and metadata do not change what runs."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    text = json.dumps([[c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"]]
                       for c in cells], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def environment_hash() -> str:
    lock = LOCK_FILE.read_bytes() if LOCK_FILE.exists() else b""
    return hashlib.sha256(lock + platform.python_version().encode()).hexdigest()


def shared_inputs() -> dict:
    """The inputs every notebook shares, hashed once per build."""
    return {"data": folder_hashes(DATA_DIR, "*"), "library": folder_hashes(LIBRARY_DIR, "*.py"),
            "environment": environment_hash()}


def inputs_of(notebook: Path, shared: dict) -> dict:
    return {"cells": cells_hash(notebook), **shared}


def entry_after_build(inputs: dict, notebook: Path, figures: dict[str, str], figures_dir: Path,
                      seconds: float) -> dict:
    """What the cache remembers of one successful build."""
    return {**inputs, "notebook_file": file_hash(notebook), "figures": figures,
            "figures_dir": str(figures_dir), "seconds": round(seconds, 1)}


def stale_reasons(entry: dict | None, inputs: dict, notebook: Path, figures_dir: Path) -> list[str]:
    """Why ``notebook`` must run again (empty: it is up to date and can be skipped)."""
    if entry is None:
        return ["not built before"]
    reasons = []
    if entry.get("cells") != inputs["cells"]:
        reasons.append("cells changed")
    for key, label in (("data", "data"), ("library", "library")):
        changed = _changed_files(entry.get(key, {}), inputs[key])
        if changed:
            reasons.append(f"{label} changed: {_short_list(changed)}")
    if entry.get("environment") != inputs["environment"]:
        reasons.append("environment changed (requirements.lock or Python)")
    if entry.get("figures_dir") != str(figures_dir):
        reasons.append(f"figures go to another folder ({_relative(figures_dir)})")
    else:
        missing = [name for name, digest in entry.get("figures", {}).items()
                   if not (figures_dir / name).is_file() or file_hash(figures_dir / name) != digest]
        if missing:
            reasons.append(f"figures missing or edited: {_short_list(missing)}")
    if not notebook.is_file() or file_hash(notebook) != entry.get("notebook_file"):
        reasons.append("stored outputs differ from the last build")
    return reasons


def read_cache(path: Path = CACHE_FILE) -> dict:
    """``{notebook name: entry}``; an unreadable or old-format cache counts as empty."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return content.get("notebooks", {}) if content.get("format") == FORMAT else {}


def write_cache(entries: dict, path: Path = CACHE_FILE) -> None:
    """Atomically, so an interrupted build never leaves a half-written cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, json.dumps({"format": FORMAT, "notebooks": entries}, indent=1, sort_keys=True))


def _changed_files(before: dict[str, str], now: dict[str, str]) -> list[str]:
    return sorted(name for name in before.keys() | now.keys() if before.get(name) != now.get(name))


def _short_list(names: list[str], shown: int = 3) -> str:
    names = [Path(n).name for n in names]
    return ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")


def _relative(path: Path) -> str:
    path = Path(path)
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)
