"""Cleaning and reshaping: small pure functions from loaded tables to what a figure needs."""
from __future__ import annotations

import pandas as pd


def decade_of(years: pd.Series) -> pd.Series:
    """1855 -> 1850, 2025 -> 2020."""
    return (years // 10) * 10


def events_per_decade(events: pd.DataFrame) -> pd.DataFrame:
    """Tidy counts ``decade, category, events`` with every decade × category present (0 if none).

    Decades run from the first to the last decade with an event, so quiet decades show as gaps
    rather than disappearing.
    """
    decades = decade_of(events["date"].dt.year)
    categories = events["category"].cat.categories
    counts = events.assign(decade=decades).groupby(["decade", "category"], observed=False).size()
    full = pd.MultiIndex.from_product(
        [range(int(decades.min()), int(decades.max()) + 1, 10), categories],
        names=["decade", "category"])
    tidy = counts.reindex(full, fill_value=0).rename("events").reset_index()
    tidy["category"] = pd.Categorical(tidy["category"], categories=categories)
    return tidy


def assign_eras(events: pd.DataFrame, eras: pd.DataFrame) -> pd.DataFrame:
    """Add an ``era`` column (the era's name) to each event by its year."""
    years = events["date"].dt.year
    bins = list(eras["start_year"].astype(int)) + [10_000]
    era = pd.cut(years, bins=bins, labels=list(eras["name"]), right=False)
    return events.assign(era=era)


def events_per_era(events: pd.DataFrame, eras: pd.DataFrame) -> pd.DataFrame:
    """One row per era: its years, number of events, events per year and its commonest category."""
    with_era = assign_eras(events, eras)
    grouped = with_era.groupby("era", observed=False)
    last_year = int(events["date"].dt.year.max())
    spans = eras.assign(end=eras["end_year"].fillna(last_year).astype(int))
    table = pd.DataFrame({
        "era": list(eras["name"]),
        "from": list(eras["start_year"].astype(int)),
        "to": list(spans["end"]),
        "events": grouped.size().reindex(eras["name"]).to_numpy(),
        "main_category": grouped["category"].agg(_mode).reindex(eras["name"]).to_numpy(),
    })
    table["events_per_year"] = (table["events"] / (table["to"] - table["from"] + 1)).round(2)
    return table


def _mode(categories: pd.Series) -> str:
    """The commonest category; ties go to the category listed first in the schema."""
    counts = categories.value_counts(sort=False)
    return str(counts.idxmax()) if counts.max() > 0 else ""


def category_counts(events: pd.DataFrame) -> pd.DataFrame:
    """``category, events`` for all categories, commonest first."""
    counts = events["category"].value_counts(sort=False).rename("events")
    return (counts.rename_axis("category").reset_index()
            .sort_values(["events", "category"], ascending=[False, True], kind="stable")
            .reset_index(drop=True))


# The source-line concern lives in analysis.credit; the old name stays importable here.
from analysis.credit import cite_publishers  # noqa: E402, F401, I001


DATE_FORMATS = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}


def date_labels(events: pd.DataFrame) -> pd.Series:
    """Dates as people write them, at their precision: '7 Feb 1855', 'Feb 1904', '1904'."""
    return pd.Series([d.strftime(DATE_FORMATS[p]) for d, p in
                      zip(events["date"], events["date_precision"], strict=True)], index=events.index)


def select_events(events: pd.DataFrame, categories=None, start: int | None = None,
                  end: int | None = None, describe: bool = False) -> pd.DataFrame:
    """Events of the given categories between the years ``start`` and ``end`` (inclusive),
    as a display table ``when, title, category`` (plus ``description`` if ``describe``)."""
    years = events["date"].dt.year
    keep = pd.Series(True, index=events.index)
    if categories is not None:
        keep &= events["category"].isin(list(categories))
    if start is not None:
        keep &= years >= start
    if end is not None:
        keep &= years <= end
    chosen = events[keep]
    table = pd.DataFrame({"when": date_labels(chosen), "title": chosen["title"],
                          "category": chosen["category"].astype(str)})
    if describe:
        table["description"] = chosen["description"]
    return table.reset_index(drop=True)


