"""The house style: fonts cover Latin, Japanese and Cyrillic; palette; source line."""
from __future__ import annotations

import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.colors import to_rgb
from matplotlib.ft2font import FT2Font

from analysis import plots, style  # noqa: F401  (plots applies the style)

MIXED_LABEL = "Etorofu / Iturup / 択捉島 / Итуруп"


def font_file(family: str) -> str:
    return font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)


def test_style_applied_on_import():
    assert mpl.rcParams["font.family"] == style.FONT_FAMILY
    assert mpl.rcParams["svg.hashsalt"] == "japan-russia-relations"


def test_cyrillic_comes_from_the_latin_font_not_the_japanese_one():
    # Cyrillic drawn from the first family (DejaVu Sans), so it is not letter-spaced.
    first = FT2Font(font_file(style.FONT_FAMILY[0]))
    assert "DejaVuSans" in first.fname
    assert all(first.get_char_index(ord(ch)) for ch in "Итуруп Кунашир Шикотан")
    assert first.get_char_index(ord("択")) == 0


def test_japanese_fallback_font_has_the_island_names():
    fallback = FT2Font(font_file(style.FONT_FAMILY[1]))
    assert all(fallback.get_char_index(ord(ch)) for ch in "択捉島国後島色丹島歯舞群島")


def test_mixed_label_renders_without_missing_glyphs():
    fig, ax = plt.subplots()
    ax.set_title(MIXED_LABEL)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would raise
        fig.canvas.draw()
    plt.close(fig)


def test_palette_colours_are_distinct():
    colours = {to_rgb(c) for c in style.CATEGORY_COLORS.values()}
    assert len(colours) == len(style.CATEGORY_COLORS)
    assert set(style.CATEGORY_COLORS.values()) <= set(style.OKABE_ITO.values())


def test_source_line_is_added_and_found():
    fig, _ = plt.subplots()
    assert style.source_of(fig) is None
    style.add_source_line(fig, "Ministry X (data/x.csv)")
    assert style.source_of(fig) == "Ministry X (data/x.csv)"
    plt.close(fig)


def test_long_source_line_wraps_and_reads_back_whole():
    fig, _ = plt.subplots()
    source = "Publisher " * 40
    style.add_source_line(fig, source.strip())
    text = fig.texts[-1].get_text()
    assert max(len(line) for line in text.split("\n")) <= style.SOURCE_LINE_WIDTH
    assert style.source_of(fig) == source.strip()
    plt.close(fig)
