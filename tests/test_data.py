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


# --- Cross-checks of the trade, sanctions, opinion, islands and meetings tables ------------

# Sources report the change of a first release on the previous year's revised figure, while the
# table keeps first releases; 1 percentage point covers those revisions and nothing more.
YOY_TOLERANCE_PP = 1.0


def test_annual_changes_match_reported_percentages():
    from analysis import transform
    checked = transform.yoy_change(load.load_trade_annual(), by=["partner", "flow"])
    both = checked.dropna(subset=["yoy_pct", "reported_yoy_pct"])
    assert len(both) >= 10
    off = both[(both["yoy_pct"] - both["reported_yoy_pct"]).abs() > YOY_TOLERANCE_PP]
    assert off.empty, off[["year", "partner", "flow", "yoy_pct", "reported_yoy_pct"]]


def test_monthly_changes_match_reported_percentages():
    from analysis import transform
    checked = transform.yoy_change(load.load_trade_monthly(), time="month",
                                   by=["partner", "flow"], lag=pd.DateOffset(years=1))
    both = checked.dropna(subset=["yoy_pct", "reported_yoy_pct"])
    assert len(both) >= 3
    off = both[(both["yoy_pct"] - both["reported_yoy_pct"]).abs() > YOY_TOLERANCE_PP]
    assert off.empty, off[["month", "partner", "flow", "yoy_pct", "reported_yoy_pct"]]


def test_months_add_up_to_years():
    from analysis import transform
    check = transform.months_vs_year(load.load_trade_monthly(), load.load_trade_annual())
    # Values are rounded to 0.1 bn yen per month: twelve roundings stay within 1 bn.
    assert (check["difference"].abs() <= 1.0).all(), check


def test_russia_share_of_trade_is_a_share():
    from analysis import transform
    shares = transform.share_of_world(load.load_trade_annual())
    assert len(shares) > 0
    assert shares["share_pct"].between(0, 100).all()


def test_world_trade_covers_2010_to_2025():
    annual = load.load_trade_annual()
    world = annual[(annual["partner"] == "WORLD") & annual["value_jpy_bn"].notna()]
    for flow in ("export", "import"):
        years = set(world.loc[world["flow"] == flow, "year"].astype(int))
        assert set(range(2010, 2026)) <= years, flow


def test_january_2025_package_counts():
    """The counts of the 10 January 2025 package, checked against several sources (the seed
    article among them): 11 individuals, 29 entities, 3 banks, 335 export-ban items."""
    sanctions = load.load_sanctions()
    package = sanctions[sanctions["package_id"] == "JP-2025-01-10"].set_index("measure_type")
    assert package.loc["asset_freeze", ["individuals", "entities"]].tolist() == [11, 29]
    assert package.loc["financial", "banks"] == 3
    assert package.loc["financial", "effective"] == pd.Timestamp("2025-02-09")
    assert package.loc["export_ban", "items"] == 335
    for row in package.itertuples():
        assert len(row.source_id.split(";")) >= 2


def test_sanctions_have_both_sides_and_effective_after_announced():
    sanctions = load.load_sanctions()
    assert set(sanctions["imposer"]) == {"JP", "RU"}
    # A measure may take effect a little before it is published (Russia's July 2022 entry ban
    # was effective the day before the foreign ministry's statement), never months before.
    dated = sanctions.dropna(subset=["effective"])
    assert (dated["effective"] >= dated["announced"] - pd.Timedelta(days=31)).all()
    assert (sanctions["package_id"].str[3:13] == sanctions["announced"].dt.strftime("%Y-%m-%d")).all()


def test_abe_putin_in_person_meetings_number_27():
    """MOFA counted the 5 September 2019 meeting as their 27th (source in meetings.csv)."""
    meetings = load.load_meetings()
    abe_putin = meetings[(meetings["jp_leader"] == "Shinzo Abe")
                         & (meetings["ru_leader"] == "Vladimir Putin")
                         & (meetings["format"] != "phone")]
    assert len(abe_putin) == 27
    assert abe_putin["date"].max() == pd.Timestamp("2019-09-05")


def test_islands_named_in_three_languages():
    islands = load.load_islands().set_index("island_id")
    assert list(islands.index) == ["etorofu", "kunashiri", "shikotan", "habomai"]
    assert islands.loc["etorofu", ["name_en_ja", "name_en_ru", "name_ja", "name_ru"]].tolist() == [
        "Etorofu", "Iturup", "択捉島", "Итуруп"]
    assert islands["name_ja"].str.contains(r"[\u3040-\u9fff]").all()
    assert islands["name_ru"].str.contains(r"[\u0400-\u04ff]").all()


