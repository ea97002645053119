"""``data/manifest.json``: what ``data/`` held when it was last refreshed or signed off.

For every table and the descriptor of ``data/`` (CSV and JSON files but the manifest) its
SHA-256 and, for CSV tables, its row count; for every source the refresh command has read, when
it was retrieved and the SHA-256 of the publisher's file. ``python -m analysis check`` compares
``data/`` with it and names each file changed since (by hand, or by a merge); ``check --update``
signs the current state off.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

MANIFEST_NAME = "manifest.json"


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def count_rows(content: bytes) -> int | None:
    """Data rows of a CSV table (the header not counted); None if it is not readable as one."""
    try:
        rows = list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return None
    return max(len(rows) - 1, 0)


def data_files(data_dir: Path) -> dict[str, bytes]:
    """The tables and the descriptor (prose such as README.md is not data and is not listed)."""
    return {p.name: p.read_bytes() for p in sorted(Path(data_dir).iterdir())
            if p.is_file() and p.suffix in (".csv", ".json") and p.name != MANIFEST_NAME}


def describe(files: dict[str, bytes]) -> dict[str, dict]:
    entries = {}
    for name, content in sorted(files.items()):
        entry = {"sha256": sha256(content)}
        if name.endswith(".csv"):
            entry["rows"] = count_rows(content)
        entries[name] = entry
    return entries


def read(data_dir: Path) -> dict | None:
    path = Path(data_dir) / MANIFEST_NAME
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: not a readable manifest ({error})") from None


def render(files: dict[str, bytes], sources: dict[str, dict]) -> bytes:
    """The manifest for ``files`` (name -> content) and the sources' retrieval record."""
    document = {"about": "SHA-256 and rows of every table and the descriptor in data/, and when each "
                         "refreshed source was retrieved. Verify: python -m analysis check; "
                         "sign off: python -m analysis check --update.",
                "files": describe(files), "sources": dict(sorted(sources.items()))}
    return (json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


def differences(data_dir: Path) -> list[str]:
    """One line per file that differs from the manifest; empty when all agree."""
    manifest = read(data_dir)
    if manifest is None:
        return [f"{Path(data_dir) / MANIFEST_NAME}: no manifest (create it with python -m analysis check --update)"]
    recorded, current = manifest.get("files", {}), describe(data_files(data_dir))
    lines = []
    for name in sorted(set(recorded) | set(current)):
        if name not in current:
            lines.append(f"{name}: missing (listed in the manifest)")
        elif name not in recorded:
            lines.append(f"{name}: not in the manifest (new file)")
        elif recorded[name]["sha256"] != current[name]["sha256"]:
            rows = ""
            if "rows" in current[name] and recorded[name].get("rows") != current[name]["rows"]:
                rows = f"; rows {recorded[name].get('rows')} → {current[name]['rows']}"
            lines.append(f"{name}: changed since the manifest (SHA-256 differs{rows})")
    return lines


def update(data_dir: Path) -> Path:
    """Rewrite the manifest for ``data/`` as it is now, keeping the sources' retrieval record."""
    from analysis.refresh.apply import replace_together
    previous = read(data_dir) or {}
    path = Path(data_dir) / MANIFEST_NAME
    replace_together({path: render(data_files(data_dir), previous.get("sources", {}))})
    return path
