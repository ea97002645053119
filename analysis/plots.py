"""Plotting functions. Each takes tidy data and an optional ``ax`` and returns the ``Axes``
(seaborn's convention); colours and fonts come from :mod:`analysis.style` (``style.use()``)."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from analysis import credit, style
from analysis.transform import (
    OPINION_MEASURES,
    complete_years,
    days_to_next_package,
    packages_without_counts,
    primary_usd,
)

FLOW_COLOURS = {"export": style.SIDE_COLORS["JP"], "import": style.SIDE_COLORS["RU"]}
FLOW_NAMES = {"export": "Japan's exports to Russia", "import": "Japan's imports from Russia"}

ERA_SHADES = ("#e8e8e8", "#f6f6f6")


def _axes(ax):
    """The given Axes, or a new one on a new figure in the house size."""
    if ax is not None:
        return ax
    _, ax = plt.subplots()
    return ax


def era_key(eras: pd.DataFrame) -> str:
    """'1  Name (1855–1903)' lines, one per era, for the key beside a timeline."""
    ends = [("" if pd.isna(e) else int(e)) for e in eras["end_year"]]
    return "\n".join(f"{i}  {name} ({start}–{end})" for i, (name, start, end) in
                     enumerate(zip(eras["name"], eras["start_year"].astype(int), ends, strict=True), start=1))


def _finish(ax, xlabel: str, ylabel: str, title: str, legend: dict | None = None,
            xgrid: bool = True):
    """Axis labels, title and (if ``legend`` gives its keyword arguments) the legend."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if legend is not None:
        ax.legend(**legend)
    if not xgrid:
        ax.grid(axis="x", visible=False)
    ax.set_title(title)
    return ax


DERIVED_LABEL = "hollow: derived from a reported change"
OPINION_COLOURS = dict(zip(OPINION_MEASURES.values(),
                           [style.OKABE_ITO["blue"], style.OKABE_ITO["sky_blue"],
                            style.OKABE_ITO["bluish_green"], style.OKABE_ITO["vermillion"]], strict=False))


def _is_derived(table: pd.DataFrame) -> pd.Series:
    """True for values :func:`analysis.transform.with_implied_values` derived (no ``basis``: none)."""
    if "basis" not in table:
        return pd.Series(False, index=table.index)
    return table["basis"].astype(str).str.startswith("derived")


def _hollow(ax, x, y, colour: str, label: str | None = None) -> None:
    """Derived values: the same marker, white inside, drawn over the line."""
    ax.plot(x, y, "o", ms=4, mfc="white", mec=colour, ls="none", label=label)


def _gapped_lines(ax, table: pd.DataFrame, group: str, value: str, time: str,
                  colours: dict, names: dict) -> None:
    """One line with markers per ``group`` value (those in ``names`` first, in its order; any
    other value of another table after them, named by itself in the next palette colour); years
    without a value break the line; derived values get hollow markers."""
    known = table.dropna(subset=[value]).assign(**{group: lambda t: t[group].astype(str)})
    full = complete_years(known, [group], value, time=time)
    derived = known[_is_derived(known)]
    keys = list(names) + sorted(set(known[group]) - set(names))
    for i, key in enumerate(keys):
        line = full[full[group] == key]
        colour = colours.get(key, style.PALETTE[i % len(style.PALETTE)])
        if line[value].notna().any():
            # One known value is a point, not a trend: no line in its key either.
            single = line[value].notna().sum() == 1
            ax.plot(line[time], line[value], marker="o", ms=4, color=colour, label=names.get(key, key),
                    ls="none" if single else "-", clip_on=False)
            hollow = derived[derived[group] == key]
            if len(hollow):
                _hollow(ax, hollow[time].astype(int), hollow[value], colour)
    if len(derived):
        _hollow(ax, [], [], "0.3", DERIVED_LABEL)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))


LEGEND_BELOW = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.13), "ncols": 3}  # never over data