def chronology_summary(events: pd.DataFrame) -> dict:
    """Headline numbers quoted in the chronology notebook's prose."""
    sources = events["source_id"].astype(str).str.split(";").explode().nunique()
    return {
        "events": len(events),
        "first_year": int(events["date"].dt.year.min()),
        "last_year": int(events["date"].dt.year.max()),
        "sources_cited": int(sources),
        "day_precision_pct": round(100 * (events["date_precision"] == "day").mean(), 1),
    }


# --- Trade: currencies, indices, changes, shares -------------------------------------------

def yen_to_usd(table: pd.DataFrame, fx: pd.DataFrame, value: str = "value_jpy_bn",
               year: str = "year") -> pd.DataFrame:
    """Add ``value_usd_bn`` = ``value`` (billions of yen) / that year's average yen per dollar.

    Raises ValueError naming the years that have no rate in ``fx`` rather than leaving NaN.
    """
    rates = fx.set_index("year")["jpy_per_usd"]
    missing = sorted(set(table[year].dropna().astype(int)) - set(rates.index.astype(int)))
    if missing:
        raise ValueError(f"no yen/dollar rate in fx_annual.csv for {missing}")
    return table.assign(value_usd_bn=table[value] / table[year].map(rates).astype(float))


def by_group(table: pd.DataFrame, by: list[str]):
    """``(labels, group)`` for each group of ``by`` (``labels`` maps column to value), or
    ``({}, table)`` once when ``by`` is empty: one loop for grouped and ungrouped tables."""
    if not by:
        yield {}, table
        return
    for key, group in table.groupby(by, observed=True):
        yield dict(zip(by, key if isinstance(key, tuple) else (key,), strict=True)), group


def index_to_base(table: pd.DataFrame, base, value: str = "value_jpy_bn", time: str = "year",
                  by: list[str] | None = None) -> pd.DataFrame:
    """Add ``index`` = 100 × value / value in the ``base`` period, within each ``by`` group.

    Raises ValueError if a group has no value in the base period.
    """
    parts = []
    for labels, group in by_group(table, by or []):
        base_rows = group.loc[group[time] == base, value].dropna()
        if len(base_rows) != 1:
            raise ValueError(f"no single {value} in base period {base} for {labels or 'the table'}")
        parts.append(group.assign(index=100 * group[value] / base_rows.iloc[0]))
    return pd.concat(parts).loc[table.index]


def yoy_change(table: pd.DataFrame, value: str = "value_jpy_bn", time: str = "year",
               by: list[str] | None = None, lag=1) -> pd.DataFrame:
    """Add ``yoy_pct``: percent change on the period ``lag`` earlier (1 year; for monthly data use
    ``time="month"`` and ``lag=pd.DateOffset(years=1)``). NaN where that period is missing, so gaps
    are never bridged."""
    by = by or []
    earlier = table[by + [time, value]].copy()
    earlier[time] = earlier[time] + lag
    merged = table.merge(earlier, on=by + [time], how="left", suffixes=("", "_earlier"))
    merged.index = table.index
    change = 100 * (merged[value] / merged[f"{value}_earlier"] - 1)
    return table.assign(yoy_pct=change)


REPORTED = "reported"
FROM_NEXT = "derived: next period's value and reported change"
FROM_THIS = "derived: previous period's value and this period's reported change"


