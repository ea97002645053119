"""save_figure: both formats, stable bytes, clear refusals, nothing good overwritten on failure."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from analysis import credit, export

pytestmark = pytest.mark.usefixtures("house_style")


def sourced_figure():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [3, 1, 2], label="Итуруп 択捉島")
    ax.set_xlabel("Year")
    ax.legend()
    credit.add_source_line(fig, "Test")
    return fig


def test_writes_png_and_svg(tmp_path):
    export.save_figure(sourced_figure(), "demo", tmp_path)
    paths = [tmp_path / "demo.png", tmp_path / "demo.svg"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.png", "demo.svg"]
    assert paths[0].read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in paths[1].read_bytes()[:500]


def test_png_is_at_least_150_dpi(tmp_path):
    from PIL import Image
    export.save_figure(sourced_figure(), "demo", tmp_path)
    dpi = Image.open(tmp_path / "demo.png").info["dpi"]
    assert min(dpi) >= 150


def test_byte_identical_when_rerun(tmp_path):
    runs = []
    for folder in (tmp_path / "1", tmp_path / "2"):
        export.save_figure(sourced_figure(), "a", folder)
        runs.append([(folder / f"a.{fmt}").read_bytes() for fmt in ("png", "svg")])
    first, second = runs
    assert first == second
    svg = first[1].decode()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg


def test_default_folder_follows_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path / "elsewhere"))
    export.save_figure(sourced_figure(), "demo")
    assert (tmp_path / "elsewhere" / "demo.svg").exists()


@pytest.mark.parametrize("name", ["Demo", "demo.png", "../demo", ""])
def test_refuses_bad_names(tmp_path, name):
    with pytest.raises(ValueError, match="must be lower-case"):
        export.save_figure(sourced_figure(), name, tmp_path)


def test_refuses_figure_without_source_line(tmp_path):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="no source line"):
        export.save_figure(fig, "demo", tmp_path)
    assert not list(tmp_path.iterdir())


def test_failed_draw_keeps_the_previous_file(tmp_path):
    export.save_figure(sourced_figure(), "demo", tmp_path)
    good = (tmp_path / "demo.png").read_bytes()
    broken = sourced_figure()
    broken.axes[0].text(0.5, 0.5, "$\\frac{unbalanced$")  # mathtext fails at draw time
    with pytest.raises(ValueError):
        export.save_figure(broken, "demo", tmp_path)
    assert (tmp_path / "demo.png").read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.png", "demo.svg"]


def test_saves_in_the_house_style_whatever_the_global_settings(tmp_path):
    from PIL import Image
    with plt.rc_context({"savefig.dpi": 50, "svg.hashsalt": None}):
        export.save_figure(sourced_figure(), "demo", tmp_path / "a")
    export.save_figure(sourced_figure(), "demo", tmp_path / "b")
    assert min(Image.open(tmp_path / "a" / "demo.png").info["dpi"]) >= 150
    assert (tmp_path / "a" / "demo.svg").read_bytes() == (tmp_path / "b" / "demo.svg").read_bytes()


def test_saved_image_is_16_9_with_its_source_line(tmp_path):
    from PIL import Image
    fig, ax = plt.subplots()
    ax.plot([2020, 2024], [1, 2])
    ax.set_xlabel("Year")
    credit.add_source_line(fig, "A publisher " * 30)  # wraps to two lines
    export.save_figure(fig, "demo", tmp_path)
    width, height = Image.open(tmp_path / "demo.png").size
    assert width / height == pytest.approx(16 / 9, rel=0.01)
    fig.canvas.draw()
    source = next(t for t in fig.texts if t.get_text().startswith("Source"))
    assert not source.get_window_extent().overlaps(ax.xaxis.label.get_window_extent())
    plt.close(fig)