def _from_zero(ax) -> None:
    """Start the value axis at zero, a little below it so a zero value sits clear of the axis."""
    top = ax.get_ylim()[1]
    ax.set_ylim(-0.03 * top, top)


def shade_eras(eras: pd.DataFrame, ax, last_year: int):
    """Alternate grey bands for the eras, numbered along the top, with a key on the right."""
    ends = eras["end_year"].fillna(last_year).astype(int)
    for i, (start, end) in enumerate(zip(eras["start_year"].astype(int), ends, strict=True), start=1):
        left, right = pd.Timestamp(year=start, month=1, day=1), pd.Timestamp(year=end, month=12, day=31)
        ax.axvspan(left, right, color=ERA_SHADES[i % 2], zorder=0, lw=0)
        ax.text(left + (right - left) / 2, 1.01, str(i), transform=ax.get_xaxis_transform(),
                ha="center", va="bottom", fontsize=8, color=style.TEXT_GREY)
    ax.text(1.02, 1.0, "Eras\n" + era_key(eras), transform=ax.transAxes, ha="left", va="top",
            fontsize=8, color=style.TEXT_GREY, linespacing=1.5)
    return ax


def plot_timeline(events: pd.DataFrame, eras: pd.DataFrame | None = None, ax=None, x: str = "date",
                  y: str = "category", title: str = "Japan–Russia relations: events by category"):
    """A categorical strip (seaborn): one row per ``y`` category, top down in the schema's order,
    one dot per event at its ``x`` date; eras shaded behind."""
    ax = _axes(ax)
    categories = [str(c) for c in events[y].cat.categories]
    rows = events.assign(**{y: events[y].astype(str)})
    sns.stripplot(rows, x=x, y=y, hue=y, order=categories, hue_order=categories,
                  palette={c: style.CATEGORY_COLORS.get(c, style.TEXT_GREY) for c in categories},
                  jitter=False, native_scale=True, legend=False, size=5.3, alpha=0.85,
                  edgecolor="white", linewidth=0.4, zorder=3, ax=ax)
    if eras is not None:
        shade_eras(eras, ax, int(events[x].dt.year.max()))
    ax.set_ylim(len(categories) - 0.3, -0.7)
    ax.xaxis.set_major_locator(mdates.YearLocator(20))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel("Year")
    ax.set_ylabel("Event category")
    ax.grid(axis="y", visible=False)
    ax.set_title(title, pad=16 if eras is not None else 6)
    return ax


def plot_events_per_decade(counts: pd.DataFrame, ax=None,
                           title: str = "Events per decade, by category"):
    """Stacked bars from tidy ``decade, category, events`` counts."""
    ax = _axes(ax)
    wide = counts.pivot_table(index="decade", columns="category", values="events",
                              observed=False, aggfunc="sum").fillna(0)
    bottom = pd.Series(0.0, index=wide.index)
    for category in wide.columns:
        ax.bar(wide.index, wide[category], bottom=bottom, width=8,
               color=style.CATEGORY_COLORS[str(category)], label=str(category))
        bottom += wide[category]
    ax.set_xticks(list(wide.index), [f"{d}s" for d in wide.index], rotation=90)
    return _finish(ax, "Decade", "Events in the chronology (count)", title, xgrid=False,
                   legend={"title": "Category", "ncols": 3, "fontsize": 8, "title_fontsize": 9,
                           "loc": "upper left"})


def _mark_dates(ax, dates: dict, ymax_frac: float = 0.98, step: float = 0.05) -> None:
    """Dashed vertical lines with small labels, e.g. {"Invasion of Ukraine": "2022-02-24"};
    each label sits one step lower than the previous one, so close dates stay readable."""
    for i, (label, when) in enumerate(sorted(dates.items(), key=lambda item: item[1])):
        ax.axvline(pd.Timestamp(when), color=style.TEXT_GREY, lw=0.8, ls="--", zorder=1)
        ax.text(pd.Timestamp(when), ymax_frac - i * step, f" {label}",
                transform=ax.get_xaxis_transform(), fontsize=8, color=style.TEXT_GREY,
                va="top", ha="left")