def _derivations(table: pd.DataFrame, value: str, change: str, time: str, by: list[str],
                 lag) -> pd.DataFrame:
    """Every value a reported percent change pins down, from reported values only.

    A source giving v and its change r% also states the earlier period: v / (1 + r/100)
    (``FROM_NEXT``); a change r% for a period whose earlier value is reported states the value:
    earlier × (1 + r/100) (``FROM_THIS``). Each derivation keeps the ``source_id`` and ``status``
    of the row(s) it rests on.
    """
    keep = by + [time, value, change, "status", "source_id"]
    rows = table[keep].dropna(subset=[change])
    with_value = rows.dropna(subset=[value])
    back = with_value.assign(**{time: with_value[time] - lag,
                                "derived": with_value[value] / (1 + with_value[change] / 100),
                                "basis": FROM_NEXT})
    earlier = table[by + [time, value, "source_id"]].dropna(subset=[value])
    earlier = earlier.assign(**{time: earlier[time] + lag})
    fwd = rows.drop(columns=value).merge(earlier, on=by + [time], suffixes=("", "_earlier"))
    fwd = fwd.assign(derived=fwd[value] * (1 + fwd[change] / 100), basis=FROM_THIS,
                     source_id=fwd["source_id"] + ";" + fwd["source_id_earlier"])
    columns = by + [time, "derived", "basis", "status", "source_id"]
    return pd.concat([back[columns], fwd[columns]], ignore_index=True)


def _fill_gaps(reported: pd.DataFrame, derived: pd.DataFrame, keys: list[str], value: str,
               decimals: int) -> pd.DataFrame:
    """``reported`` (marked 'reported') plus the ``derived`` values of cells it lacks; where a cell
    can be derived both ways, the later report (``FROM_NEXT``) wins."""
    derived = derived.assign(order=(derived["basis"] == FROM_THIS).astype(int))
    derived = derived.sort_values(keys + ["order"], kind="stable").drop_duplicates(keys)
    have = reported[keys].drop_duplicates().assign(_reported=True)
    fills = derived.merge(have, on=keys, how="left")
    fills = fills[fills["_reported"].isna()]
    fills = fills.assign(**{value: fills["derived"].round(decimals)})
    columns = [c for c in keys + [value, "basis", "status", "source_id"] if c in fills]
    return pd.concat([reported.assign(basis=REPORTED), fills[columns]], ignore_index=True)


def _compare(derived: pd.DataFrame, reported: pd.DataFrame, keys: list[str], value: str,
             relative: bool) -> pd.DataFrame:
    """Derived values beside the reported values of the same cells, and their difference."""
    both = derived.merge(reported[keys + [value]].rename(columns={value: "reported"}), on=keys)
    if relative:
        both["difference_pct"] = 100 * (both["derived"] / both["reported"] - 1)
    else:
        both["difference_pts"] = both["derived"] - both["reported"]
    return both.drop(columns=["status", "source_id"], errors="ignore").reset_index(drop=True)


def with_implied_values(table: pd.DataFrame, value: str = "value_jpy_bn",
                        change: str = "reported_yoy_pct", time: str = "year",
                        by: list[str] | None = None, lag=1, decimals: int = 1) -> pd.DataFrame:
    """The reported values plus the gaps that reported percent changes fill, with a ``basis`` column.

    Trade news often gives a value with its change on a year earlier, which also states the
    earlier value; or only the change, which with a known earlier value states this one. Only
    cells without a reported value are filled, each from reported values (never from another
    derived value, so errors do not compound). Where both directions give a value, the one from
    the later report is used: it is computed on the revised earlier figure. Derived values are
    rounded to ``decimals`` and keep the ``source_id`` of the rows they rest on. For monthly data
    use ``time="month"`` and ``lag=pd.DateOffset(years=1)``.
    """
    by = by if by is not None else ["partner", "flow"]
    reported = table.dropna(subset=[value])
    filled = _fill_gaps(reported, _derivations(table, value, change, time, by, lag),
                        by + [time], value, decimals)
    for column in by + ["status"]:
        if isinstance(table[column].dtype, pd.CategoricalDtype):
            filled[column] = filled[column].astype(table[column].dtype)
    return filled.sort_values(by + [time], kind="stable").reset_index(drop=True)


