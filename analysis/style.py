"""The house style: colours, fonts and figure size. Nothing changes on import: a notebook calls
:func:`use` once at the top (as ``seaborn.set_theme``), code that must not touch the global
settings draws inside :func:`context`. Plotting functions never set colours or fonts themselves.

Colours are the Okabe–Ito palette, distinguishable with the common forms of colour blindness.
Fonts: DejaVu Sans (ships with matplotlib) covers Latin and Cyrillic; IPAex Gothic (shipped by the
``matplotlib-fontja`` wheel) is the fallback for Japanese. DejaVu comes first so that Cyrillic is
not drawn with the Japanese font's wide, letter-spaced glyphs.
"""
from __future__ import annotations

from contextlib import contextmanager

import matplotlib as mpl
import seaborn as sns

# matplotlib_fontja registers IPAex Gothic with the font manager, and on import also makes it the
# global font family; the context undoes the latter, so importing this module changes no setting.
with mpl.rc_context():
    import matplotlib_fontja  # noqa: F401

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
#: Secondary text: notes, captions and the source line.
TEXT_GREY = "#555555"

FONT_FAMILY = ["DejaVu Sans", "IPAexGothic"]

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
    # The saved image is the figure, 16:9 (the source line sits inside it); no tight cropping.
    "savefig.bbox": "standard",
    # Deterministic SVG: fixed ids, glyphs as paths (render without the fonts installed).
    "svg.hashsalt": "japan-russia-relations",
    "svg.fonttype": "path",
    "axes.unicode_minus": True,
}


def _theme() -> dict:
    """seaborn's white-grid theme with the house settings on top, as a full set of rcParams
    (computed inside a context, so computing it changes nothing)."""
    with mpl.rc_context():
        sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, rc=RC_PARAMS)
        theme = dict(mpl.rcParams)
    theme.pop("backend")  # the caller's backend (inline in a notebook) stays
    return theme


def use() -> None:
    """Set the house style for every figure drawn afterwards (idempotent); one call at the top
    of a notebook."""
    mpl.rcParams.update(_theme())


@contextmanager
def context():
    """Draw (and save) in the house style without changing the global settings."""
    with mpl.rc_context(_theme()):
        yield


def figure_title(fig, title: str) -> None:
    """A title over the whole figure (small multiples, or an axes narrowed by long labels), set
    like an axes title: bold, at the left, clear of the edge."""
    fig.suptitle(title, x=0.012, ha="left", fontsize=RC_PARAMS["axes.titlesize"],
                 fontweight=RC_PARAMS["axes.titleweight"])
