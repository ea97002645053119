"""The territorial dispute: the two sides' positions side by side, the former residents."""
from __future__ import annotations

import pandas as pd

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


def residents_over_time(residents: pd.DataFrame,
                        measures=("surviving_former_residents", "average_age")) -> pd.DataFrame:
    """Surviving former residents and their average age by reference date (after 1945)."""
    later = residents[(residents["as_of"].dt.year > 1945) & residents["measure"].isin(measures)]
    return later.pivot_table(index="as_of", columns="measure", values="value")[list(measures)]