def derivation_check(table: pd.DataFrame, value: str = "value_jpy_bn",
                     change: str = "reported_yoy_pct", time: str = "year",
                     by: list[str] | None = None, lag=1) -> pd.DataFrame:
    """Where a reported value could also be derived from a reported change: both, and the
    difference in percent of the reported value. Shows how far derived values can be trusted
    (first releases against revised figures)."""
    by = by if by is not None else ["partner", "flow"]
    derived = _derivations(table, value, change, time, by, lag)
    return _compare(derived, table.dropna(subset=[value]), by + [time], value, relative=True)


def share_of_world(annual: pd.DataFrame, partner: str = "RU", value: str = "value_jpy_bn",
                   time: str = "year") -> pd.DataFrame:
    """``time, flow, partner_value, world_value, share_pct``: the partner's share of Japan's trade,
    for the periods where both are known."""
    wide = annual.pivot_table(index=[time, "flow"], columns="partner", values=value,
                              observed=True, aggfunc="first")
    if partner not in wide or "WORLD" not in wide:
        raise ValueError(f"need both {partner} and WORLD rows to compute shares")
    both = wide[[partner, "WORLD"]].dropna().rename(
        columns={partner: "partner_value", "WORLD": "world_value"})
    both["share_pct"] = 100 * both["partner_value"] / both["world_value"]
    both.columns.name = None
    return both.reset_index()


def months_vs_year(monthly: pd.DataFrame, annual: pd.DataFrame, value: str = "value_jpy_bn"):
    """For each partner, flow and year with all 12 months known: the sum of months, the annual
    value and their difference. Used as a cross-check (they must agree within rounding)."""
    known = monthly.dropna(subset=[value]).assign(year=lambda t: t["month"].dt.year)
    sums = known.groupby(["partner", "flow", "year"], observed=True)[value].agg(["sum", "count"])
    complete = sums[sums["count"] == 12].reset_index()
    keyed = annual.assign(year=annual["year"].astype(int))[["partner", "flow", "year", value]]
    both = complete.merge(keyed, on=["partner", "flow", "year"], how="inner")
    both = both.rename(columns={"sum": "months_sum", value: "annual"}).drop(columns="count")
    both["difference"] = both["months_sum"] - both["annual"]
    return both


# --- Meetings, sanctions, opinion ---------------------------------------------------------

def surname(name: str) -> str:
    """'Shinzo Abe' -> 'Abe'."""
    return str(name).split()[-1]


def meetings_per_year(meetings: pd.DataFrame, in_person: bool = True) -> pd.DataFrame:
    """Tidy ``year, pair, meetings`` (pair like 'Abe–Putin'); every year from the first to the
    last meeting is present for every pair (0 where none), so quiet years show."""
    table = meetings[meetings["format"] != "phone"] if in_person else meetings
    pairs = table["jp_leader"].map(surname) + "–" + table["ru_leader"].map(surname)
    counts = table.assign(year=table["date"].dt.year, pair=pairs).groupby(["year", "pair"]).size()
    years = range(int(table["date"].dt.year.min()), int(table["date"].dt.year.max()) + 1)
    order = list(dict.fromkeys(pairs))  # pairs in order of first meeting
    full = pd.MultiIndex.from_product([years, order], names=["year", "pair"])
    return counts.reindex(full, fill_value=0).rename("meetings").reset_index()


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


def complete_years(table: pd.DataFrame, by: list[str], value: str, time: str = "year") -> pd.DataFrame:
    """Every year between the first and last, per group, with NaN where no value is known, so a
    line plot breaks at gaps instead of drawing across them."""
    years = range(int(table[time].min()), int(table[time].max()) + 1)
    groups = table[by].drop_duplicates()
    frame = groups.merge(pd.DataFrame({time: years}), how="cross")
    kept = table[by + [time, value]].assign(**{time: table[time].astype(int)})
    return frame.merge(kept, on=by + [time], how="left")


