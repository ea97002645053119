"""Running totals of designations, packages and decision-to-package lags."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.transform.sanctions import (
    MEASURE_COUNTS,
    cumulative_measures,
    days_to_next_package,
    latest_totals,
    package_events,
    package_totals,
    packages_without_counts,
)


def sanctions_table(rows):
    """sanctions.csv-like rows ``(package_id, announced, imposer, measure_type, individuals,
    entities, banks, items)``, counts as nullable integers as the loader gives them."""
    table = pd.DataFrame(rows, columns=["package_id", "announced", "imposer", "measure_type",
                                        *MEASURE_COUNTS])
    table["announced"] = pd.to_datetime(table["announced"])
    return table.astype({column: "Int64" for column in MEASURE_COUNTS})


def test_cumulative_measures_and_package_totals():
    sanctions = sanctions_table([
        ("JP-2022-02-26", "2022-02-26", "JP", "asset_freeze", 10, 5, None, None),
        ("JP-2022-02-26", "2022-02-26", "JP", "export_ban", None, 2, None, 100),
        ("JP-2025-01-10", "2025-01-10", "JP", "asset_freeze", 11, 29, None, None),
        ("JP-2025-01-10", "2025-01-10", "JP", "export_ban", None, 22, None, 335),
        ("RU-2022-05-04", "2022-05-04", "RU", "entry_ban", 63, None, None, None)])
    cumulative = cumulative_measures(sanctions)
    last = cumulative.groupby("series", observed=True)["cumulative"].last().to_dict()
    assert last == {"people (asset freeze)": 21, "organisations (asset freeze)": 34,
                    "organisations (export ban)": 24, "export-ban items": 435}
    totals = package_totals(sanctions)
    assert totals["package_id"].tolist() == ["JP-2022-02-26", "JP-2025-01-10"]
    assert totals.loc[1, "items"] == 335 and totals.loc[1, "entities"] == 51


def test_days_to_next_package():
    decisions = pd.DataFrame({"date": pd.to_datetime(["2022-02-26", "2022-12-05", "2026-01-01"]),
                              "title": ["SWIFT", "price cap", "later"]})
    packages = pd.DataFrame({"package_id": ["JP-2022-02-27", "JP-2022-12-05"],
                             "announced": pd.to_datetime(["2022-02-27", "2022-12-05"])})
    lags = days_to_next_package(decisions, packages)
    assert lags["next_package"].tolist()[:2] == ["JP-2022-02-27", "JP-2022-12-05"]
    assert lags["days"].tolist()[:2] == [1, 0]
    assert pd.isna(lags["days"].iloc[2])


def test_package_events_for_event_windows():
    packages = pd.DataFrame({"package_id": ["JP-2022-02-26", "JP-2025-01-10"],
                             "announced": pd.to_datetime(["2022-02-26", "2025-01-10"])})
    events = package_events(packages, ["JP-2025-01-10"])
    assert events.to_dict("records") == [{"date": pd.Timestamp("2025-01-10"), "title": "JP-2025-01-10"}]
    with pytest.raises(KeyError, match="JP-1999-01-01"):
        package_events(packages, ["JP-1999-01-01"])


def test_latest_totals():
    cumulative = pd.DataFrame({"series": pd.Categorical(["banks", "banks"]),
                               "announced": pd.to_datetime(["2022-03-01", "2025-01-10"]),
                               "cumulative": [3, 22]})
    latest = latest_totals(cumulative)
    assert latest.loc["banks", "cumulative"] == 22
    assert latest.loc["banks", "announced"] == pd.Timestamp("2025-01-10")


def test_packages_without_counts_are_those_the_totals_leave_out():
    sanctions = sanctions_table([
        ("JP-a", "2022-02-26", "JP", "asset_freeze", 10, None, None, None),
        ("JP-a", "2022-02-26", "JP", "export_ban", None, 2, None, 100),
        ("JP-b", "2022-03-08", "JP", "asset_freeze", None, 29, None, None),
        ("JP-c", "2022-04-12", "JP", "import_ban", None, None, None, None),
        ("RU-a", "2022-05-04", "RU", "asset_freeze", None, None, None, None)])
    missing = packages_without_counts(sanctions)
    # JP-a gave no entity count for its asset freeze, JP-b no individuals; the import ban counts
    # nothing in DESIGNATION_SERIES and the Russian row is another imposer's.
    assert missing.sort_values(["announced", "series"]).values.tolist() == [
        [pd.Timestamp("2022-02-26"), "organisations (asset freeze)"],
        [pd.Timestamp("2022-03-08"), "people (asset freeze)"]]
    assert list(missing.columns) == ["announced", "series"]
    assert len(packages_without_counts(sanctions, imposer="RU")) == 2  # its freeze gave neither count