def plot_meetings_per_year(counts: pd.DataFrame, ax=None, highlight: str = "Abe–Putin",
                           until: int | None = None, x: str = "year", y: str = "meetings",
                           hue: str = "pair", title: str = "Leaders' meetings per year"):
    """Stacked bars from tidy ``year, pair, meetings`` (column roles ``x``, ``y``, ``hue``);
    ``highlight`` gets its own colour and every other pair is grey. ``until`` (e.g. the latest
    year of the data) extends the axis with zero bars, so the years without meetings show."""
    ax = _axes(ax)
    wide = counts.pivot_table(index=x, columns=hue, values=y, aggfunc="sum", sort=False).fillna(0)
    if until is not None:
        wide = wide.reindex(range(int(wide.index.min()), max(until, int(wide.index.max())) + 1),
                            fill_value=0)
    others = [p for p in wide.columns if p != highlight]
    ax.bar(wide.index, wide[others].sum(axis=1), color=style.OKABE_ITO["grey"],
           label="other leader pairs", width=0.8)
    if highlight in wide:
        ax.bar(wide.index, wide[highlight], bottom=wide[others].sum(axis=1), width=0.8,
               color=style.OKABE_ITO["blue"], label=highlight)
    ax.set_xlim(wide.index.min() - 0.7, wide.index.max() + 0.7)
    ax.yaxis.set_major_locator(plt.MaxNLocator(integer=True))
    return _finish(ax, "Year", "In-person meetings (count)", title, legend={"loc": "upper left"},
                   xgrid=False)


LOWER_BOUND_NOTE = ("Counts are lower bounds: a package that reported no number adds nothing "
                    "(hollow marks: such packages)")


def plot_cumulative_sanctions(cumulative: pd.DataFrame, ax=None, sanctions: pd.DataFrame | None = None,
                              x: str = "announced", y: str = "cumulative", hue: str = "series",
                              title: str = "Japan's designations since 2014, cumulative"):
    """Step lines from tidy ``series, announced, cumulative`` (column roles ``hue``, ``x``, ``y``;
    one line per series). With the ``sanctions`` rows the totals came from, the packages that
    reported no count are marked hollow on their line, and a note says the totals are lower
    bounds."""
    ax = _axes(ax)
    order = (cumulative[hue].cat.categories if isinstance(cumulative[hue].dtype, pd.CategoricalDtype)
             else sorted(cumulative[hue].unique()))
    colours = dict(zip(order, style.PALETTE, strict=False))
    missing = packages_without_counts(sanctions) if sanctions is not None else None
    for series, group in cumulative.groupby(hue, observed=True):
        ax.step(group[x], group[y], where="post", color=colours[series], label=str(series), lw=1.8)
        last = group.iloc[-1]
        ax.annotate(f"{int(last[y]):,}", (last[x], last[y]),
                    xytext=(4, 0), textcoords="offset points", fontsize=8, va="center",
                    color=colours[series])
        if missing is not None:
            dates = missing.loc[missing["series"] == series, "announced"]
            # The running total on each such date: the last step at or before it.
            at = pd.merge_asof(pd.DataFrame({x: dates.sort_values()}), group.sort_values(x),
                               on=x)[y].fillna(0)
            _hollow(ax, dates.sort_values(), at, colours[series])
    _finish(ax, "Announcement date", "Designations or items (cumulative count)", title,
            legend={"loc": "upper left", "fontsize": 8})
    if missing is not None:
        ax.text(0, 1.01, LOWER_BOUND_NOTE, transform=ax.transAxes, fontsize=8, va="bottom",
                color=style.TEXT_GREY, gid="lower-bound-note")
        ax.set_title(title, pad=16)
    return ax


