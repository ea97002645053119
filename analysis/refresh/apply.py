"""Write several files of ``data/`` as one step: all are replaced, or none is.

Each new content is first written to a temporary file beside its target (same folder, so the
rename cannot cross file systems) and flushed to disk; only then are the targets renamed over,
one after the other. If a rename fails, the files already replaced get their old bytes back.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _temporary_copy(path: Path, content: bytes) -> Path:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(content)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(name, 0o644)
    return Path(name)


def replace_together(contents: dict[Path, bytes]) -> None:
    """Give every path its new content, or leave every path as it was."""
    originals = {p: p.read_bytes() if p.exists() else None for p in contents}
    staged: dict[Path, Path] = {}
    done: list[Path] = []
    try:
        for path, content in contents.items():
            staged[path] = _temporary_copy(path, content)
        for path, temporary in staged.items():
            os.replace(temporary, path)
            done.append(path)
    except BaseException:
        for path in done:
            if originals[path] is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(_temporary_copy(path, originals[path]), path)
        raise
    finally:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
