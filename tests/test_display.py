"""Long text shown in full: analysis.display, and the reading list's rank filter."""
from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd

from analysis import display, transform

LONG = ("Japan's government holds that Etorofu/Iturup, Kunashiri/Kunashir, Shikotan and the Habomai "
        "islands have never been the territory of a foreign country and are an inherent part of Japan.")
URL = "https://www.mofa.go.jp/region/europe/russia/territory/overview.html?with=a&long=query"


class Cells(HTMLParser):
    """The text of every <td>, and every link's href, of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.cells, self.links, self._in_td = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "td":
            self._in_td = True
            self.cells.append("")
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_td = False

    def handle_data(self, data):
        if self._in_td:
            self.cells[-1] += data


def parse(fragment: str) -> Cells:
    parser = Cells()
    parser.feed(fragment)
    return parser


def table():
    return pd.DataFrame({"when": ["24 Jan 2025", "1 Feb 2025"], "position": [LONG, "short & <b>"],
                         "url": [URL, None], "count": [3, 12]})


def test_html_keeps_every_character_and_escapes():
    cells = parse(display.text_table(table())._repr_html_()).cells
    assert cells == ["24 Jan 2025", LONG, URL, "3", "1 Feb 2025", "short & <b>", "", "12"]


def test_html_links_urls_to_themselves():
    assert parse(display.text_table(table())._repr_html_()).links == [URL]


def test_html_wraps_long_columns_and_keeps_short_ones_on_one_line():
    rendered = display.text_table(table())._repr_html_()
    first_row = rendered.split("<tr>")[2]
    when, position = first_row.split("</td>")[:2]
    assert "nowrap" in when and "max-width" not in when
    assert f"max-width: {display.MAX_COLUMN}" in position and "nowrap" not in position
    assert "text-align: left" in position


def test_plain_text_wraps_with_labels_and_loses_nothing():
    text = repr(display.text_table(table(), width=60))
    lines = text.splitlines()
    assert lines[0] == "when      24 Jan 2025"
    assert lines[1].startswith("position  Japan's government")
    assert all(len(line) <= 60 for line in lines if URL not in line)
    assert URL in text  # a URL is never broken across lines
    words = " ".join(line[10:] for line in lines if line.startswith(("position", "          ")))
    assert LONG in words
    assert text.split("\n\n")[1].splitlines()[2] == "url"  # a missing value leaves the label alone


def test_index_is_not_shown_and_frame_is_kept():
    frame = table().set_index("when")
    shown = display.text_table(frame)
    assert "24 Jan 2025" not in shown._repr_html_()
    assert list(shown.frame.columns) == ["position", "url", "count"]


def test_cell_text():
    assert display.cell_text(pd.Timestamp("2025-01-24")) == "2025-01-24"
    assert display.cell_text(pd.NA) == "" and display.cell_text(float("nan")) == ""
    assert display.cell_text(85.5) == "85.5"


def sources_with_rank():
    return pd.DataFrame({"source_id": ["mofa", "kyodo", "blog", "mirror"],
                         "url": [f"https://example.org/{i}" for i in range(4)],
                         "publisher": ["Ministry A", "Kyodo", "A blog", "Kyodo (repost)"],
                         "title": ["T1", "T2", "T3", "T4"],
                         "rank": ["publisher", "agency", "personal", "repost"]})


def test_reading_list_keeps_only_the_given_ranks():
    cited = pd.DataFrame({"source_id": ["mofa;kyodo", "blog", "mirror;blog", "kyodo"]})
    listed = transform.reading_list(sources_with_rank(), cited, ranks=["publisher", "agency"])
    assert listed["publisher"].tolist() == ["Kyodo", "Ministry A"]  # kyodo cited twice
    both = transform.reading_list(sources_with_rank(), cited, publishers=["kyodo"], ranks=["publisher", "agency"])
    assert both["publisher"].tolist() == ["Kyodo"]  # the repost of Kyodo is left out
    everything = transform.reading_list(sources_with_rank(), cited)
    assert len(everything) == 4


def test_reading_list_without_rank_column_is_not_filtered_by_rank():
    cited = pd.DataFrame({"source_id": ["mofa", "blog"]})
    sources = sources_with_rank().drop(columns="rank")
    assert len(transform.reading_list(sources, cited, ranks=["publisher"])) == 2


def test_float_columns_of_whole_numbers_show_as_whole_numbers():
    frame = pd.DataFrame({"days": [16.0, None, 4.0], "pct": [85.5, 86.0, None]})
    cells = parse(display.text_table(frame)._repr_html_()).cells
    assert cells == ["16", "85.5", "", "86.0", "4", ""]
