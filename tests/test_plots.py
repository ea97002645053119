"""Plotting functions return an Axes with title and labelled axes, and draw on a given Axes."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes

from analysis import load, plots, transform

pytestmark = pytest.mark.usefixtures("house_style")


@pytest.fixture
def events(data_dir):
    return load.load_events(data_dir)


def assert_labelled(ax):
    assert isinstance(ax, Axes)
    assert ax.get_title(loc="left") or ax.get_title()
    assert ax.get_xlabel() and ax.get_ylabel()


def test_timeline(events, data_dir):
    ax = plots.plot_timeline(events, eras=load.load_eras(data_dir))
    assert_labelled(ax)
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    assert dots == len(events)
    ax.figure.canvas.draw()
    labels = sorted(ax.get_yticklabels(), key=lambda t: -t.get_window_extent().y0)
    assert [t.get_text() for t in labels] == list(events["category"].cat.categories)  # schema order, top down
    texts = [t.get_text() for t in ax.texts]
    assert {"1", "2", "3"} <= set(texts)  # eras numbered on their bands
    assert "3  Late (1956–)" in texts[-1]  # ... and named in the key
    plt.close(ax.figure)


def test_timeline_uses_given_axes(events):
    fig, (left, right) = plt.subplots(1, 2)
    assert plots.plot_timeline(events, ax=right) is right
    assert not left.collections
    plt.close(fig)


def test_events_per_decade_bars_add_up(events):
    ax = plots.plot_events_per_decade(transform.events_per_decade(events))
    assert_labelled(ax)
    heights = sum(p.get_height() for p in ax.patches)
    assert heights == len(events)
    assert ax.get_xticklabels()[0].get_text() == "1850s"
    plt.close(ax.figure)


# --- The plots of notebooks 03–06, on the shipped data ------------------------------------

def test_meetings_per_year_highlights_a_pair():
    counts = transform.meetings_per_year(load.load_meetings())
    ax = plots.plot_meetings_per_year(counts)
    assert_labelled(ax)
    abe = [c for c in ax.containers if c.get_label() == "Abe–Putin"][0]
    assert sum(p.get_height() for p in abe.patches) == 27
    plt.close(ax.figure)


def test_cumulative_sanctions_one_line_per_series():
    cumulative = transform.cumulative_measures(load.load_sanctions())
    ax = plots.plot_cumulative_sanctions(cumulative)
    assert_labelled(ax)
    assert len(ax.get_lines()) == cumulative["series"].nunique()
    plt.close(ax.figure)


def test_annual_trade_breaks_at_unknown_years():
    ax = plots.plot_annual_trade(load.load_trade_annual())
    assert_labelled(ax)
    exports = [line for line in ax.get_lines() if "exports" in line.get_label()][0]
    years, values = exports.get_data()
    assert list(years) == list(range(int(min(years)), int(max(years)) + 1))
    assert any(v != v for v in values)  # a NaN: the gap is shown, not bridged
    plt.close(ax.figure)


def test_monthly_energy_opinion_plots_are_labelled():
    axes = [
        plots.plot_monthly_trade(load.load_trade_monthly(), marks={"Invasion": "2022-02-24"}),
        plots.plot_energy_shares(load.load_energy()),
        plots.plot_opinion(transform.opinion_long(load.load_opinion()), breaks={2020: "mail"}),
    ]
    for ax in axes:
        assert_labelled(ax)
        plt.close(ax.figure)


# --- Figures a projector can carry (#13): properties checked on the drawn figures ----------

def assert_16_9(fig):
    width, height = fig.get_size_inches()
    assert width / height == pytest.approx(16 / 9)


def data_points(ax):
    """Display coordinates of every plotted point (lines' vertices and scatter offsets)."""
    import numpy as np
    points = [line.get_transform().transform(np.column_stack(line.get_data()).astype(float))
              for line in ax.get_lines() if len(line.get_xdata())]
    points += [c.get_offset_transform().transform(c.get_offsets()) for c in ax.collections
               if len(c.get_offsets())]
    return np.vstack(points)


def assert_legend_clear_of_data(ax):
    import numpy as np
    ax.figure.canvas.draw()
    box = ax.get_legend().get_window_extent()
    points = data_points(ax)
    points = points[~np.isnan(points).any(axis=1)]
    inside = ((points[:, 0] >= box.x0) & (points[:, 0] <= box.x1)
              & (points[:, 1] >= box.y0) & (points[:, 1] <= box.y1))
    assert not inside.any(), f"{inside.sum()} data points under the legend"


def assert_zero_visible(ax):
    bottom, top = ax.get_ylim()
    assert bottom < 0 < top  # zero on the axis, with room for a zero value above the spine


def test_goods_panels_share_the_years_and_mark_missing_values():
    commodity = load.load_trade_commodity()
    axes = plots.plot_commodity_values(commodity, flow="import")
    assert_16_9(axes[0].figure)
    imports = commodity[(commodity["flow"] == "import") & commodity["value_jpy_bn"].notna()]
    years = range(int(imports["year"].min()), int(imports["year"].max()) + 1)
    shown = [ax for ax in axes if ax.get_visible()]
    assert len(shown) == imports["commodity"].nunique()
    titles = {ax.get_title(loc="left") or ax.get_title() for ax in shown}
    assert {"LNG", "Fish and seafood"} <= titles and not any("_" in t for t in titles)
    for ax in shown:
        assert list(ax.get_xticks()) == list(range(len(years)))  # the same years in every panel
        heights = [p.get_height() for p in ax.patches if p.get_height() == p.get_height()]
        missing = [t for t in ax.texts if t.get_text() == plots.MISSING_LABEL]
        assert 0 not in heights  # a missing year is not a zero bar
        assert len(heights) + len(missing) == len(years)
    assert sum(len([p for p in ax.patches if p.get_height() > 0]) for ax in shown) == len(imports)
    plt.close(axes[0].figure)


def test_goods_names_are_readable():
    assert plots.good_name("lng") == "LNG" and plots.good_name("fish_seafood") == "Fish and seafood"
    assert plots.good_name("used_cars") == "Used cars"


@pytest.mark.parametrize("draw", [
    lambda: plots.plot_annual_trade(transform.with_implied_values(load.load_trade_annual())),
    lambda: plots.plot_energy_shares(load.load_energy()),
], ids=["trade_annual_russia", "energy_russia_share"])
def test_line_figures_keep_the_legend_off_the_data_and_show_zero(draw):
    ax = draw()
    assert_16_9(ax.figure)
    assert_legend_clear_of_data(ax)
    assert_zero_visible(ax)
    years = [x for line in ax.get_lines() for x in line.get_xdata()]
    left, right = ax.get_xlim()
    assert left <= min(years) and right >= max(years)  # the axis covers every year drawn
    plt.close(ax.figure)


def test_every_committed_figure_is_16_9():
    from PIL import Image

    from analysis.paths import DEFAULT_FIGURES_DIR
    sizes = {path.name: Image.open(path).size for path in sorted(DEFAULT_FIGURES_DIR.glob("*.png"))}
    assert len(sizes) >= 18
    assert {name: size for name, size in sizes.items() if size[0] / size[1] != pytest.approx(16 / 9)} == {}


def test_a_single_value_is_a_point_not_a_trend():
    energy = load.load_energy()
    ax = plots.plot_energy_shares(energy)
    coal = next(line for line in ax.get_lines() if line.get_label() == "Coal")
    assert energy[energy["fuel"] == "coal"]["russia_share_pct"].notna().sum() == 1
    assert coal.get_linestyle() == "None"
    lng = next(line for line in ax.get_lines() if line.get_label() == "LNG")
    assert lng.get_linestyle() == "-"
    plt.close(ax.figure)


def test_energy_zero_share_is_drawn_above_the_axis():
    energy = load.load_energy()
    ax = plots.plot_energy_shares(energy)
    crude = next(line for line in ax.get_lines() if line.get_label() == "Crude oil")
    years, values = crude.get_data()
    zero_years = [y for y, v in zip(years, values, strict=True) if v == 0]
    assert zero_years == list(energy.query("fuel == 'crude_oil' and russia_share_pct == 0")["year"])
    assert ax.get_ylim()[0] < 0
    plt.close(ax.figure)


def test_meetings_run_to_the_latest_year_with_zero_bars():
    meetings = load.load_meetings()
    counts = transform.meetings_per_year(meetings)
    latest = int(load.load_events()["date"].dt.year.max())
    ax = plots.plot_meetings_per_year(counts, until=latest)
    assert_16_9(ax.figure)
    left, right = ax.get_xlim()
    assert left < counts["year"].min() and right > latest
    quiet = [p for c in ax.containers for p in c.patches if p.get_x() + p.get_width() / 2 > counts["year"].max()]
    assert len(quiet) and all(p.get_height() == 0 for p in quiet)
    plt.close(ax.figure)


def test_cumulative_sanctions_say_the_counts_are_lower_bounds():
    sanctions = load.load_sanctions()
    japan = sanctions[sanctions["imposer"] == "JP"]
    ax = plots.plot_cumulative_sanctions(transform.cumulative_measures(japan), sanctions=japan)
    assert_16_9(ax.figure)
    assert any("lower bounds" in t.get_text() for t in ax.texts)
    unreported = sum(((japan["measure_type"] == kind) & japan[column].isna()).sum()
                     for kind, column in transform.DESIGNATION_SERIES.values())
    hollow = [line for line in ax.get_lines() if line.get_markerfacecolor() == "white"]
    assert unreported > 0 and sum(len(line.get_xdata()) for line in hollow) == unreported
    plt.close(ax.figure)


def test_counterfactual_plot_draws_band_line_and_points():
    import numpy as np
    import pandas as pd

    from analysis import impact
    months = pd.date_range("2016-01-01", periods=84, freq="MS")
    data = pd.DataFrame({"month": months, "value_jpy_bn": 100 + np.arange(84) % 12})
    ax = plots.plot_counterfactual(impact.counterfactual_gap(data, pre_end="2022-02-01"))
    assert_labelled(ax)
    assert len(ax.collections) == 1 and len(ax.get_lines()) == 2
    plt.close(ax.figure)


def test_counterfactual_plot_scales_and_marks_derived_actuals():
    import numpy as np
    import pandas as pd

    from analysis import impact
    months = pd.date_range("2016-01-01", periods=84, freq="MS")
    data = pd.DataFrame({"month": months, "quantity": 1000.0 * (100 + np.arange(84) % 12),
                         "basis": "reported"})
    data.loc[data["month"] == "2022-05-01", "basis"] = "derived: next period's value and reported change"
    result = impact.counterfactual_gap(data, pre_end="2022-02-01", value="quantity")
    ax = plots.plot_counterfactual(result, ylabel="Thousand tonnes per month", scale=1000)
    assert_labelled(ax)
    filled, hollow = ax.get_lines()[1], ax.get_lines()[2]
    assert np.nanmax(filled.get_ydata()) <= 112  # scaled to thousands
    assert list(hollow.get_ydata()) == [result.loc[result["month"] == "2022-05-01", "actual"].iloc[0] / 1000]
    assert hollow.get_markerfacecolor() == "white"
    assert np.isnan(filled.get_ydata()[2])  # the derived month is not also drawn filled
    assert ax.get_ylim()[0] == 0  # volumes cannot be negative: the band is cut at zero
    plt.close(ax.figure)


def test_record_bounds_drawn_as_segments_with_labels():
    import pandas as pd
    bounds = pd.DataFrame({"measure": ["affinity_pct", "no_affinity_pct"], "first_year": [1978, 1978],
                           "last_year": [2021, 2021], "side": ["above", "below"],
                           "bound_pct": [5.0, 94.7], "record_year": [2022, 2022]})
    ax = plots.plot_record_bounds(bounds)
    assert_labelled(ax)
    segments = [c for c in ax.collections if len(c.get_segments())]
    assert [list(map(list, c.get_segments()[0])) for c in segments] == [
        [[1978, 5.0], [2021, 5.0]], [[1978, 94.7], [2021, 94.7]]]
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["1978–2021: all above 5.0% (record in 2022)",
                     "1978–2021: all below 94.7% (record in 2022)"]
    plt.close(ax.figure)


def test_opinion_lines_break_at_unsurveyed_years():
    import pandas as pd
    long = transform.opinion_long(pd.DataFrame({
        "survey_year": [2010, 2012], "affinity_pct": [14.0, 19.5], "no_affinity_pct": [None, None],
        "relations_good_pct": [None, None], "relations_not_good_pct": [None, None]}))
    ax = plots.plot_opinion(long)
    (line,) = ax.get_lines()
    years, values = line.get_data()
    assert list(years) == [2010, 2011, 2012]
    assert values[1] != values[1]  # NaN in 2011
    plt.close(ax.figure)


def test_opinion_lines_are_named_and_coloured_by_label():
    import pandas as pd
    long = transform.opinion_long(pd.DataFrame({
        "survey_year": [2010, 2011], "affinity_pct": [14.0, 15.0], "no_affinity_pct": [None, None],
        "relations_good_pct": [30.0, 31.0], "relations_not_good_pct": [None, None]}))
    ax = plots.plot_opinion(long[long["measure"] == "relations_good_pct"])  # filtered by key
    (line,) = ax.get_lines()
    assert line.get_label() == "Relations are good"
    assert line.get_color() == plots.OPINION_COLOURS["Relations are good"]
    ax_all = plots.plot_opinion(long)
    assert [ln.get_label() for ln in ax_all.get_lines()] == ["Feel affinity toward Russia",
                                                            "Relations are good"]
    plt.close(ax.figure)
    plt.close(ax_all.figure)


def test_date_marks_are_staggered():
    import pandas as pd
    monthly = pd.DataFrame({"month": pd.to_datetime(["2022-01-01", "2022-06-01"]), "partner": "RU",
                            "flow": "export", "value_jpy_bn": [1.0, 2.0]})
    ax = plots.plot_monthly_trade(monthly, marks={"b": "2022-03-21", "a": "2022-02-25"})
    labels = sorted((t for t in ax.texts), key=lambda t: t.get_position()[1], reverse=True)
    assert [t.get_text().strip() for t in labels] == ["a", "b"]  # earlier date higher
    assert labels[0].get_position()[1] > labels[1].get_position()[1]
    plt.close(ax.figure)


def test_g7_lags_one_bar_per_decision_without_the_empty_years():
    import pandas as pd
    packages = pd.DataFrame({"package_id": ["p1", "p2", "p3"],
                             "announced": pd.to_datetime(["2014-03-18", "2022-02-27", "2022-12-05"])})
    decisions = pd.DataFrame({"date": pd.to_datetime(["2014-03-02", "2022-02-26", "2022-12-05", "2023-01-01"]),
                              "title": ["a", "b", "c", "d"]})
    ax = plots.plot_packages_and_decisions(packages, decisions)
    assert ax.get_xlabel() and ax.get_ylabel()
    assert [p.get_width() for p in ax.patches] == [16, 1, 0, 0]
    rows = [p.get_y() + p.get_height() / 2 for p in ax.patches]
    assert rows == [0, 2, 3, 4]  # one empty row stands for 2015-2021
    texts = [t.get_text().strip() for t in ax.texts]
    assert texts == ["16 days", "1 day", "same day", "no package yet", "2015–2021: none"]
    plt.close(ax.figure)


def test_g7_figure_labels_do_not_overlap():
    from matplotlib.text import Text
    sanctions = load.load_sanctions()
    ax = plots.plot_packages_and_decisions(transform.package_totals(sanctions), load.load_g7())
    fig = ax.figure
    assert_16_9(fig)
    fig.canvas.draw()
    import itertools
    boxes = [Text.get_window_extent(t) for t in ax.texts]
    assert all(not a.overlaps(b) for a, b in itertools.combinations(boxes, 2))
    assert fig.get_suptitle()  # the long labels leave the axes narrow: the title spans the figure
    plt.close(fig)


def test_derived_trade_values_are_hollow_and_explained():
    filled = transform.with_implied_values(load.load_trade_annual())
    ax = plots.plot_annual_trade(filled)
    assert_labelled(ax)
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert plots.DERIVED_LABEL in labels
    hollow = [line for line in ax.get_lines() if line.get_markerfacecolor() == "white"]
    derived_ru = filled[(filled["partner"] == "RU") & filled["basis"].str.startswith("derived")]
    assert sum(len(line.get_xdata()) for line in hollow) == len(derived_ru)
    plt.close(ax.figure)
    ax = plots.plot_annual_trade(load.load_trade_annual())  # reported only: no key entry
    assert plots.DERIVED_LABEL not in [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close(ax.figure)


def test_level_change_plot_has_bars_per_flow_and_reference_line():
    import pandas as pd
    result = pd.DataFrame({"flow": ["export", "export", "import"], "period": ["2023", "2024", "2023"],
                           "pct": [50.0, 40.0, 80.0], "lower": [30.0, 30.0, 60.0],
                           "upper": [70.0, 55.0, 110.0]})
    ax = plots.plot_level_change(result)
    assert_labelled(ax)
    assert len(ax.containers) == 2  # one error-bar series per flow
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [plots.FLOW_NAMES["export"],
                                                                    plots.FLOW_NAMES["import"]]
    plt.close(ax.figure)


def test_event_window_plot_one_line_per_event_with_gaps():
    import pandas as pd

    from analysis import impact
    months = pd.date_range("2021-01-01", "2023-12-01", freq="MS")
    monthly = pd.DataFrame({"month": months, "value_jpy_bn": range(len(months))})
    monthly = monthly[monthly["month"] != "2022-03-01"]
    events = pd.DataFrame({"date": pd.to_datetime(["2022-02-26", "2023-01-27"]),
                           "title": ["first", "second"]})
    ax = plots.plot_event_window(impact.event_window(monthly, events, months=3))
    assert_labelled(ax)
    lines = [line for line in ax.get_lines() if line.get_label() in ("first", "second")]
    assert len(lines) == 2
    first = lines[0].get_ydata()
    assert sum(v != v for v in first) == 1  # March 2022 is a gap, not bridged
    assert plots.DERIVED_LABEL not in [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close(ax.figure)
    monthly["basis"] = (monthly["month"] == "2022-01-01").map({True: "derived: x", False: "reported"})
    ax = plots.plot_event_window(impact.event_window(monthly, events, months=3))
    assert plots.DERIVED_LABEL in [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close(ax.figure)


def test_level_change_plot_by_another_column_with_names():
    import pandas as pd
    result = pd.DataFrame({"commodity": ["lng", "lng"], "period": ["2022", "2023"],
                           "pct": [103.0, 92.0], "lower": [82.0, 52.0], "upper": [131.0, 164.0]})
    ax = plots.plot_level_change(result, hue="commodity", names={"lng": "LNG (tonnes)"})
    assert_labelled(ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["LNG (tonnes)"]
    plt.close(ax.figure)


def test_plots_take_column_roles_for_another_table():
    import pandas as pd
    # A student's own table: other column names, other groups.
    shares = pd.DataFrame({"yr": [2020, 2021, 2022, 2020, 2022], "country": ["A", "A", "A", "B", "B"],
                           "pct": [1.0, 2.0, 3.0, 5.0, 4.0]})
    ax = plots.plot_energy_shares(shares, x="yr", y="pct", hue="country")
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) == {"A", "B"}
    assert list(lines["B"].get_xdata()) == [2020, 2021, 2022] and lines["B"].get_ydata()[1] != lines["B"].get_ydata()[1]
    assert lines["A"].get_color() != lines["B"].get_color()
    plt.close(ax.figure)
    totals = pd.DataFrame({"when": pd.to_datetime(["2022-01-01", "2022-06-01"]), "kind": ["x", "x"],
                           "running": [3, 7]})
    ax = plots.plot_cumulative_sanctions(totals, x="when", y="running", hue="kind")
    assert [line.get_label() for line in ax.get_lines()] == ["x"]
    assert [t.get_text() for t in ax.texts] == ["7"]
    plt.close(ax.figure)


def test_usd_figure_lines_gaps_and_legend_outside():
    table = load.load_trade_annual_usd()
    ax = plots.plot_usd_long(table)
    assert ax.get_title(loc="left") == "Japan's trade with Russia, 1992–latest (US dollars)"
    lines = {line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")}
    japan = lines["Japan's imports from Russia (Japan's figures)"]
    russia = lines["Japan's imports from Russia (Russia's figures)"]
    assert japan.get_linestyle() == "-" and russia.get_linestyle() == "--"
    years, values = (np.asarray(a, dtype=float) for a in japan.get_data())
    assert np.isnan(values[years == 2015]).all()  # a gap stays a gap
    assert any("converted" in label for label in lines)
    anchor = ax.get_legend().get_bbox_to_anchor().transformed(ax.transAxes.inverted())
    assert anchor.y1 <= 0  # the legend sits below the axes, never over the data
    plt.close(ax.figure)


def test_share_figure_uses_given_axes():
    fig, (left, right) = plt.subplots(1, 2)
    shares = transform.russia_share_by_year(load.load_trade_annual(), load.load_trade_annual_usd(),
                                            load.load_fx())
    assert plots.plot_share_by_year(shares, ax=right) is right
    assert not left.get_lines()
    assert right.get_xlabel() and right.get_ylabel()
    plt.close(fig)
