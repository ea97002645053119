"""save_figure: both formats, stable bytes, clear refusals, nothing good overwritten on failure."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from analysis import credit, export, load, plots
from conftest import CITED_SOURCES, cited_rows

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


def test_finish_writes_the_source_line_and_saves(tmp_path):
    fig, ax = plt.subplots()
    export.finish(ax, "demo", data=cited_rows(["c"], "x.csv"), sources=CITED_SOURCES, credit="coastlines X",
                  directory=tmp_path)
    assert credit.source_of(fig) == "coastlines X; Pub C (data/x.csv)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.png", "demo.svg"]
    plt.close(fig)


def test_finish_refuses_a_figure_without_rows_to_cite(tmp_path):
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="pass data="):
        export.finish(ax, "demo", sources=CITED_SOURCES, directory=tmp_path)
    assert not list(tmp_path.iterdir())
    plt.close(fig)


def test_citation_follows_the_partner_plotted(tmp_path):
    # The plot selects one partner's rows; the source line cites those rows and no others.
    annual = load.load_trade_annual()
    sources = load.load_sources()
    lines = {}
    for partner in ("RU", "WORLD"):
        ax = plots.plot_annual_trade(annual, partner=partner)
        export.finish(ax, f"trade_{partner.lower()}", sources=sources, directory=tmp_path)
        lines[partner] = credit.source_of(ax.figure)
        expected = credit.cite_publishers(annual[(annual["partner"] == partner)
                                                 & annual["value_jpy_bn"].notna()], sources)
        assert lines[partner] == expected
        plt.close(ax.figure)
    assert lines["RU"] != lines["WORLD"]
