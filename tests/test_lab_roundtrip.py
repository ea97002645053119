"""Opening a stored notebook in JupyterLab and letting it autosave changes nothing.

On opening, Lab starts the notebook's kernel and writes two metadata fields from it: ``kernelspec``
(name, and the display name and language of the installed kernel's spec) and ``language_info``
(the kernel's ``kernel_info`` reply, whole). It then saves through jupyter_server's contents
manager. The test does the same with a live kernel and the real contents manager, and requires
the saved file to be byte-identical to the stored one.
"""
from __future__ import annotations

import json
import shutil

import nbformat
import pytest
from jupyter_client.kernelspec import get_kernel_spec
from jupyter_client.manager import start_new_kernel
from jupyter_server.services.contents.filemanager import FileContentsManager

from analysis.build import KERNEL, normalise_metadata, numbered_notebooks

NOTEBOOKS = numbered_notebooks()


@pytest.fixture(scope="module")
def lab_metadata():
    """The two fields Lab sets on opening, from the installed spec and a running kernel."""
    manager, client = start_new_kernel(kernel_name=KERNEL)
    try:
        client.kernel_info()
        reply = client.get_shell_msg(timeout=60)
        while reply["msg_type"] != "kernel_info_reply":
            reply = client.get_shell_msg(timeout=60)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    spec = get_kernel_spec(KERNEL)
    return {"kernelspec": {"name": KERNEL, "display_name": spec.display_name, "language": spec.language},
            "language_info": reply["content"]["language_info"]}


def lab_open_and_save(folder, name, lab_metadata, monkeypatch):
    """What Lab does to a notebook between opening it and its first autosave."""
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(folder / "jupyter-data"))  # the trust database
    contents = FileContentsManager(root_dir=str(folder))
    model = contents.get(name, content=True, type="notebook")
    model = json.loads(json.dumps(model, default=str))  # over the wire, as Lab receives it
    model["content"]["metadata"].update(lab_metadata)
    contents.save({"type": "notebook", "format": "json", "content": model["content"]}, name)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_opening_in_lab_and_autosaving_changes_nothing(path, tmp_path, lab_metadata, monkeypatch):
    shutil.copy(path, tmp_path / path.name)
    lab_open_and_save(tmp_path, path.name, lab_metadata, monkeypatch)
    assert (tmp_path / path.name).read_bytes() == path.read_bytes(), (
        f"{path.name}: Lab would rewrite it on opening; rebuild with python -m analysis build")


def test_normalise_metadata_writes_what_lab_writes(lab_metadata):
    nb = nbformat.v4.new_notebook()
    nb.nbformat_minor = 4
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_code_cell("1", metadata={"execution": {"shell.execute_reply": "x"}}))
    normalise_metadata(nb)
    assert nb.metadata["kernelspec"] == lab_metadata["kernelspec"]
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    assert "execution" not in nb.cells[0].metadata
