"""Source lines and reading lists from the rows a table cites."""
from __future__ import annotations

from analysis import load
from analysis.transform.sources import cite_publishers, reading_list


def test_cite_publishers(data_dir):
    events = load.load_events(data_dir)
    text = cite_publishers(events, load.load_sources(data_dir), most=1)
    assert text == "Publisher B and 1 other publisher (data/events.csv)"
    assert cite_publishers(events, load.load_sources(data_dir)).startswith(
        "Publisher B, Publisher A (")


def test_reading_list_ranks_and_filters(data_dir):
    events, sources = load.load_events(data_dir), load.load_sources(data_dir)
    listed = reading_list(sources, events)
    assert listed["publisher"].tolist() == ["Publisher B", "Publisher A"]  # cited 3 times vs 2
    only_a = reading_list(sources, events, publishers=["publisher a"])
    assert only_a["url"].tolist() == ["https://example.org/a"]
