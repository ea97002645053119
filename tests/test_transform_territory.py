"""The dispute's positions side by side and the former residents over time."""
from __future__ import annotations

import pandas as pd

from analysis.transform.territory import positions_side_by_side, residents_over_time


def test_residents_over_time():
    residents = pd.DataFrame({
        "as_of": pd.to_datetime(["1945-01-01", "2023-03-31", "2023-03-31"]),
        "measure": ["japanese_residents", "surviving_former_residents", "average_age"],
        "value": [17291.0, 5296.0, 87.5]})
    table = residents_over_time(residents)
    assert table.columns.tolist() == ["surviving_former_residents", "average_age"]
    assert table.iloc[0].tolist() == [5296.0, 87.5]


def test_positions_side_by_side_in_topic_order():
    positions = pd.DataFrame({"topic": ["peace_treaty_now", "peace_treaty_now", "treaty_1855", "treaty_1855"],
                              "side": ["RU", "JP", "JP", "RU"],
                              "position": ["ru now", "jp now", "jp 1855", "ru 1855"]})
    table = positions_side_by_side(positions)
    assert table.to_dict("records") == [
        {"topic": "The 1855 Treaty of Shimoda", "Japan's position": "jp 1855", "Russia's position": "ru 1855"},
        {"topic": "The peace-treaty talks today", "Japan's position": "jp now", "Russia's position": "ru now"}]
    only = positions_side_by_side(positions, topics=["peace_treaty_now"])
    assert only["topic"].tolist() == ["The peace-treaty talks today"]
