"""The long-run series: primary dollar values, Russia's share by year, its summary, and the figures."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import load, transform


def yen(rows):
    return pd.DataFrame(rows, columns=["year", "partner", "flow", "value_jpy_bn"])


def usd(rows):
    return pd.DataFrame(rows, columns=["year", "reporter", "flow", "series", "value_usd_bn", "basis", "primary"])


FX = pd.DataFrame({"year": [2010, 2021], "jpy_per_usd": [100.0, 110.0]})
ANNUAL = yen([[2021, "RU", "export", 10.0], [2021, "RU", "import", 30.0],
              [2021, "WORLD", "export", 1000.0], [2021, "WORLD", "import", 1000.0],
              [2010, "WORLD", "export", 5000.0], [2010, "WORLD", "import", 4000.0]])
USD = usd([[2010, "JP", "import", "cow_v4", 2.0, "published", "yes"],
           [2010, "JP", "import", "press", 9.0, "published", "no"],     # not used: not primary
           [2010, "RU", "export", "cow_v4", 1.0, "published", "yes"],   # Russia's figure: never in a share
           [2021, "JP", "import", "mof_converted", 0.27, "converted", "yes"]])


def test_share_uses_yen_where_known_and_dollars_otherwise():
    shares = transform.russia_share_by_year(ANNUAL, USD, FX).set_index(["year", "flow"])
    assert shares.loc[(2021, "import"), "share_pct"] == pytest.approx(3.0)  # 30 / 1000, in yen
    assert shares.loc[(2021, "import"), "currency"] == "JPY"
    # 2010: $2.0 bn of imports against ¥4,000 bn / 100 = $40 bn from the world
    assert shares.loc[(2010, "import"), "share_pct"] == pytest.approx(5.0)
    assert shares.loc[(2010, "import"), "currency"] == "USD"
    assert (2010, "export") not in shares.index  # no Japan-reported export value that year
    assert shares.loc[(2021, "total"), "share_pct"] == pytest.approx(2.0)  # (10 + 30) / 2000
    assert (2010, "total") not in shares.index  # total needs both flows


def test_share_summary_quotes_peak_2021_and_latest():
    shares = pd.DataFrame({"year": [2019, 2021, 2024], "flow": "import", "currency": "JPY",
                           "share_pct": [2.5, 1.8, 0.7]})
    assert transform.share_summary(shares) == {
        "flow": "import", "first_year": 2019, "peak_year": 2019, "peak_pct": 2.5, "pct_2021": 1.8,
        "latest_year": 2024, "latest_pct": 0.7}
    with pytest.raises(ValueError, match="no shares for flow 'export'"):
        transform.share_summary(shares, "export")


def test_shipped_shares_peak_before_2022_and_fall_after():
    annual = transform.with_implied_values(load.load_trade_annual())
    shares = transform.russia_share_by_year(annual, load.load_trade_annual_usd(), load.load_fx())
    summary = transform.share_summary(shares)
    assert summary["peak_year"] < 2022
    assert summary["latest_pct"] < summary["pct_2021"] < summary["peak_pct"]
    assert shares["share_pct"].between(0, 10).all()


def test_share_in_words_says_the_computed_numbers():
    summary = {"flow": "import", "first_year": 2007, "peak_year": 2014, "peak_pct": 3.04,
               "pct_2021": 1.83, "latest_year": 2025, "latest_pct": 0.73}
    assert transform.share_in_words(summary) == (
        "Of the years known (2007–2025, with gaps), Russia's share of Japan's imports peaked in 2014 "
        "at 3.0%; in 2021 it stood at 1.8%, and in 2025 at 0.7%.")
    assert "2021" not in transform.share_in_words({**summary, "pct_2021": None})
