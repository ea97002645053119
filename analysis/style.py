"""The house style: colours, fonts, figure size and the source line. Applied once, on import of
``analysis.plots``; plotting functions never set colours or fonts themselves.

Colours are the Okabe–Ito palette, distinguishable with the common forms of colour blindness.
Fonts: DejaVu Sans (ships with matplotlib) covers Latin and Cyrillic; IPAex Gothic (shipped by the
``matplotlib-fontja`` wheel) is the fallback for Japanese. DejaVu comes first so that Cyrillic is
not drawn with the Japanese font's wide, letter-spaced glyphs.
"""
from __future__ import annotations

import textwrap

import matplotlib as mpl
import matplotlib_fontja  # noqa: F401  (registers IPAex Gothic with matplotlib's font manager)

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "vermillion",
                                  "reddish_purple", "sky_blue", "yellow", "black", "grey")]

#: One colour per event category, fixed so a category looks the same in every figure.
CATEGORY_COLORS = {
    "treaty": OKABE_ITO["blue"],
    "war": OKABE_ITO["vermillion"],
    "diplomacy": OKABE_ITO["sky_blue"],
    "summit": OKABE_ITO["bluish_green"],
    "territorial": OKABE_ITO["orange"],
    "sanctions": OKABE_ITO["reddish_purple"],
    "countermeasure": OKABE_ITO["black"],
    "economy": OKABE_ITO["yellow"],
    "society": OKABE_ITO["grey"],
}
#: The two sides, wherever a figure compares them.
SIDE_COLORS = {"JP": OKABE_ITO["blue"], "RU": OKABE_ITO["orange"]}

FONT_FAMILY = ["DejaVu Sans", "IPAexGothic"]
TEXT_GREY = "#555555"
SOURCE_FONTSIZE = 8
PROJECT_CREDIT = "Japan–Russia relations teaching package"

RC_PARAMS = {
    "font.family": FONT_FAMILY,
    "font.size": 11,
    "axes.titlesize": 14,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "legend.frameon": False,
    # 16:9, readable when projected.
    "figure.figsize": (10, 5.625),
    "figure.dpi": 100,
    "figure.constrained_layout.use": True,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.15,
    # Deterministic SVG: fixed ids, glyphs as paths (render without the fonts installed).
    "svg.hashsalt": "japan-russia-relations",
    "svg.fonttype": "path",
    "axes.unicode_minus": True,
}


def apply_style() -> None:
    """Set the house style for every figure drawn afterwards (idempotent)."""
    mpl.rcParams.update(RC_PARAMS)


SOURCE_LINE_WIDTH = 150  # characters: long source lines wrap instead of widening the figure


def add_source_line(fig, source: str) -> None:
    """Write ``Source: ...`` under the figure, left-aligned, in small grey type."""
    text = textwrap.fill(f"Source: {source}", SOURCE_LINE_WIDTH, subsequent_indent="  ")
    fig.text(0.0, 0.0, f"{text}\n{PROJECT_CREDIT}", ha="left", va="top",
             fontsize=SOURCE_FONTSIZE, color=TEXT_GREY, transform=fig.transFigure)


def source_of(fig) -> str | None:
    """The source line of a figure drawn with :func:`add_source_line`, or None."""
    for text in fig.texts:
        if text.get_text().startswith("Source: "):
            lines = text.get_text().split("\n")[:-1]  # the last line is the credit
            return " ".join(line.strip() for line in lines).removeprefix("Source: ")
    return None