def plot_annual_trade(annual: pd.DataFrame, ax=None, partner: str = "RU", x: str = "year",
                      y: str = "value_jpy_bn", hue: str = "flow",
                      title: str = "Japan's trade with Russia by year"):
    """Exports and imports (billions of yen) of one ``partner`` as lines with markers (column
    roles ``x``, ``y``, ``hue``); unknown years stay gaps."""
    ax = _axes(ax)
    rows = annual[annual["partner"] == partner]
    credit.record(ax, rows.dropna(subset=[y]))
    _gapped_lines(ax, rows, hue, y, x, colours=FLOW_COLOURS, names=FLOW_NAMES)
    _from_zero(ax)
    return _finish(ax, "Year", "Billions of yen (Ministry of Finance basis)", title,
                   legend=LEGEND_BELOW)


def plot_monthly_trade(monthly: pd.DataFrame, ax=None, partner: str = "RU", marks=None,
                       title: str = "Japan's monthly trade with Russia"):
    """Known months as points (no lines: the series has gaps), with dated marks; derived
    months (see :func:`analysis.transform.with_implied_values`) hollow."""
    ax = _axes(ax)
    table = monthly[monthly["partner"] == partner].dropna(subset=["value_jpy_bn"])
    credit.record(ax, table)
    derived = _is_derived(table)
    for flow, group in table.groupby("flow", observed=True):
        solid = group[~derived.loc[group.index]]
        ax.plot(solid["month"], solid["value_jpy_bn"], "o", ms=4, color=FLOW_COLOURS[flow],
                label=FLOW_NAMES[flow])
        hollow = group[derived.loc[group.index]]
        if len(hollow):
            _hollow(ax, hollow["month"], hollow["value_jpy_bn"], FLOW_COLOURS[flow])
    if derived.any():
        _hollow(ax, [], [], "0.3", DERIVED_LABEL)
    if marks:
        _mark_dates(ax, marks)
    return _finish(ax, "Month", "Billions of yen per month", title, legend={"loc": "upper right"})


#: Readable names of the goods in trade_commodity.csv; others are spelled out from their key.
GOOD_NAMES = {"lng": "LNG", "fish_seafood": "Fish and seafood", "crude_oil": "Crude oil",
              "coal_anthracite": "Coal (anthracite)", "coal_bituminous": "Coal (bituminous)",
              "sawn_timber": "Sawn timber", "nonferrous_metals": "Non-ferrous metals",
              "rubber_tyres": "Rubber tyres", "trucks_buses": "Trucks and buses"}
MISSING_LABEL = "no value"


def good_name(key: str) -> str:
    """'LNG', 'Fish and seafood', or the key spelled out: 'used_cars' -> 'Used cars'."""
    return GOOD_NAMES.get(key, key.replace("_", " ").capitalize())


def _period_of(years, split: int) -> list[str]:
    return [f"before {split}" if year < split else f"{split} and after" for year in years]