def test_opinion_shares_do_not_exceed_100():
    opinion = load.load_opinion()
    pairs = [("affinity_pct", "no_affinity_pct"), ("relations_good_pct", "relations_not_good_pct")]
    for a, b in pairs:
        both = opinion.dropna(subset=[a, b])
        assert (both[a] + both[b] <= 100.05).all(), (a, b)


def test_every_topic_has_both_positions():
    from analysis import transform
    positions = load.load_positions()
    assert positions.groupby("topic", observed=True)["side"].nunique().eq(2).all()
    table = transform.positions_side_by_side(positions)
    assert len(table) == 6 and table.notna().all().all()
    assert table["Japan's position"].str.contains("Japan").all()
    assert table["Russia's position"].str.contains("Russia|Soviet|Moscow|Lavrov|Putin").all()


def test_1945_residents_add_up_to_the_total():
    residents = load.load_residents()
    in_1945 = residents[residents["as_of"].dt.year == 1945].set_index("measure")["value"]
    islands = in_1945[in_1945.index.str.startswith("japanese_residents_")]
    assert len(islands) == 4
    assert islands.sum() == in_1945["japanese_residents"]
    by_island = load.load_islands().set_index("island_id")["japanese_residents_1945"]
    assert islands.rename(lambda m: m.removeprefix("japanese_residents_")).sort_index().tolist() == \
        by_island.sort_index().tolist()


def test_summits_with_a_meeting_agree_on_the_day():
    """Where the chronology dates a summit to the day, a leaders' meeting is recorded that day
    or within the visit (up to 3 days earlier), so the two tables cannot drift apart."""
    events = load.load_events()
    meetings = load.load_meetings()
    summits = events[(events["category"] == "summit") & (events["date_precision"] == "day")
                     & (events["date"].dt.year >= 1991)]
    days = set(meetings["date"])
    unmatched = [(row.date.date(), row.title) for row in summits.itertuples()
                 if not any(row.date - pd.Timedelta(days=k) in days for k in range(4))]
    assert len(summits) >= 10
    assert not unmatched, unmatched


def test_values_derived_from_reported_changes_agree_with_reported_values():
    """Where a reported value can also be derived from a reported % change, the two agree
    within 1% (first releases against revised figures), so derived values are fit to fill gaps."""
    from analysis import transform
    monthly = dict(time="month", lag=pd.DateOffset(years=1))
    for table, kwargs in [(load.load_trade_annual(), {}), (load.load_trade_monthly(), monthly)]:
        check = transform.derivation_check(table, **kwargs)
        assert len(check) >= 10
        assert check["difference_pct"].abs().max() <= YOY_TOLERANCE_PP, check


def test_printed_opinion_changes_agree_with_printed_values():
    """A printed change and the two printed values it links differ only by rounding."""
    from analysis import transform
    opinion, changes = load.load_opinion(), load.load_opinion_changes()
    check = transform.opinion_derivation_check(opinion, changes)
    assert len(check) >= 10
    assert (check["difference_pts"].abs() <= 0.15).all(), check
    assert (changes["relative_to"] < changes["survey_year"]).all()


def test_reported_opinion_records_agree_with_the_opinion_table():
    """A value reported as a record of the whole series is the table's value for that survey,
    and every earlier survey in the table lies on the claimed side of it."""
    from analysis import transform
    check = transform.opinion_record_check(load.load_opinion(), load.load_opinion_records())
    assert len(check) >= 5
    assert ((check["table_pct"] - check["value_pct"]).abs() <= 0.05).all(), check
    assert check["consistent"].all(), check
    assert (check["earlier_surveys"] >= 4).all(), check


def test_monthly_goods_derived_quantities_agree_with_reported_ones():
    """Quantities derived from printed volume changes agree with printed quantities within 5%
    (trade-press volumes are rounded to thousands of tonnes and revised after first release, LNG
    differs by up to 3.5%; some used-car counts are printed as '約2万台', about 20,000, which
    explains gaps of up to 4.9%)."""
    from analysis import transform
    goods = load.load_trade_commodity_monthly()
    check = transform.derivation_check(goods, value="quantity", change="quantity_yoy_pct",
                                       time="month", by=["partner", "flow", "commodity"],
                                       lag=pd.DateOffset(years=1))
    assert len(check) >= 8
    assert (check["difference_pct"].abs() <= 5.0).all(), check
    units = goods.dropna(subset=["quantity"]).groupby(["flow", "commodity"], observed=True)[
        "quantity_unit"].nunique()
    assert (units[units.index.get_level_values("commodity") == "lng"] == 1).all()
