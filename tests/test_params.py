"""The named analysis parameters agree with the tables they rest on."""
from __future__ import annotations

import pandas as pd

from analysis import load, params, transform


def test_pre_invasion_end_is_the_month_of_the_invasion():
    # Japan's first sanctions after the invasion (25 February 2022) date it in events.csv.
    marks = transform.event_dates(load.load_events(), {"sanctions": "after the invasion of Ukraine"})
    end = pd.Timestamp(params.PRE_INVASION_END)
    assert end == marks["sanctions"].to_period("M").to_timestamp()
    assert end.day == 1  # monthly tables store a month as its first day


def test_survey_method_breaks_are_the_first_surveys_of_a_new_method():
    opinion = load.load_opinion()
    firsts = opinion[opinion["method_note"].str.contains("first survey", case=False, regex=False)]
    assert sorted(params.SURVEY_METHOD_BREAKS) == sorted(firsts["survey_year"].astype(int))
    for year, label in params.SURVEY_METHOD_BREAKS.items():
        assert label.endswith(f"from {year}")
