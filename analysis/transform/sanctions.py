"""Sanctions: running totals of designations, packages, and the days from a decision to
Japan's next package."""
from __future__ import annotations

import pandas as pd

#: The count columns of sanctions.csv.
MEASURE_COUNTS = ["individuals", "entities", "banks", "items"]
#: What the cumulative sanctions figure counts: series name -> (measure_type, count column).
DESIGNATION_SERIES = {
    "people (asset freeze)": ("asset_freeze", "individuals"),
    "organisations (asset freeze)": ("asset_freeze", "entities"),
    "banks": ("financial", "banks"),
    "organisations (export ban)": ("export_ban", "entities"),
    "export-ban items": ("export_ban", "items"),
}


def cumulative_measures(sanctions: pd.DataFrame, imposer: str = "JP") -> pd.DataFrame:
    """Tidy ``series, announced, added, cumulative``: running totals of the designations in
    :data:`DESIGNATION_SERIES` by ``imposer``. Packages that reported no count add nothing, so
    the totals are lower bounds where counts are missing."""
    table = sanctions[sanctions["imposer"] == imposer]
    parts = []
    for series, (measure_type, column) in DESIGNATION_SERIES.items():
        rows = table[(table["measure_type"] == measure_type) & table[column].notna()]
        daily = rows.groupby("announced")[column].sum().rename("added").reset_index()
        parts.append(daily.assign(series=series, cumulative=daily["added"].cumsum()))
    result = pd.concat(parts, ignore_index=True)[["series", "announced", "added", "cumulative"]]
    result["series"] = pd.Categorical(result["series"], categories=list(DESIGNATION_SERIES))
    return result


def packages_without_counts(sanctions: pd.DataFrame, imposer: str = "JP") -> pd.DataFrame:
    """``announced, series`` of the packages by ``imposer`` that gave no count for a series of
    :data:`DESIGNATION_SERIES`: where :func:`cumulative_measures` is a lower bound."""
    table = sanctions[sanctions["imposer"] == imposer]
    parts = [table.loc[(table["measure_type"] == kind) & table[column].isna(), ["announced"]]
             .assign(series=series) for series, (kind, column) in DESIGNATION_SERIES.items()]
    return pd.concat(parts, ignore_index=True)


def package_totals(sanctions: pd.DataFrame, imposer: str = "JP") -> pd.DataFrame:
    """One row per package: its date, measure types and the counts it added."""
    table = sanctions[sanctions["imposer"] == imposer]
    grouped = table.groupby("package_id", sort=False)
    totals = grouped[MEASURE_COUNTS].sum(min_count=1)
    totals.insert(0, "announced", grouped["announced"].first())
    totals.insert(1, "measures", grouped["measure_type"].agg(lambda s: ", ".join(map(str, s))))
    return totals.reset_index().sort_values("announced", kind="stable").reset_index(drop=True)


def package_events(packages: pd.DataFrame, package_ids: list[str]) -> pd.DataFrame:
    """``date, title`` of the chosen packages of :func:`package_totals`, in the form
    :func:`analysis.impact.event_window` takes; an unknown id is an error, not a silent gap."""
    unknown = sorted(set(package_ids) - set(packages["package_id"]))
    if unknown:
        raise KeyError(f"no package {unknown} in the sanctions table")
    chosen = packages[packages["package_id"].isin(package_ids)]
    return pd.DataFrame({"date": chosen["announced"].to_numpy(), "title": chosen["package_id"].to_numpy()})


def measures_by_type(sanctions: pd.DataFrame) -> pd.DataFrame:
    """Number of measures (rows) by imposer and type: who did what, how often."""
    counts = sanctions.groupby(["imposer", "measure_type"], observed=True).size()
    return counts.rename("measures").reset_index().sort_values(
        ["imposer", "measures"], ascending=[True, False], kind="stable").reset_index(drop=True)


def latest_totals(cumulative: pd.DataFrame) -> pd.DataFrame:
    """The last date and running total of each series of :func:`cumulative_measures`."""
    return cumulative.groupby("series", observed=True)[["announced", "cumulative"]].last()


def days_to_next_package(decisions: pd.DataFrame, packages: pd.DataFrame) -> pd.DataFrame:
    """For each decision (``date, title``), Japan's first package announced on or after it and
    the days in between: ``date, title, next_package, announced, days``. Decisions after the
    last package get NaN."""
    ordered = packages.sort_values("announced")[["package_id", "announced"]]
    merged = pd.merge_asof(decisions.sort_values("date")[["date", "title"]], ordered,
                           left_on="date", right_on="announced", direction="forward")
    merged["days"] = (merged["announced"] - merged["date"]).dt.days
    return merged.rename(columns={"package_id": "next_package"}).reset_index(drop=True)
