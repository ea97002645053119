"""Leaders' meetings by year and by pair."""
from __future__ import annotations

import pandas as pd

from analysis.transform.talks import meetings_by_pair, meetings_per_year, surname


def test_meetings_per_year_counts_in_person_by_pair():
    meetings = pd.DataFrame({
        "date": pd.to_datetime(["2016-05-06", "2016-12-15", "2018-11-14", "2019-01-22"]),
        "jp_leader": "Shinzo Abe", "ru_leader": "Vladimir Putin",
        "format": ["visit_to_russia", "visit_to_japan", "sidelines", "phone"]})
    counts = meetings_per_year(meetings)
    assert counts["year"].tolist() == [2016, 2017, 2018]  # the 2019 call is not in person
    assert counts["meetings"].tolist() == [2, 0, 1]
    assert set(counts["pair"]) == {"Abe–Putin"}


def test_meetings_by_pair_most_first():
    per_year = pd.DataFrame({"year": [2016, 2016, 2017], "pair": ["Abe–Putin", "Kan–Medvedev", "Abe–Putin"],
                             "meetings": [2, 1, 3]})
    assert meetings_by_pair(per_year).to_dict() == {"Abe–Putin": 5, "Kan–Medvedev": 1}
    assert list(meetings_by_pair(per_year).index) == ["Abe–Putin", "Kan–Medvedev"]


def test_surname():
    assert surname("Shinzo Abe") == "Abe"
