"""The source line: cites the publishers of the rows a figure shows."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from analysis import credit, transform
from conftest import CITED_SOURCES, cited_rows

pytestmark = pytest.mark.usefixtures("house_style")


def test_cites_most_cited_publishers_first_with_the_file():
    assert credit.cite_publishers(cited_rows(["b", "a;b", "c"], "x.csv"), CITED_SOURCES, most=2) == \
        "Pub B, Pub A and 1 other publisher (data/x.csv)"


def test_old_name_stays_importable():
    assert transform.cite_publishers is credit.cite_publishers


def test_cite_tables_joins_lists_and_labels():
    first, second = cited_rows(["a", "b", "c"], "one.csv"), cited_rows(["a", "b", "c"], "two.csv")
    assert credit.cite_tables([first, second], CITED_SOURCES) == \
        "Pub A, Pub B, Pub C (data/one.csv); Pub A, Pub B and 1 other publisher (data/two.csv)"
    assert credit.cite_tables({"islands": first}, CITED_SOURCES) == "islands: Pub A, Pub B, Pub C (data/one.csv)"
    with pytest.raises(TypeError, match="rows the figure was drawn from"):
        credit.cite_tables("events", CITED_SOURCES)


def test_source_line_is_added_and_found():
    fig, _ = plt.subplots()
    assert credit.source_of(fig) is None
    credit.add_source_line(fig, "Ministry X (data/x.csv)")
    assert credit.source_of(fig) == "Ministry X (data/x.csv)"
    plt.close(fig)


def test_long_source_line_wraps_and_reads_back_whole():
    fig, _ = plt.subplots()
    source = "Publisher " * 40
    credit.add_source_line(fig, source.strip())
    text = fig.texts[-1].get_text()
    assert max(len(line) for line in text.split("\n")) <= credit.SOURCE_LINE_WIDTH
    assert credit.source_of(fig) == source.strip()
    plt.close(fig)
