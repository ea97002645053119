"""The source line: cites the publishers of the rows a figure shows, and finishes the figure."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import credit, load, plots, style, transform

pytestmark = pytest.mark.usefixtures("house_style")

SOURCES = pd.DataFrame({"source_id": ["a", "b", "c"], "publisher": ["Pub A", "Pub B", "Pub C"]})


def table(ids, path=None):
    rows = pd.DataFrame({"source_id": ids})
    if path:
        rows.attrs["path"] = path
    return rows


def test_cites_most_cited_publishers_first_with_the_file():
    assert credit.cite_publishers(table(["b", "a;b", "c"], "x.csv"), SOURCES, most=2) == \
        "Pub B, Pub A and 1 other publisher (data/x.csv)"


def test_old_names_stay_importable():
    assert transform.cite_publishers is credit.cite_publishers
    assert style.add_source_line is credit.add_source_line and style.source_of is credit.source_of


def test_cite_tables_joins_lists_and_labels():
    first, second = table(["a", "b", "c"], "one.csv"), table(["a", "b", "c"], "two.csv")
    assert credit.cite_tables([first, second], SOURCES) == \
        "Pub A, Pub B, Pub C (data/one.csv); Pub A, Pub B and 1 other publisher (data/two.csv)"
    assert credit.cite_tables({"islands": first}, SOURCES) == "islands: Pub A, Pub B, Pub C (data/one.csv)"
    with pytest.raises(TypeError, match="rows the figure was drawn from"):
        credit.cite_tables("events", SOURCES)


def test_finish_writes_the_source_line_and_saves(tmp_path):
    fig, ax = plt.subplots()
    credit.finish(ax, "demo", data=table(["c"], "x.csv"), sources=SOURCES, credit="coastlines X",
                  directory=tmp_path)
    assert credit.source_of(fig) == "coastlines X; Pub C (data/x.csv)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.png", "demo.svg"]
    plt.close(fig)


def test_finish_refuses_a_figure_without_rows_to_cite(tmp_path):
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="pass data="):
        credit.finish(ax, "demo", sources=SOURCES, directory=tmp_path)
    assert not list(tmp_path.iterdir())
    plt.close(fig)


def test_citation_follows_the_partner_plotted(tmp_path):
    # The plot selects one partner's rows; the source line cites those rows and no others.
    annual = load.load_trade_annual()
    sources = load.load_sources()
    lines = {}
    for partner in ("RU", "WORLD"):
        ax = plots.plot_annual_trade(annual, partner=partner)
        credit.finish(ax, f"trade_{partner.lower()}", sources=sources, directory=tmp_path)
        lines[partner] = credit.source_of(ax.figure)
        expected = credit.cite_publishers(annual[(annual["partner"] == partner)
                                                 & annual["value_jpy_bn"].notna()], sources)
        assert lines[partner] == expected
        plt.close(ax.figure)
    assert lines["RU"] != lines["WORLD"]
