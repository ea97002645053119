"""Every source carries a rank saying how close it is to the body that produced the figure or text;
the validator refuses a missing, blank or unknown rank and names the cell."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from analysis import load
from analysis.validate import DataValidationError
from conftest import read_csv, set_cell, write_csv

RANKS = ["publisher", "agency", "academic", "repost", "personal"]
# Hosts of governments' own sites: whatever is cited there was produced by that government.
OFFICIAL_HOST_SUFFIXES = (".go.jp", "kremlin.ru", "mid.ru")


def test_rank_is_a_required_enum_in_the_descriptor():
    field = next(f for f in load.resource("sources")["schema"]["fields"] if f["name"] == "rank")
    assert field["constraints"]["required"] is True
    assert field["constraints"]["enum"] == RANKS


def test_blank_rank_is_refused_naming_the_cell(data_dir):
    set_cell(data_dir / "sources.csv", 2, "rank", "")
    with pytest.raises(DataValidationError, match="a value is required") as error:
        load.load_sources(data_dir)
    assert "sources.csv: row 2 (line 3), column 'rank'" in str(error.value)


def test_unknown_rank_is_refused_listing_the_allowed_values(data_dir):
    set_cell(data_dir / "sources.csv", 1, "rank", "blog")
    with pytest.raises(DataValidationError, match="'blog' is not an allowed value") as error:
        load.load_sources(data_dir)
    assert "sources.csv: row 1 (line 2), column 'rank'" in str(error.value)
    assert "publisher, agency, academic, repost, personal" in str(error.value)


def test_sources_without_the_rank_column_are_refused(data_dir):
    rows = read_csv(data_dir / "sources.csv")
    drop = rows[0].index("rank")
    write_csv(data_dir / "sources.csv", [r[:drop] + r[drop + 1:] for r in rows])
    with pytest.raises(DataValidationError, match="column is missing") as error:
        load.load_sources(data_dir)
    assert "header (line 1), column 'rank'" in str(error.value)


def test_every_source_in_the_snapshot_has_a_rank():
    sources = load.load_sources()
    assert list(sources["rank"].cat.categories) == RANKS
    assert sources["rank"].notna().all()


def test_pages_on_official_government_hosts_rank_as_publisher():
    sources = load.load_sources()
    hosts = sources["url"].map(lambda u: urlparse(u).hostname.rstrip("."))
    official = sources[hosts.str.endswith(OFFICIAL_HOST_SUFFIXES)]
    assert len(official) > 0
    assert (official["rank"] == "publisher").all(), official.loc[official["rank"] != "publisher", "source_id"]


def test_every_repost_names_its_original():
    """A repost is only useful if the reader can look for the original: its note says which it is."""
    sources = load.load_sources()
    reposts = sources[sources["rank"] == "repost"]
    unnamed = reposts[~reposts["note"].fillna("").str.contains(r"\bOriginal(?: publisher)?:", regex=True)]
    assert unnamed.empty, unnamed["source_id"].tolist()
