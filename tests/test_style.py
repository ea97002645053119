"""The house style: fonts cover Latin, Japanese and Cyrillic; palette; source line."""
from __future__ import annotations

import subprocess
import sys
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager
from matplotlib.colors import to_rgb
from matplotlib.ft2font import FT2Font

from analysis import style

MIXED_LABEL = "Etorofu / Iturup / 択捉島 / Итуруп"


def font_file(family: str) -> str:
    return font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)


def test_importing_the_library_changes_no_matplotlib_setting():
    script = ("import matplotlib as mpl; before = dict(mpl.rcParams)\n"
              "from analysis import credit, export, maps, plots, style\n"
              "print(sorted(k for k, v in mpl.rcParams.items() if before[k] != v))")
    changed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert changed.stdout.strip() == "[]"


def test_context_applies_the_house_style_and_restores_the_settings():
    before = dict(mpl.rcParams)
    with style.context():
        assert mpl.rcParams["font.family"] == style.FONT_FAMILY
        assert mpl.rcParams["svg.hashsalt"] == "japan-russia-relations"
        assert list(mpl.rcParams["figure.figsize"]) == [10, 5.625]  # 16:9
    assert dict(mpl.rcParams) == before


def test_use_sets_the_house_style_for_what_follows():
    with mpl.rc_context():  # so this test leaves the settings as it found them
        style.use()
        fig, ax = plt.subplots()
        assert ax.get_title(loc="left") == "" and mpl.rcParams["axes.titlelocation"] == "left"
        assert fig.get_size_inches().tolist() == [10, 5.625]
        plt.close(fig)


def test_cyrillic_comes_from_the_latin_font_not_the_japanese_one():
    # Cyrillic drawn from the first family (DejaVu Sans), so it is not letter-spaced.
    first = FT2Font(font_file(style.FONT_FAMILY[0]))
    assert "DejaVuSans" in first.fname
    assert all(first.get_char_index(ord(ch)) for ch in "Итуруп Кунашир Шикотан")
    assert first.get_char_index(ord("択")) == 0


def test_japanese_fallback_font_has_the_island_names():
    fallback = FT2Font(font_file(style.FONT_FAMILY[1]))
    assert all(fallback.get_char_index(ord(ch)) for ch in "択捉島国後島色丹島歯舞群島")


@pytest.mark.usefixtures("house_style")
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
