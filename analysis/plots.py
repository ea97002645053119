"""Plotting functions. Each takes tidy data and an optional ``ax`` and returns the ``Axes``
(seaborn's convention); colours and fonts come from :mod:`analysis.style`, applied once here."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from analysis import style

style.apply_style()

ERA_SHADES = ("#e8e8e8", "#f6f6f6")


def _axes(ax):
    """The given Axes, or a new one on a new figure in the house size."""
    if ax is not None:
        return ax
    _, ax = plt.subplots()
    return ax


def era_key(eras: pd.DataFrame) -> str:
    """'1  Name (1855–1903)' lines, one per era, for the key beside a timeline."""
    ends = [("" if pd.isna(e) else int(e)) for e in eras["end_year"]]
    return "\n".join(f"{i}  {name} ({start}–{end})" for i, (name, start, end) in
                     enumerate(zip(eras["name"], eras["start_year"].astype(int), ends), start=1))


def shade_eras(eras: pd.DataFrame, ax, last_year: int):
    """Alternate grey bands for the eras, numbered along the top, with a key on the right."""
    ends = eras["end_year"].fillna(last_year).astype(int)
    for i, (start, end) in enumerate(zip(eras["start_year"].astype(int), ends), start=1):
        left, right = pd.Timestamp(year=start, month=1, day=1), pd.Timestamp(year=end, month=12, day=31)
        ax.axvspan(left, right, color=ERA_SHADES[i % 2], zorder=0, lw=0)
        ax.text(left + (right - left) / 2, 1.01, str(i), transform=ax.get_xaxis_transform(),
                ha="center", va="bottom", fontsize=8, color=style.TEXT_GREY)
    ax.text(1.02, 1.0, "Eras\n" + era_key(eras), transform=ax.transAxes, ha="left", va="top",
            fontsize=8, color=style.TEXT_GREY, linespacing=1.5)
    return ax


def plot_timeline(events: pd.DataFrame, eras: pd.DataFrame | None = None, ax=None,
                  title: str = "Japan–Russia relations: events by category"):
    """One row per category, one dot per event at its date; eras shaded behind."""
    ax = _axes(ax)
    categories = list(events["category"].cat.categories)
    rows = {c: len(categories) - 1 - i for i, c in enumerate(categories)}
    for category in categories:
        subset = events[events["category"] == category]
        ax.scatter(subset["date"], [rows[category]] * len(subset), s=28, alpha=0.85,
                   color=style.CATEGORY_COLORS[category], edgecolor="white", linewidth=0.4,
                   label=category, zorder=3)
    if eras is not None:
        shade_eras(eras, ax, int(events["date"].dt.year.max()))
    ax.set_yticks(list(rows.values()), list(rows.keys()))
    ax.set_ylim(-0.7, len(categories) - 0.3)
    ax.xaxis.set_major_locator(mdates.YearLocator(20))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel("Year")
    ax.set_ylabel("Event category")
    ax.grid(axis="y", visible=False)
    ax.set_title(title, pad=16 if eras is not None else 6)
    return ax


def plot_events_per_decade(counts: pd.DataFrame, ax=None,
                           title: str = "Events per decade, by category"):
    """Stacked bars from tidy ``decade, category, events`` counts."""
    ax = _axes(ax)
    wide = counts.pivot_table(index="decade", columns="category", values="events",
                              observed=False, aggfunc="sum").fillna(0)
    bottom = pd.Series(0.0, index=wide.index)
    for category in wide.columns:
        ax.bar(wide.index, wide[category], bottom=bottom, width=8,
               color=style.CATEGORY_COLORS[str(category)], label=str(category))
        bottom += wide[category]
    ax.set_xticks(list(wide.index), [f"{d}s" for d in wide.index], rotation=90)
    ax.set_xlabel("Decade")
    ax.set_ylabel("Events in the chronology (count)")
    ax.legend(title="Category", ncols=3, fontsize=8, title_fontsize=9, loc="upper left")
    ax.grid(axis="x", visible=False)
    ax.set_title(title)
    return ax
