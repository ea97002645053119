"""The one atomic writer: a failing writer leaves the old file as it was and nothing behind."""
from __future__ import annotations

import stat

import pytest

from analysis import fileio


def test_write_replaces_the_file_with_mode_0644(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("old\n")
    target.chmod(0o600)
    fileio.write_atomically(target, lambda tmp: tmp.write_text("new\n"))
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_failing_writer_leaves_the_old_file_byte_identical_and_no_temp_file(tmp_path):
    target = tmp_path / "figure.png"
    target.write_bytes(b"\x89PNG good bytes")

    def half_write(tmp):
        tmp.write_bytes(b"\x89PNG half")
        raise RuntimeError("draw failed")

    with pytest.raises(RuntimeError, match="draw failed"):
        fileio.write_atomically(target, half_write)
    assert target.read_bytes() == b"\x89PNG good bytes"
    assert [p.name for p in tmp_path.iterdir()] == ["figure.png"]


def test_writer_gets_a_temporary_path_beside_the_target_with_its_suffix(tmp_path):
    seen = []
    fileio.write_atomically(tmp_path / "nb.ipynb", lambda tmp: seen.append(tmp) or tmp.write_text("{}"))
    assert seen[0].parent == tmp_path and seen[0].suffix == ".ipynb" and seen[0] != tmp_path / "nb.ipynb"
    assert not seen[0].exists()


def test_write_text_keeps_newlines_and_encoding(tmp_path):
    target = tmp_path / "sources.csv"
    fileio.write_text_atomically(target, "id,title\nk,北方領土\r\n")
    assert target.read_bytes() == "id,title\nk,北方領土\r\n".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_write_text_to_a_missing_folder_fails_cleanly(tmp_path):
    with pytest.raises(FileNotFoundError):
        fileio.write_text_atomically(tmp_path / "absent" / "x.txt", "x")
    assert list(tmp_path.iterdir()) == []