def plot_commodity_values(commodity: pd.DataFrame, axes=None, flow: str = "import",
                          x: str = "year", y: str = "value_jpy_bn", col: str = "commodity",
                          split: int = 2022, ncols: int = 3, title: str = "Main goods by year"):
    """Small multiples: one panel per ``col`` value (good) with a bar per ``x`` (year) on the same
    years in every panel, coloured before / from ``split``; a year without a value is marked
    'no value', never drawn as zero. Goods with no value at all are left out. Returns the Axes."""
    table = commodity[commodity["flow"] == flow].dropna(subset=[y])
    goods = sorted(table[col].astype(str).unique(), key=good_name)
    years = list(range(int(table[x].min()), int(table[x].max()) + 1))
    if axes is None:
        nrows = -(-len(goods) // ncols)
        _, axes = plt.subplots(nrows, ncols, sharex=True, squeeze=False)
    axes = np.atleast_1d(axes).ravel()
    credit.record(axes[0], table)
    palette = {f"before {split}": style.OKABE_ITO["blue"], f"{split} and after": style.OKABE_ITO["orange"]}
    for ax, good in zip(axes, goods, strict=False):
        values = (table[table[col].astype(str) == good].set_index(table[x].name)[y]
                  .groupby(level=0).first().reindex(years))
        frame = pd.DataFrame({x: years, y: values.to_numpy(), "period": _period_of(years, split)})
        sns.barplot(frame, x=x, y=y, hue="period", palette=palette, order=years, ax=ax,
                    legend=False, width=0.7, saturation=1)
        for i, value in enumerate(values):
            if pd.isna(value):
                ax.text(i, 0.02, MISSING_LABEL, transform=ax.get_xaxis_transform(), rotation=90,
                        ha="center", va="bottom", fontsize=7, color=style.TEXT_GREY)
        ax.set_ylim(0, np.nanmax(values) * 1.15)
        ax.set_title(good_name(good), fontsize=11)
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.tick_params(axis="x", labelrotation=90, labelsize=8)
        ax.grid(axis="x", visible=False)
    for ax in axes[len(goods):]:
        ax.set_visible(False)
    fig = axes[0].figure
    fig.supylabel("Billions of yen", fontsize=11)
    style.figure_title(fig, title)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in palette.values()]
    fig.legend(handles, palette.keys(), loc="outside upper right", ncols=2)
    return axes


def plot_energy_shares(energy: pd.DataFrame, ax=None, x: str = "year", y: str = "russia_share_pct",
                       hue: str = "fuel", title: str = "Russia's share of Japan's fuel imports"):
    """One line per fuel (percent; column roles ``x``, ``y``, ``hue``), breaking at unknown years."""
    ax = _axes(ax)
    _gapped_lines(ax, energy, hue, y, x,
                  colours={"lng": style.OKABE_ITO["blue"], "crude_oil": style.OKABE_ITO["vermillion"],
                           "coal": style.OKABE_ITO["black"]},
                  names={"lng": "LNG", "crude_oil": "Crude oil", "coal": "Coal"})
    _from_zero(ax)
    return _finish(ax, "Year", "Share of Japan's imports from Russia (%)", title,
                   legend=LEGEND_BELOW)


def plot_opinion(opinion_long: pd.DataFrame, ax=None, breaks: dict | None = None,
                 title: str = "How the Japanese public sees Russia", x: str = "survey_year",
                 y: str = "pct", hue: str = "label"):
    """Lines with markers for each measure of tidy ``survey_year, measure, label, pct`` (column
    roles ``x``, ``y``, ``hue``), grouped, coloured and named by the display name ``label`` in
    its categorical order; ``breaks`` marks changes of survey method, e.g. {2020: "mail survey
    from 2020"}."""
    ax = _axes(ax)
    labels = [str(m) for m in opinion_long[hue].cat.categories]
    _gapped_lines(ax, opinion_long, hue, y, x, OPINION_COLOURS, names={m: m for m in labels})
    for year, label in (breaks or {}).items():
        ax.axvline(year - 0.5, color=style.TEXT_GREY, lw=0.8, ls="--")
        ax.text(year - 0.4, 0.5, label, transform=ax.get_xaxis_transform(), fontsize=8,
                color=style.TEXT_GREY, rotation=90, va="center")
    ax.set_ylim(0, 100)
    return _finish(ax, "Survey year", "Respondents (%)", title,
                   legend={"loc": "center left", "fontsize": 8})