OPINION_MEASURES = {"affinity_pct": "Feel affinity toward Russia",
                    "no_affinity_pct": "Do not feel affinity",
                    "relations_good_pct": "Relations are good",
                    "relations_not_good_pct": "Relations are not good"}


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
    ``measure`` uses the names of :func:`opinion_long`, so the result plots the same way."""
    reported = _opinion_reported(opinion).assign(survey_year=lambda t: t["survey_year"].astype(int))
    filled = _fill_gaps(reported, _opinion_derivations(opinion, changes),
                        ["survey_year", "measure"], "pct", decimals)
    filled["measure"] = pd.Categorical(filled["measure"].map(OPINION_MEASURES),
                                       categories=list(OPINION_MEASURES.values()))
    return filled.sort_values(["measure", "survey_year"], kind="stable").reset_index(drop=True)


def opinion_derivation_check(opinion: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Where a reported value can also be derived from a printed change: both, and the
    difference in points (only rounding should separate them)."""
    reported = _opinion_reported(opinion).assign(survey_year=lambda t: t["survey_year"].astype(int))
    return _compare(_opinion_derivations(opinion, changes), reported, ["survey_year", "measure"],
                    "pct", relative=False)


def opinion_record_check(opinion: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """Each record claim (``opinion_records.csv``) against the opinion table: the table's value
    for that survey beside the printed one, how many earlier surveys the table holds, and whether
    all of them lie on the claimed side (higher than a record low, lower than a record high)."""
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
    return pd.DataFrame(rows)


RECORD_WORD = {"lowest": "low", "highest": "high"}


def opinion_record_bounds(records: pd.DataFrame) -> pd.DataFrame:
    """What the record claims say about the surveys whose values were not found: per measure,
    the tightest claim (the highest record low, the lowest record high) that names the series'
    first year. Every survey from ``first_year`` to ``last_year`` lay ``above`` or ``below``
    ``bound_pct``. Columns: ``measure, first_year, last_year, side, bound_pct, record_year,
    statement`` (the bound in words, with the measure's display name)."""
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
    return pd.DataFrame(rows).sort_values("measure", key=lambda m: m.map(order)).reset_index(drop=True)


def opinion_long(opinion: pd.DataFrame) -> pd.DataFrame:
    """Tidy ``survey_year, measure, pct`` from the opinion table (known values only)."""
    long = opinion.melt(id_vars="survey_year", value_vars=list(OPINION_MEASURES), var_name="measure",
                        value_name="pct").dropna(subset=["pct"])
    long["measure"] = pd.Categorical(long["measure"].map(OPINION_MEASURES),
                                     categories=list(OPINION_MEASURES.values()))
    return long.sort_values(["measure", "survey_year"]).reset_index(drop=True)


def reading_list(sources: pd.DataFrame, *tables: pd.DataFrame, publishers: list[str] | None = None,
                 most: int | None = None) -> pd.DataFrame:
    """``publisher, title, url`` of the sources cited by ``tables`` (optionally only publishers
    whose name contains one of ``publishers``), most-cited first."""
    ids = pd.concat([t["source_id"].astype(str).str.split(";").explode() for t in tables])
    cited = ids.value_counts().rename("citations")
    listed = sources.set_index("source_id").join(cited, how="inner")
    if publishers:
        keep = listed["publisher"].str.contains("|".join(publishers), case=False, regex=True)
        listed = listed[keep]
    listed = listed.sort_values(["citations", "publisher", "title"], ascending=[False, True, True],
                                kind="stable")
    listed = listed.head(most) if most else listed
    return listed[["publisher", "title", "url"]].reset_index(drop=True)


def event_dates(events: pd.DataFrame, titles: dict[str, str]) -> dict[str, pd.Timestamp]:
    """``{short label: date}`` for figure marks, looking each event up by a phrase of its title
    (``titles`` maps short label -> phrase). Raises KeyError if a phrase matches no event or
    several, so a renamed event cannot silently move a mark."""
    marks = {}
    for label, phrase in titles.items():
        hits = events[events["title"].str.contains(phrase, regex=False)]
        if len(hits) != 1:
            raise KeyError(f"'{phrase}' matches {len(hits)} events in events.csv, expected 1")
        marks[label] = hits["date"].iloc[0]
    return marks


TOPIC_TITLES = {
    "sovereignty_basis": "On what basis each side claims the islands",
    "treaty_1855": "The 1855 Treaty of Shimoda",
    "yalta_1945": "The Yalta agreement (1945)",
    "san_francisco_1951": "The San Francisco Peace Treaty (1951)",
    "declaration_1956": "The 1956 Joint Declaration, Article 9",
    "peace_treaty_now": "The peace-treaty talks today",
}


def positions_side_by_side(positions: pd.DataFrame, topics: list[str] | None = None) -> pd.DataFrame:
    """``topic, Japan's position, Russia's position``, topics in :data:`TOPIC_TITLES` order."""
    wide = positions.pivot(index="topic", columns="side", values="position")
    order = [t for t in (topics or TOPIC_TITLES) if t in wide.index]
    wide = wide.reindex(order)
    return pd.DataFrame({"topic": [TOPIC_TITLES[t] for t in order],
                         "Japan's position": wide["JP"].to_numpy(),
                         "Russia's position": wide["RU"].to_numpy()})


def meetings_by_pair(per_year: pd.DataFrame) -> pd.Series:
    """Total meetings per leader pair from :func:`meetings_per_year`, most first (stable)."""
    totals = per_year.groupby("pair", sort=False)["meetings"].sum()
    return totals.sort_values(ascending=False, kind="stable")


def latest_totals(cumulative: pd.DataFrame) -> pd.DataFrame:
    """The last date and running total of each series of :func:`cumulative_measures`."""
    return cumulative.groupby("series", observed=True)[["announced", "cumulative"]].last()


def largest_changes(table: pd.DataFrame, value: str, time: str = "survey_year",
                    most: int = 2) -> pd.DataFrame:
    """The ``most`` largest falls between consecutive known values (``change`` = this − previous
    known value; gaps between surveyed years are spanned and ``since`` says from when)."""
    known = table.dropna(subset=[value])[[time, value]].reset_index(drop=True)
    known["since"] = known[time].shift(1)
    known["change"] = known[value].diff()
    return known.dropna(subset=["change"]).sort_values("change", kind="stable").head(most)


def residents_over_time(residents: pd.DataFrame,
                        measures=("surviving_former_residents", "average_age")) -> pd.DataFrame:
    """Surviving former residents and their average age by reference date (after 1945)."""
    later = residents[(residents["as_of"].dt.year > 1945) & residents["measure"].isin(measures)]
    return later.pivot_table(index="as_of", columns="measure", values="value")[list(measures)]


def events_matching(events: pd.DataFrame, pattern: str) -> pd.DataFrame:
    """Events whose title matches the regular expression ``pattern`` (case-insensitive)."""
    return events[events["title"].str.contains(pattern, case=False, regex=True)]


def days_to_next_package(decisions: pd.DataFrame, packages: pd.DataFrame) -> pd.DataFrame:
    """For each decision (``date, title``), Japan's first package announced on or after it and
    the days in between: ``date, title, next_package, announced, days``. Decisions after the
    last package get NaN."""
    ordered = packages.sort_values("announced")[["package_id", "announced"]]
    merged = pd.merge_asof(decisions.sort_values("date")[["date", "title"]], ordered,
                           left_on="date", right_on="announced", direction="forward")
    merged["days"] = (merged["announced"] - merged["date"]).dt.days
    return merged.rename(columns={"package_id": "next_package"}).reset_index(drop=True)
