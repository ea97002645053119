"""Plotting functions return an Axes with title and labelled axes, and draw on a given Axes."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.axes import Axes

from analysis import load, plots, transform


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
    top = max(ax.get_yticklabels(), key=lambda t: t.get_position()[1])
    assert top.get_text() == "treaty"  # schema order, top down
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
