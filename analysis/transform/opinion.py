"""Public opinion: the Cabinet Office survey series, values implied by printed changes,
record claims and the bounds they set."""
from __future__ import annotations

import pandas as pd

from analysis.transform.implied import FROM_NEXT, FROM_THIS, compare_derived, fill_gaps

OPINION_MEASURES = {"affinity_pct": "Feel affinity toward Russia",
                    "no_affinity_pct": "Do not feel affinity",
                    "relations_good_pct": "Relations are good",
                    "relations_not_good_pct": "Relations are not good"}


def measure_labels(measures: pd.Series) -> pd.Series:
    """The display name of each measure key (a column name of opinion.csv), as a categorical in
    :data:`OPINION_MEASURES` order, so tables and legends list the measures the same way."""
    return pd.Series(pd.Categorical(measures.map(OPINION_MEASURES), categories=list(OPINION_MEASURES.values())),
                     index=measures.index)


def _with_label(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with a ``label`` column (display name) right after its ``measure`` key."""
    labelled = table.copy()
    labelled.insert(labelled.columns.get_loc("measure") + 1, "label", measure_labels(labelled["measure"]))
    return labelled


def _in_measure_order(table: pd.DataFrame) -> pd.DataFrame:
    """Rows by measure (in :data:`OPINION_MEASURES` order, through the categorical ``label``),
    then by survey year; stable, so ties keep their order."""
    return table.sort_values(["label", "survey_year"], kind="stable").reset_index(drop=True)


def _opinion_reported(opinion: pd.DataFrame) -> pd.DataFrame:
    """``survey_year, measure, pct, source_id`` (measure = column name), known values only."""
    return opinion.melt(id_vars=["survey_year", "source_id"], value_vars=list(OPINION_MEASURES),
                        var_name="measure", value_name="pct").dropna(subset=["pct"])


def _opinion_derivations(opinion: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Values that printed point changes pin down: the previous survey (value − change) and,
    where the previous survey is known, this one (previous + change)."""
    reported = _opinion_reported(opinion).assign(survey_year=lambda t: t["survey_year"].astype(int))
    changes = changes.assign(survey_year=changes["survey_year"].astype(int),
                             relative_to=changes["relative_to"].astype(int))
    back = changes.merge(reported, on=["survey_year", "measure"], suffixes=("", "_value"))
    back = back.assign(survey_year=back["relative_to"], derived=back["pct"] - back["change_pts"],
                       basis=FROM_NEXT, source_id=back["source_id"] + ";" + back["source_id_value"])
    earlier = reported.rename(columns={"survey_year": "relative_to"})
    fwd = changes.merge(earlier, on=["relative_to", "measure"], suffixes=("", "_value"))
    fwd = fwd.assign(derived=fwd["pct"] + fwd["change_pts"], basis=FROM_THIS,
                     source_id=fwd["source_id"] + ";" + fwd["source_id_value"])
    columns = ["survey_year", "measure", "derived", "basis", "source_id"]
    return pd.concat([back[columns], fwd[columns]], ignore_index=True)


def opinion_with_implied_values(opinion: pd.DataFrame, changes: pd.DataFrame,
                                decimals: int = 1) -> pd.DataFrame:
    """Tidy ``survey_year, measure, pct, basis, source_id``: the reported values plus those the
    printed point changes (``opinion_changes.csv``) pin down where no value was found. Same
    rules as :func:`with_implied_values`: derived only from reported values, later report first.
    ``measure`` is the key, ``label`` its display name, as in :func:`opinion_long`, so the result
    plots the same way."""
    reported = _opinion_reported(opinion).assign(survey_year=lambda t: t["survey_year"].astype(int))
    filled = fill_gaps(reported, _opinion_derivations(opinion, changes),
                       ["survey_year", "measure"], "pct", decimals)
    return _in_measure_order(_with_label(filled))


def opinion_derivation_check(opinion: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Where a reported value can also be derived from a printed change: both, and the
    difference in points (only rounding should separate them). ``measure`` is the key,
    ``label`` its display name."""
    reported = _opinion_reported(opinion).assign(survey_year=lambda t: t["survey_year"].astype(int))
    return _with_label(compare_derived(_opinion_derivations(opinion, changes), reported,
                                       ["survey_year", "measure"], "pct", relative=False))


def opinion_record_check(opinion: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """Each record claim (``opinion_records.csv``) against the opinion table: the table's value
    for that survey beside the printed one, how many earlier surveys the table holds, and whether
    all of them lie on the claimed side (higher than a record low, lower than a record high).
    ``measure`` is the key, ``label`` its display name."""
    reported = _opinion_reported(opinion).assign(survey_year=lambda t: t["survey_year"].astype(int))
    rows = []
    for claim in records.itertuples(index=False):
        same = reported[reported["measure"] == claim.measure]
        year = int(claim.survey_year)
        earlier = same[(same["survey_year"] < year)
                       & (same["survey_year"] >= (claim.since if pd.notna(claim.since) else 0))]
        beyond = earlier["pct"] > claim.value_pct if claim.record == "lowest" else earlier["pct"] < claim.value_pct
        table_value = same.loc[same["survey_year"] == year, "pct"]
        rows.append({"survey_year": year, "measure": claim.measure, "record": claim.record,
                     "value_pct": claim.value_pct,
                     "table_pct": table_value.iloc[0] if len(table_value) else float("nan"),
                     "earlier_surveys": len(earlier), "consistent": bool(beyond.all())})
    return _with_label(pd.DataFrame(rows, columns=["survey_year", "measure", "record", "value_pct", "table_pct",
                                                   "earlier_surveys", "consistent"]))


RECORD_WORD = {"lowest": "low", "highest": "high"}


def opinion_record_bounds(records: pd.DataFrame) -> pd.DataFrame:
    """What the record claims say about the surveys whose values were not found: per measure,
    the tightest claim (the highest record low, the lowest record high) that names the series'
    first year. Every survey from ``first_year`` to ``last_year`` lay ``above`` or ``below``
    ``bound_pct``. Columns: ``measure, label, first_year, last_year, side, bound_pct,
    record_year, statement`` (``measure`` the key, ``label`` its display name, ``statement`` the
    bound in words)."""
    named = records.dropna(subset=["since"])
    rows = []
    for measure, claims in named.groupby("measure", sort=False):
        for record, side in (("lowest", "above"), ("highest", "below")):
            of_kind = claims[claims["record"] == record]
            if of_kind.empty:
                continue
            best = of_kind.loc[of_kind["value_pct"].idxmax() if side == "above" else of_kind["value_pct"].idxmin()]
            first, last = int(best["since"]), int(best["survey_year"]) - 1
            rows.append({"measure": measure, "first_year": first, "last_year": last, "side": side,
                         "bound_pct": float(best["value_pct"]), "record_year": int(best["survey_year"]),
                         "statement": f"{OPINION_MEASURES[measure]}: every survey {first}–{last} "
                                      f"{side} {best['value_pct']:.1f}% (record {RECORD_WORD[record]} reported "
                                      f"for {int(best['survey_year'])})"})
    order = {m: i for i, m in enumerate(OPINION_MEASURES)}
    bounds = pd.DataFrame(rows).sort_values("measure", key=lambda m: m.map(order)).reset_index(drop=True)
    return _with_label(bounds)


def opinion_long(opinion: pd.DataFrame) -> pd.DataFrame:
    """Tidy ``survey_year, measure, label, pct`` from the opinion table (known values only).

    ``measure`` is the key (a column name of opinion.csv, what to filter by), ``label`` its
    display name (:func:`measure_labels`), which :func:`analysis.plots.plot_opinion` colours and
    labels lines by."""
    long = opinion.melt(id_vars="survey_year", value_vars=list(OPINION_MEASURES), var_name="measure",
                        value_name="pct").dropna(subset=["pct"])
    return _in_measure_order(_with_label(long))
