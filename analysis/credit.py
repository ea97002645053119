"""The source line of a figure: the publishers of exactly the rows it was drawn from.

Plotting functions :func:`record` the rows they draw; :func:`analysis.export.finish` cites them
(or the ``data`` it is given), so when a cell plots other rows (another partner, another period)
the citation follows by itself::

    ax = plots.plot_energy_shares(energy)
    export.finish(ax, "energy_russia_share", sources=sources)
"""
from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import pandas as pd

SOURCE_FONTSIZE = 8
PROJECT_CREDIT = "Japan–Russia relations teaching package"
SOURCE_LINE_WIDTH = 150  # characters: long source lines wrap instead of widening the figure
LINE_SPACING = 1.25
MARGIN_INCHES = 0.12
# A table cited after the first one names fewer publishers, so the line stays short.
MOST_FIRST, MOST_LATER = 3, 2


def cite_publishers(table: pd.DataFrame, sources: pd.DataFrame, most: int = 3) -> str:
    """A short source line: the publishers cited most often by ``table``'s rows, plus the file.

    E.g. ``"Ministry of Foreign Affairs of Japan, Kyodo News, Wikipedia and 12 others
    (data/events.csv)"``.
    """
    ids = table["source_id"].astype(str).str.split(";").explode()
    publishers = ids.map(sources.set_index("source_id")["publisher"])
    ranked = publishers.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    names = list(ranked.index[:most])
    rest = len(ranked) - len(names)
    text = ", ".join(names) + (f" and {rest} other publisher{'s' * (rest > 1)}" if rest else "")
    path = table.attrs.get("path")
    return f"{text} (data/{path})" if path else text


def add_source_line(fig, source: str) -> None:
    """Write ``Source: ...`` at the foot of the figure, left-aligned, in small grey type, inside
    the figure (a constrained layout keeps the plots clear of it), so the saved image keeps the
    figure's own 16:9 size."""
    from analysis.style import TEXT_GREY  # here: loading tables (which cite sources) needs no matplotlib

    text = textwrap.fill(f"Source: {source}", SOURCE_LINE_WIDTH, subsequent_indent="  ")
    text = f"{text}\n{PROJECT_CREDIT}"
    width, height = fig.get_size_inches()
    foot = (text.count("\n") + 1) * SOURCE_FONTSIZE * LINE_SPACING / 72 + 2 * MARGIN_INCHES
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set") and "rect" in engine.get():
        engine.set(rect=(0, foot / height, 1, 1 - foot / height))
    fig.text(MARGIN_INCHES / width, MARGIN_INCHES / height, text, ha="left", va="bottom",
             fontsize=SOURCE_FONTSIZE, color=TEXT_GREY, linespacing=LINE_SPACING,
             transform=fig.transFigure)


def source_of(fig) -> str | None:
    """The source line of a figure drawn with :func:`add_source_line`, or None."""
    for text in fig.texts:
        if text.get_text().startswith("Source: "):
            lines = text.get_text().split("\n")[:-1]  # the last line is the credit
            return " ".join(line.strip() for line in lines).removeprefix("Source: ")
    return None


def cite_tables(data, sources: pd.DataFrame) -> str:
    """The citation of one table, of several (``[a, b]``: joined by ';', the later ones shorter)
    or of labelled tables (``{"borders": b}``: 'borders: ...')."""
    if isinstance(data, pd.DataFrame):
        data = [data]
    if isinstance(data, Mapping):
        labelled = [(f"{label}: ", table) for label, table in data.items()]
    elif isinstance(data, Sequence) and data and all(isinstance(t, pd.DataFrame) for t in data):
        labelled = [("", table) for table in data]
    else:
        raise TypeError("data must be a DataFrame, a list of DataFrames or a dict of them "
                        "(the rows the figure was drawn from)")
    return "; ".join(label + cite_publishers(table, sources, MOST_FIRST if i == 0 else MOST_LATER)
                     for i, (label, table) in enumerate(labelled))


def figure_of(fig_or_ax):
    """The Figure of a Figure, an Axes or an array of Axes (as the multi-panel maps return)."""
    if hasattr(fig_or_ax, "savefig"):
        return fig_or_ax
    if hasattr(fig_or_ax, "figure"):
        return fig_or_ax.figure
    return next(iter(fig_or_ax.ravel() if hasattr(fig_or_ax, "ravel") else fig_or_ax)).figure


def record(fig_or_ax, rows: pd.DataFrame) -> None:
    """Note on the figure the rows a plotting function drew (after its own selection, e.g. one
    partner), so :func:`finish` cites them when no ``data`` is given."""
    fig = figure_of(fig_or_ax)
    fig.__dict__.setdefault("_cited_rows", []).append(rows)


def recorded(fig_or_ax) -> list[pd.DataFrame]:
    """The rows :func:`record` noted on the figure, in drawing order."""
    return list(figure_of(fig_or_ax).__dict__.get("_cited_rows", []))
