"""The analysis parameters the notebooks share, named once so a change is made in one place.

Each is a choice of the analysis, not data; tests/test_params.py checks each against the tables
it rests on (events.csv, opinion.csv), so the two cannot drift apart unnoticed.
"""
from __future__ import annotations

#: The last month of the pre-invasion period in monthly tables (months are stored as their first
#: day). Russia invaded Ukraine on 24 February 2022; the impact estimates count February 2022 as
#: "before" and start "after" in March 2022, the first full month after the invasion.
PRE_INVASION_END = "2022-02-01"

#: Changes of the Cabinet Office survey's method (see ``method_note`` in opinion.csv), as
#: ``{first survey year: label}`` for :func:`analysis.plots.plot_opinion`'s ``breaks``: points on
#: either side of a break are not strictly comparable.
SURVEY_METHOD_BREAKS = {2016: "18+ from 2016", 2020: "mail survey from 2020"}
