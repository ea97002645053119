"""Atomic file writes: the one way the project replaces a file it has written before.

A writer draws into a temporary file beside the target and the temporary file is moved into place
only when complete, so a failing write never leaves a half-written file over a good one (figures,
executed notebooks, data tables).
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

#: Permissions of written files: readable by all, like files created with the usual umask.
FILE_MODE = 0o644


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary path beside ``path``, then move it onto ``path``.

    If ``write`` raises, ``path`` is left as it was and the temporary file is removed. The
    temporary file keeps ``path``'s suffix, since some writers pick the format from it.
    """
    path = Path(path)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix)
    os.close(handle)
    try:
        write(Path(tmp))
        os.chmod(tmp, FILE_MODE)  # mkstemp creates files private to the owner
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def write_text_atomically(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` by ``text`` atomically (newlines written as given, not translated)."""
    write_atomically(path, lambda tmp: tmp.write_text(text, encoding=encoding, newline=""))
