"""The long-run trade series: the dollar values the figures use, and Russia's share of Japan's trade.

Small pure functions from loaded tables (``trade_annual_usd``, ``trade_annual``, ``fx_annual``) to
what a figure or a sentence needs.
"""
from __future__ import annotations

import pandas as pd

from analysis.transform.trade import share_of_world, yen_to_usd


def primary_usd(usd: pd.DataFrame, flows=("export", "import")) -> pd.DataFrame:
    """The rows ``primary = yes`` for ``flows`` with plain string labels: one value per year,
    reporter and flow, as the README's precedence chose it."""
    chosen = usd[(usd["primary"] == "yes") & usd["flow"].isin(list(flows))]
    return chosen.assign(**{c: chosen[c].astype(str) for c in ("reporter", "flow", "series", "basis")})


def _japan_usd(usd: pd.DataFrame) -> pd.DataFrame:
    """Japan-reported dollar values the figures use, in the yen table's shape
    (``year, partner = RU, flow, value``) so :func:`share_of_world` can divide by world totals."""
    jp = primary_usd(usd)
    jp = jp[jp["reporter"] == "JP"]
    return pd.DataFrame({"year": jp["year"].astype(int), "partner": "RU", "flow": jp["flow"],
                         "value": jp["value_usd_bn"]})


def _world_usd(annual: pd.DataFrame, fx: pd.DataFrame) -> pd.DataFrame:
    """Japan's trade with the world in dollars, for the years with a rate."""
    world = annual[(annual["partner"] == "WORLD") & annual["value_jpy_bn"].notna()]
    world = world[world["year"].isin(fx["year"])]
    converted = yen_to_usd(world, fx)
    return pd.DataFrame({"year": converted["year"].astype(int), "partner": "WORLD",
                         "flow": converted["flow"].astype(str), "value": converted["value_usd_bn"]})


def _with_total(shares: pd.DataFrame) -> pd.DataFrame:
    """Add ``flow = total`` (exports + imports, both Japan-reported) where both flows are known."""
    wide = shares.pivot_table(index="year", columns="flow", values=["partner_value", "world_value"])
    wide = wide.reindex(columns=pd.MultiIndex.from_product([["partner_value", "world_value"],
                                                            ["export", "import"]]))
    both = wide.dropna()
    total = pd.DataFrame({"year": both.index, "flow": "total",
                          "partner_value": both["partner_value"].sum(axis=1).to_numpy(),
                          "world_value": both["world_value"].sum(axis=1).to_numpy()})
    total["share_pct"] = 100 * total["partner_value"] / total["world_value"]
    return pd.concat([shares, total], ignore_index=True)


def russia_share_by_year(annual: pd.DataFrame, usd: pd.DataFrame, fx: pd.DataFrame) -> pd.DataFrame:
    """``year, flow (export|import|total), currency, share_pct`` for every year where Japan's trade
    with Russia and with the world are both known in one currency, Japan-reported only.

    Yen where ``annual`` has both (the Customs basis; values derived from reported changes are
    used, as in the yen figure); otherwise dollars: the dollar value the figures use divided by the
    world total converted at the year's average rate. A share does not depend on the currency when
    both values are in the same one, so the two kinds can sit in one series.
    """
    yen = annual.assign(year=annual["year"].astype(int), partner=annual["partner"].astype(str),
                        flow=annual["flow"].astype(str))
    yen_shares = share_of_world(yen).assign(currency="JPY")
    both = pd.concat([_japan_usd(usd), _world_usd(annual, fx)], ignore_index=True)
    usd_shares = share_of_world(both, value="value").assign(currency="USD")
    usd_shares = usd_shares.merge(yen_shares[["year", "flow"]], on=["year", "flow"], how="left",
                                  indicator=True)
    usd_shares = usd_shares[usd_shares["_merge"] == "left_only"].drop(columns="_merge")
    shares = pd.concat([yen_shares, usd_shares], ignore_index=True)
    out = pd.concat([_with_total(part).assign(currency=currency)
                     for currency, part in shares.groupby("currency")], ignore_index=True)
    out = out.sort_values(["flow", "year"], kind="stable").reset_index(drop=True)
    return out[["year", "flow", "currency", "share_pct"]]


def share_summary(shares: pd.DataFrame, flow: str = "import") -> dict:
    """The numbers the notebook's sentence quotes: peak year and share, 2021, the latest year."""
    line = shares[shares["flow"] == flow].set_index("year")["share_pct"]
    if line.empty:
        raise ValueError(f"no shares for flow '{flow}'")
    peak = int(line.idxmax())
    latest = int(line.index.max())
    return {"flow": flow, "first_year": int(line.index.min()), "peak_year": peak,
            "peak_pct": round(float(line[peak]), 2),
            "pct_2021": round(float(line[2021]), 2) if 2021 in line.index else None,
            "latest_year": latest, "latest_pct": round(float(line[latest]), 2)}


def share_in_words(summary: dict, what: str = "Japan's imports") -> str:
    """The sentence the notebook prints from :func:`share_summary` (numbers computed, not typed)."""
    text = (f"Of the years known ({summary['first_year']}–{summary['latest_year']}, with gaps), Russia's "
            f"share of {what} peaked in {summary['peak_year']} at {summary['peak_pct']:.1f}%")
    if summary["pct_2021"] is not None:
        text += f"; in 2021 it stood at {summary['pct_2021']:.1f}%"
    return text + f", and in {summary['latest_year']} at {summary['latest_pct']:.1f}%."