def plot_record_bounds(bounds: pd.DataFrame, ax=None,
                       title: str = "What reported records say about the earlier surveys"):
    """Dashed segments from :func:`analysis.transform.opinion_record_bounds`: over the years
    ``first_year``–``last_year`` every survey lay above (or below) ``bound_pct``; arrows point to
    the side the values lay on. Draws onto an opinion plot when given its ``ax``."""
    ax = _axes(ax)
    for bound in bounds.itertuples(index=False):
        colour = OPINION_COLOURS[OPINION_MEASURES[bound.measure]]
        ax.hlines(bound.bound_pct, bound.first_year, bound.last_year, colors=colour, lw=1.2, ls=(0, (4, 3)))
        years = range(bound.first_year, bound.last_year + 1, 6)
        ax.plot(list(years), [bound.bound_pct] * len(years), "^" if bound.side == "above" else "v",
                ms=5, color=colour, ls="none")
        offset = 2.5 if bound.side == "above" else -2.5
        ax.text(bound.first_year, bound.bound_pct + offset,
                f"{bound.first_year}–{bound.last_year}: all {bound.side} {bound.bound_pct:.1f}% "
                f"(record in {bound.record_year})", color=colour, fontsize=8,
                va="bottom" if bound.side == "above" else "top")
    ax.plot([], [], "^", ls=(0, (4, 3)), lw=1.2, ms=5, color="0.3",
            label="bound from a reported record\n(arrows: the side earlier values lay on)")
    return _finish(ax, "Survey year", "Respondents (%)", title,
                   legend={"loc": "center left", "fontsize": 8})


def plot_counterfactual(result: pd.DataFrame, ax=None, ylabel: str = "Billions of yen per month",
                        scale: float = 1.0,
                        title: str = "Actual and expected values after the cut-off"):
    """Actual (points; derived ones hollow), counterfactual (line) and its prediction interval
    (band) from :func:`analysis.impact.counterfactual_gap`, values divided by ``scale``
    (e.g. 1000 for tonnes shown as thousand tonnes). Months without a prediction break the band."""
    ax = _axes(ax)
    ax.fill_between(result["month"], result["lower"] / scale, result["upper"] / scale,
                    color=style.OKABE_ITO["sky_blue"], alpha=0.3, lw=0, label="95% prediction interval")
    ax.plot(result["month"], result["expected"] / scale, color=style.OKABE_ITO["blue"],
            label="expected without a break")
    colour = style.OKABE_ITO["vermillion"]
    derived = _is_derived(result)
    ax.plot(result["month"], result["actual"].where(~derived) / scale, "o", ms=4, color=colour,
            label="actual")
    if derived.any():
        _hollow(ax, result.loc[derived, "month"], result.loc[derived, "actual"] / scale, colour,
                DERIVED_LABEL)
    if (result["actual"].dropna() >= 0).all():
        # Values that cannot be negative: the band is cut at zero, and room is left for the legend.
        top = np.nanmax(result[["upper", "actual"]].to_numpy(float)) / scale
        ax.set_ylim(0, top * 1.4)
    return _finish(ax, "Month", ylabel, title, legend={"loc": "upper left", "ncol": 2})


def plot_level_change(result: pd.DataFrame, ax=None, relative: bool = False, hue: str = "flow",
                      names: dict | None = None,
                      title: str = "Japan's trade with Russia against its pre-invasion level"):
    """Estimates and intervals from :func:`analysis.impact.level_change`, one colour per ``hue``
    value (flows by default; ``names`` labels them); ``relative`` plots them against the
    reference series instead."""
    ax = _axes(ax)
    prefix = "relative_" if relative else ""
    groups = list(result[hue].astype(str).unique())
    names = names or FLOW_NAMES
    for i, group in enumerate(groups):
        rows = result[result[hue].astype(str) == group]
        x = rows["period"].astype(int) + (i - (len(groups) - 1) / 2) * 0.12
        centre = rows[f"{prefix}pct"]
        errors = [centre - rows[f"{prefix}lower"], rows[f"{prefix}upper"] - centre]
        colour = FLOW_COLOURS[group] if hue == "flow" else style.PALETTE[i % len(style.PALETTE)]
        ax.errorbar(x, centre, yerr=errors, fmt="o", ms=5, capsize=3, color=colour,
                    label=names.get(group, group))
    ax.axhline(100, color="0.4", lw=1, ls="--")
    years = sorted(result["period"].astype(int).unique())
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.set_ylim(bottom=0)
    ylabel = ("Typical month, % of pre-invasion level\nrelative to Japan's world trade (95% CI)"
              if relative else "Typical month, % of pre-invasion level\n(95% confidence interval)")
    return _finish(ax, "Year", ylabel, title,
                   legend={"loc": "upper right"}, xgrid=False)


