"""From loaded tables to what a figure or a table in a notebook needs: small pure functions.

One topic, one module (and one test file of the same name, ``tests/test_transform_<topic>.py``):

- :mod:`~analysis.transform.events`: the chronology (decades, eras, date labels, selections)
- :mod:`~analysis.transform.territory`: the dispute (positions side by side, former residents)
- :mod:`~analysis.transform.talks`: peace-treaty talks (leaders' meetings)
- :mod:`~analysis.transform.sanctions`: designations, packages, decision-to-package lags
- :mod:`~analysis.transform.trade`: currencies, indices, changes, shares, cross-checks
- :mod:`~analysis.transform.trade_long`: the long-run dollar series and Russia's share by year
- :mod:`~analysis.transform.revisions`: first reported against confirmed official figures
- :mod:`~analysis.transform.implied`: the derivation engine (values reported changes pin down)
- :mod:`~analysis.transform.opinion`: the opinion survey series, its implied values and records
- :mod:`~analysis.transform.frames`: helpers on any tidy table (groups, complete years)
- :mod:`~analysis.transform.sources`: source lines and reading lists

Every public name is re-exported here, so notebooks write ``transform.select_events(...)``
whichever module it lives in.
"""
from analysis.transform.events import (
    DATE_FORMATS,
    assign_eras,
    category_counts,
    chronology_summary,
    date_labels,
    decade_of,
    event_dates,
    events_matching,
    events_per_decade,
    events_per_era,
    select_events,
)
from analysis.transform.frames import by_group, complete_years, largest_changes
from analysis.transform.implied import (
    FROM_NEXT,
    FROM_THIS,
    REPORTED,
    compare_derived,
    derivation_check,
    fill_gaps,
    with_implied_values,
)
from analysis.transform.opinion import (
    OPINION_MEASURES,
    RECORD_WORD,
    measure_labels,
    opinion_derivation_check,
    opinion_long,
    opinion_record_bounds,
    opinion_record_check,
    opinion_with_implied_values,
)
from analysis.transform.revisions import list_revisions
from analysis.transform.sanctions import (
    DESIGNATION_SERIES,
    MEASURE_COUNTS,
    cumulative_measures,
    days_to_next_package,
    latest_totals,
    measures_by_type,
    package_events,
    package_totals,
    packages_without_counts,
)
from analysis.transform.sources import cite_publishers, reading_list
from analysis.transform.talks import meetings_by_pair, meetings_per_year, surname
from analysis.transform.territory import TOPIC_TITLES, positions_side_by_side, residents_over_time
from analysis.transform.trade import index_to_base, months_vs_year, share_of_world, yen_to_usd, yoy_change
from analysis.transform.trade_long import primary_usd, russia_share_by_year, share_in_words, share_summary

# What ``from analysis.transform import *`` gives, and what linters take as re-exported.
__all__ = [
    "list_revisions", "primary_usd", "russia_share_by_year", "share_in_words",
    "share_summary",
    "DATE_FORMATS", "assign_eras", "category_counts", "chronology_summary", "date_labels",
    "decade_of", "event_dates", "events_matching", "events_per_decade", "events_per_era",
    "select_events", "by_group", "complete_years", "largest_changes", "FROM_NEXT", "FROM_THIS",
    "REPORTED", "compare_derived", "derivation_check", "fill_gaps", "with_implied_values",
    "OPINION_MEASURES", "RECORD_WORD", "measure_labels", "opinion_derivation_check", "opinion_long",
    "opinion_record_bounds", "opinion_record_check", "opinion_with_implied_values",
    "DESIGNATION_SERIES", "MEASURE_COUNTS", "cumulative_measures", "days_to_next_package",
    "latest_totals", "measures_by_type", "package_events", "package_totals",
    "packages_without_counts", "cite_publishers",
    "reading_list", "meetings_by_pair", "meetings_per_year", "surname", "TOPIC_TITLES",
    "positions_side_by_side", "residents_over_time", "index_to_base", "months_vs_year",
    "share_of_world", "yen_to_usd", "yoy_change",
]
