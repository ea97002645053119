"""Maps: labelled islands without overlaps, borders from data, offline, deterministic."""
from __future__ import annotations

import itertools
import socket

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

from analysis import credit, export, load, maps

pytestmark = pytest.mark.usefixtures("house_style")


@pytest.fixture(scope="module")
def islands():
    return load.load_islands()


def island_labels(ax):
    return [t for t in ax.texts if (t.get_gid() or "").startswith("island-")]


def assert_no_overlap(fig, texts):
    fig.canvas.draw()
    # Text's own extent: an Annotation's would include its leader line.
    boxes = [Text.get_window_extent(t) for t in texts]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)


def test_region_map_labels_four_islands_in_three_forms(islands):
    ax = maps.plot_region(islands)
    labels = island_labels(ax)
    assert len(labels) == 4
    etorofu = next(t for t in labels if t.get_gid() == "island-etorofu").get_text()
    assert etorofu == "Etorofu / Iturup\n択捉島 / Итуруп"
    assert ax.get_xlabel() == "Longitude (°E)" and ax.get_ylabel() == "Latitude (°N)"
    assert_no_overlap(ax.figure, labels)
    plt.close(ax.figure)


def test_island_close_up_shows_area_population_and_distance(islands):
    ax = maps.plot_islands(islands, load.load_distances())
    labels = island_labels(ax)
    assert len(labels) == 4
    kunashiri = next(t for t in labels if t.get_gid() == "island-kunashiri").get_text()
    row = islands.set_index("island_id").loc["kunashiri"]
    assert f"{row.area_km2:,.0f} km²" in kunashiri
    assert f"{row.population:,} residents ({row.population_year})" in kunashiri
    assert any("3.7 km from Cape Nosappu" in t.get_text() for t in ax.texts)
    assert_no_overlap(ax.figure, labels)
    plt.close(ax.figure)


def test_strait_border_is_drawn_across_the_strait_not_between_shores():
    line = pd.DataFrame({"border_id": "s", "vertex": [1, 2, 3], "role": ["side", "line", "side"],
                         "lon": [0.0, 1.0, 2.0], "lat": [0.0, 0.0, 0.0]})
    identity = lambda lon, lat: (np.asarray(lon, float) * 1e5, np.asarray(lat, float) * 1e5)  # noqa: E731
    x, y = maps.border_path(line, identity)
    assert np.allclose(x, 1e5)  # through the centre, perpendicular to the shores (east-west)
    assert y[1] - y[0] == pytest.approx(2 * maps.STRAIT_HALF_LENGTH_KM * 1000)


def test_line_border_joins_its_vertices_in_order():
    line = pd.DataFrame({"border_id": "p", "vertex": [2, 1], "role": ["line", "line"],
                         "lon": [144.0, 142.2], "lat": [50.0, 50.0]})
    x, _ = maps.border_path(line, lambda lon, lat: (np.asarray(lon), np.asarray(lat)))
    assert list(x) == [142.2, 144.0]


def test_borders_table_has_every_period_and_sources():
    borders = load.load_borders()
    assert sorted(borders["period"].unique()) == [1855, 1875, 1905, 1945]
    assert set(borders.loc[borders["kind"] == "claim", "period"]) == {1945}
    for border_id, line in borders.groupby("border_id"):
        sides = (line["role"] == "side").sum()
        assert sides in (0, 2), border_id
        assert (line["role"] == "line").sum() >= (1 if sides else 2), border_id


def test_borders_over_time_one_panel_per_period(islands):
    axes = maps.plot_borders_over_time(load.load_borders(), islands)
    assert [ax.get_title(loc="left") for ax in axes] == [
        "1855\nTreaty of Shimoda", "1875\nTreaty of Saint Petersburg",
        "1905\nTreaty of Portsmouth", "Since 1945"]
    legend = [t.get_text() for t in axes[3].get_legend().get_texts()]
    assert any("Japan claims" in text.replace("\n", " ") for text in legend)
    plt.close(axes[0].figure)


def test_borders_over_time_fit_16_9_in_one_row(islands):
    axes = maps.plot_borders_over_time(load.load_borders(), islands)
    fig = axes[0].figure
    width, height = fig.get_size_inches()
    assert width / height == pytest.approx(16 / 9)
    fig.canvas.draw()
    boxes = [ax.get_window_extent() for ax in axes]
    assert len({round(b.y0) for b in boxes}) == 1  # one row
    assert all(a.x1 <= b.x0 for a, b in itertools.pairwise(boxes))  # side by side, no overlap
    plt.close(fig)


def test_each_border_panel_says_whose_side_is_whose_and_marks_the_islands(islands):
    axes = maps.plot_borders_over_time(load.load_borders(), islands)
    for ax in axes:
        sides = {t.get_gid() for t in ax.texts}
        assert {"side-JP", "side-RU", "four-islands"} <= sides, ax.get_title()
    plt.close(axes[0].figure)


def test_no_two_legend_entries_share_a_colour(islands):
    from matplotlib.colors import to_hex
    axes = maps.plot_borders_over_time(load.load_borders(), islands)
    for ax in axes:
        handles = ax.get_legend().legend_handles
        colours = [to_hex(h.get_color()) for h in handles]
        assert len(colours) == len(set(colours)), ax.get_title()
    plt.close(axes[0].figure)


@pytest.mark.parametrize("draw", [maps.plot_region, maps.plot_islands])
def test_maps_in_the_house_16_9(islands, draw):
    ax = draw(islands)
    width, height = ax.figure.get_size_inches()
    assert width / height == pytest.approx(16 / 9)
    plt.close(ax.figure)


def test_region_map_title_is_neutral(islands):
    ax = maps.plot_region(islands)
    title = ax.get_title(loc="left")
    # Neither side's name alone: 'southern Kurils' is Russia's term, 'Northern Territories' Japan's.
    assert "disputed" in title
    assert "Kuril" not in title and "Northern Territories" not in title
    plt.close(ax.figure)


def test_maps_draw_with_the_network_disabled(islands, monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    maps._basemap.cache_clear()  # read the coastlines again, now offline
    ax = maps.plot_region(islands)
    credit.add_source_line(ax.figure, "test")
    export.save_figure(ax.figure, "offline_map", tmp_path)
    assert (tmp_path / "offline_map.png").stat().st_size > 10_000
    plt.close(ax.figure)


def test_map_bytes_identical_when_redrawn(islands, tmp_path):
    runs = []
    for folder in ("a", "b"):
        ax = maps.plot_region(islands)
        credit.add_source_line(ax.figure, "test")
        export.save_figure(ax.figure, "region", tmp_path / folder)
        plt.close(ax.figure)
        runs.append((tmp_path / folder / "region.svg").read_bytes())
    assert runs[0] == runs[1]