def plot_event_window(window: pd.DataFrame, ax=None, ylabel: str = "Billions of yen per month",
                      title: str = "Around Japan's sanctions packages"):
    """Values from :func:`analysis.impact.event_window` against months from the event, one line
    per event (unknown months break the line)."""
    ax = _axes(ax)
    colours = [style.OKABE_ITO[c] for c in ("blue", "vermillion", "bluish_green", "reddish_purple")]
    derived = _is_derived(window)
    for colour, (title_, rows) in zip(colours, window.groupby("title", sort=False), strict=False):
        ax.plot(rows["offset"], rows["value"], "o-", ms=4, color=colour, label=title_)
        hollow = rows[derived.loc[rows.index]]
        if len(hollow):
            _hollow(ax, hollow["offset"], hollow["value"], colour)
    if derived.any():
        _hollow(ax, [], [], "0.3", DERIVED_LABEL)
    ax.axvline(0, color="0.4", lw=1, ls="--")
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    return _finish(ax, "Months from the package (0 = month it was announced)", ylabel, title,
                   legend={"loc": "upper right", "fontsize": 8})


def _rows_with_gaps(dates: pd.Series) -> tuple[list[int], dict[int, str]]:
    """Row numbers for dates in order, leaving an empty row where whole years pass between two
    dates; the empty rows' captions ('2015–2021: none') by row."""
    rows, gaps, row, previous = [], {}, 0, None
    for when in dates:
        if previous is not None and when.year - previous.year > 1:
            gaps[row] = f"{previous.year + 1}–{when.year - 1}: none"
            row += 1
        rows.append(row)
        row += 1
        previous = when
    return rows, gaps


def plot_packages_and_decisions(packages: pd.DataFrame, decisions: pd.DataFrame, ax=None,
                                title: str = "Days from each G7 decision to Japan's next package"):
    """One bar per G7 decision (``date, title``): the days until Japan announced its next package
    (``announced``; see :func:`analysis.transform.days_to_next_package`). Years without a
    decision take one empty row, not half the width; a decision not yet followed says so."""
    own_figure = ax is None
    ax = _axes(ax)
    lags = days_to_next_package(decisions, packages)
    rows, gaps = _rows_with_gaps(lags["date"])
    ax.barh(rows, lags["days"].fillna(0), height=0.7, color=style.SIDE_COLORS["JP"])
    for row, days in zip(rows, lags["days"], strict=True):
        label = ("no package yet" if pd.isna(days) else "same day" if days == 0
                 else f"{days:.0f} day{'s' * (days != 1)}")
        ax.text(0 if pd.isna(days) else days, row, f" {label}", va="center", fontsize=8,
                color=style.TEXT_GREY)
    for row, caption in gaps.items():
        ax.text(0, row, f" {caption}", va="center", fontsize=8, style="italic", color=style.TEXT_GREY)
    ax.set_yticks(rows, [f"{when:%-d %b %Y}  {text}" for when, text in
                         zip(lags["date"], lags["title"], strict=True)], fontsize=8)
    ax.set_ylim(max(rows) + 0.7, -0.7)  # first decision on top
    ax.set_xlim(0, lags["days"].max() * 1.15)
    ax.grid(axis="y", visible=False)
    _finish(ax, "Days until Japan's next sanctions package", "G7 decision", title)
    if own_figure:  # the long decision labels leave the axes narrow: title the whole figure
        ax.set_title("")
        style.figure_title(ax.figure, title)
    return ax


# --- The long-run trade series (1992 to the latest year) ---------------------------------------

