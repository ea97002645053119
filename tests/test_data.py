"""The shipped data: valid, complete for what the chronology must cover, and fully sourced."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import load

# (date as written in events.csv, a word that must be in the title): the chronology's must-haves.
REQUIRED_EVENTS = [
    ("1855-02-07", "Shimoda"),
    ("1875-05-07", "Saint Petersburg"),
    ("1904-02-08", "Russo-Japanese War"),
    ("1905-09-05", "Portsmouth"),
    ("1918-08-02", "Siberia"),
    ("1941-04-13", "Neutrality Pact"),
    ("1945-08-08", "declares war"),
    ("1945-08-18", "Shumshu"),
    ("1945-08-28", "Etorofu/Iturup"),
    ("1951-09-08", "San Francisco"),
    ("1956-10-19", "Joint Declaration"),
    ("1960-01-27", "memorandum"),
    ("1993-10-13", "Tokyo Declaration"),
    ("2001-03-25", "Irkutsk"),
    ("2014-03-18", "Crimea"),
    ("2016-12-15", "Nagato"),
    ("2018-11-14", "Singapore"),
    ("2022-02-25", "sanctions"),
    ("2022-03-21", "peace-treaty talks"),
    ("2025-01-10", "sanctions"),
    ("2025-01-24", "Ishiba"),
]


@pytest.fixture(scope="module")
def events():
    return load.load_events()


def test_every_table_validates():
    counts = load.validate_all()
    assert counts["events"] >= 120


def test_chronology_spans_1855_to_2025(events):
    assert events["date"].dt.year.min() == 1855
    assert events["date"].dt.year.max() == 2025


@pytest.mark.parametrize("date,word", REQUIRED_EVENTS)
def test_required_event_present(date, word):
    raw = load.validate_table("events")
    hits = raw[(raw["date"] == date) & raw["title"].str.contains(word, regex=False)]
    assert len(hits) == 1, f"no event on {date} with '{word}' in its title"


def test_every_category_used(events):
    assert events["category"].value_counts().min() > 0


def test_era_boundaries_are_events_of_that_year():
    raw = load.validate_table("events")
    eras = load.load_eras()
    for era in eras.itertuples():
        match = raw[raw["title"] == era.boundary_event]
        assert len(match) == 1, era.boundary_event
        assert int(match["date"].iloc[0][:4]) == era.start_year
        assert era.source_id == match["source_id"].iloc[0]  # same evidence as the event


def test_eras_tile_the_years_without_gaps():
    eras = load.load_eras()
    ends = eras["end_year"].iloc[:-1].astype(int).tolist()
    assert ends == [s - 1 for s in eras["start_year"].iloc[1:].astype(int)]
    assert pd.isna(eras["end_year"].iloc[-1])


def test_sources_are_retrieved_pages_with_publisher_urls():
    sources = load.load_sources()
    assert sources["url"].str.match(r"https?://[^/\s]+/").all()
    assert (sources["retrieved"] <= pd.Timestamp.today()).all()


LOADED_WORDS = re.compile(r"\b(?:illegal(?:ly)?|unjust|heroic|barbaric|aggressive|rightful)\b", re.I)
ATTRIBUTION = re.compile(r"\b(?:considers?|calls?|called|describes?|described|says?|said|"
                         r"regards?|argues?|views?|position)\b", re.I)


def unattributed_loaded_sentences(text: str) -> list[str]:
    """Sentences using a loaded word without saying whose view it is."""
    sentences = re.split(r"(?<=[.;])\s+", text)
    return [s for s in sentences if LOADED_WORDS.search(s) and not ATTRIBUTION.search(s)]


def test_loaded_word_check_itself():
    assert unattributed_loaded_sentences("The occupation was illegal.") == ["The occupation was illegal."]
    assert unattributed_loaded_sentences("Japan considers the occupation illegal.") == []


def test_no_editorial_adjectives_in_descriptions(events):
    flagged = {row.title: unattributed_loaded_sentences(row.description)
               for row in events.itertuples() if unattributed_loaded_sentences(row.description)}
    assert not flagged, flagged
