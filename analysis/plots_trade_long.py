"""Figures of the long-run trade series (1992 to the latest year). Each takes tidy data and an
optional ``ax`` and returns the Axes. (To be folded into :mod:`analysis.plots`.)"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis import style
from analysis.plots import FLOW_COLOURS, FLOW_NAMES, _axes, _finish, _hollow
from analysis.transform import complete_years, primary_usd

style.apply_style()

#: Whose figures: Japan's solid with dots, Russia's dashed with squares (mirror statistics of the
#: same flow; where they agree, as in 1995-2001, the dashed line runs along the solid one).
REPORTER_LINES = {"JP": ("-", "o", "Japan's figures"), "RU": ("--", "s", "Russia's figures")}
CONVERTED_LABEL = "hollow: Japan's yen values converted at the year's average rate"
# Below the axes, so the legend never covers a line.
LEGEND_OUTSIDE = {"loc": "upper left", "bbox_to_anchor": (0.0, -0.13), "ncols": 2, "fontsize": 9}


def _line(ax, table: pd.DataFrame, value: str, time: str, colour: str, style_: str, label: str,
          marker: str = "o"):
    """One line through the known values of ``table``; unknown years between them stay gaps."""
    full = complete_years(table.assign(_g=0), ["_g"], value, time=time)
    ax.plot(full[time], full[value], ls=style_, marker=marker, ms=4, color=colour, label=label)


def plot_usd_long(usd: pd.DataFrame, ax=None,
                  title: str = "Japan's trade with Russia, 1992–latest (US dollars)"):
    """Exports and imports (billions of dollars) from ``trade_annual_usd``'s primary rows: one line
    per flow and reporting side, Japan's figures solid, Russia's dashed, converted yen values
    hollow; years without a value break the line. Turnover rows are left out (they add one side's
    exports to its imports and would double the lines)."""
    ax = _axes(ax)
    chosen = primary_usd(usd).assign(year=lambda t: t["year"].astype(int))
    for flow in ("export", "import"):
        for reporter, (line_style, marker, whose) in REPORTER_LINES.items():
            part = chosen[(chosen["flow"] == flow) & (chosen["reporter"] == reporter)]
            if part.empty:
                continue
            _line(ax, part, "value_usd_bn", "year", FLOW_COLOURS[flow], line_style,
                  f"{FLOW_NAMES[flow]} ({whose})", marker)
            converted = part[part["basis"] == "converted"]
            if len(converted):
                _hollow(ax, converted["year"], converted["value_usd_bn"], FLOW_COLOURS[flow])
    if (chosen["basis"] == "converted").any():
        _hollow(ax, [], [], "0.3", CONVERTED_LABEL)
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    return _finish(ax, "Year", "Billions of US dollars", title, legend=LEGEND_OUTSIDE)


SHARE_NAMES = {"export": "Exports to Russia", "import": "Imports from Russia",
               "total": "Exports and imports together"}
SHARE_COLOURS = {"export": FLOW_COLOURS["export"], "import": FLOW_COLOURS["import"],
                 "total": style.OKABE_ITO["black"]}
USD_LABEL = "hollow: computed in dollars (world total converted)"


def plot_share_by_year(shares: pd.DataFrame, ax=None,
                       title: str = "Russia's share of Japan's trade with the world"):
    """Lines of ``year, flow, currency, share_pct`` (see
    :func:`analysis.trade_long.russia_share_by_year`); shares computed in dollars hollow."""
    ax = _axes(ax)
    table = shares.assign(year=shares["year"].astype(int), flow=shares["flow"].astype(str))
    for flow, name in SHARE_NAMES.items():
        part = table[table["flow"] == flow]
        if part.empty:
            continue
        _line(ax, part, "share_pct", "year", SHARE_COLOURS[flow], "-", name)
        in_usd = part[part["currency"] == "USD"]
        if len(in_usd):
            _hollow(ax, in_usd["year"], in_usd["share_pct"], SHARE_COLOURS[flow])
    if (table["currency"] == "USD").any():
        _hollow(ax, [], [], "0.3", USD_LABEL)
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    return _finish(ax, "Year", "Percent of Japan's trade with the world", title, legend=LEGEND_OUTSIDE)