#: Whose figures: Japan's solid with dots, Russia's dashed with squares (mirror statistics of the
#: same flow; where they agree, as in 1995-2001, the dashed line runs along the solid one).
REPORTER_LINES = {"JP": ("-", "o", "Japan's figures"), "RU": ("--", "s", "Russia's figures")}
CONVERTED_LABEL = "hollow: Japan's yen values converted at the year's average rate"


def _finish_years(ax, ylabel: str, title: str):
    """The long-run figures' common end: zero visible, whole years, the legend below the axes in
    two columns (their labels are long), never over a line."""
    _from_zero(ax)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    return _finish(ax, "Year", ylabel, title, legend={**LEGEND_BELOW, "ncols": 2})


def _line(ax, table: pd.DataFrame, value: str, time: str, colour: str, style_: str, label: str,
          marker: str = "o"):
    """One line through the known values of ``table``; unknown years between them stay gaps."""
    full = complete_years(table.assign(_g=0), ["_g"], value, time=time)
    ax.plot(full[time], full[value], ls=style_, marker=marker, ms=4, color=colour, label=label)


def plot_usd_long(usd: pd.DataFrame, ax=None,
                  title: str = "Japan's trade with Russia, 1992–latest (US dollars)"):
    """Exports and imports (billions of dollars) from ``trade_annual_usd``'s primary rows: one line
    per flow and reporting side, Japan's figures solid, Russia's dashed, converted yen values
    hollow; years without a value break the line. Turnover rows are left out (they add one side's
    exports to its imports and would double the lines)."""
    ax = _axes(ax)
    chosen = primary_usd(usd).assign(year=lambda t: t["year"].astype(int))
    credit.record(ax, chosen[chosen["flow"].isin(["export", "import"])])
    for flow in ("export", "import"):
        for reporter, (line_style, marker, whose) in REPORTER_LINES.items():
            part = chosen[(chosen["flow"] == flow) & (chosen["reporter"] == reporter)]
            if part.empty:
                continue
            _line(ax, part, "value_usd_bn", "year", FLOW_COLOURS[flow], line_style,
                  f"{FLOW_NAMES[flow]} ({whose})", marker)
            converted = part[part["basis"] == "converted"]
            if len(converted):
                _hollow(ax, converted["year"], converted["value_usd_bn"], FLOW_COLOURS[flow])
    if (chosen["basis"] == "converted").any():
        _hollow(ax, [], [], "0.3", CONVERTED_LABEL)
    return _finish_years(ax, "Billions of US dollars", title)


SHARE_NAMES = {"export": "Exports to Russia", "import": "Imports from Russia",
               "total": "Exports and imports together"}
SHARE_COLOURS = {"export": FLOW_COLOURS["export"], "import": FLOW_COLOURS["import"],
                 "total": style.OKABE_ITO["black"]}
USD_LABEL = "hollow: computed in dollars (world total converted)"


def plot_share_by_year(shares: pd.DataFrame, ax=None,
                       title: str = "Russia's share of Japan's trade with the world"):
    """Lines of ``year, flow, currency, share_pct`` (see
    :func:`analysis.transform.russia_share_by_year`); shares computed in dollars hollow."""
    ax = _axes(ax)
    table = shares.assign(year=shares["year"].astype(int), flow=shares["flow"].astype(str))
    for flow, name in SHARE_NAMES.items():
        part = table[table["flow"] == flow]
        if part.empty:
            continue
        _line(ax, part, "share_pct", "year", SHARE_COLOURS[flow], "-", name)
        in_usd = part[part["currency"] == "USD"]
        if len(in_usd):
            _hollow(ax, in_usd["year"], in_usd["share_pct"], SHARE_COLOURS[flow])
    if (table["currency"] == "USD").any():
        _hollow(ax, [], [], "0.3", USD_LABEL)
    return _finish_years(ax, "Percent of Japan's trade with the world", title)
