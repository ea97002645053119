"""The LNG series from e-Stat and the energy shares: complete, consistent, one value used per year."""
from __future__ import annotations

import pandas as pd

from analysis import load

ESTAT_MONTHS = pd.date_range("2025-01-01", "2026-03-01", freq="MS")


def estat_lng():
    goods = load.load_trade_commodity_monthly()
    lng = goods[(goods["commodity"] == "lng") & (goods["month"] >= ESTAT_MONTHS[0])]
    return lng.assign(partner=lng["partner"].astype(str))


def test_every_month_has_russia_and_world_in_tonnes_and_yen():
    lng = estat_lng()
    for partner in ("RU", "WORLD"):
        rows = lng[lng["partner"] == partner].set_index("month")
        assert list(rows.index) == list(ESTAT_MONTHS), partner
        assert rows["quantity"].notna().all() and rows["value_jpy_bn"].notna().all()
        assert (rows["quantity_unit"] == "tonnes").all()
    wide = lng.pivot(index="month", columns="partner", values="quantity")
    share = 100 * wide["RU"] / wide["WORLD"]
    assert share.between(3, 20).all(), share  # Russia a minor supplier, never absent, every month


def test_2025_share_is_derived_from_the_monthly_volumes():
    lng = estat_lng()
    year = lng[lng["month"].dt.year == 2025].groupby("partner")["quantity"].sum()
    energy = load.load_energy()
    row = energy[(energy["year"] == 2025) & (energy["fuel"] == "lng") & (energy["primary"] == "yes")]
    assert len(row) == 1
    assert row["basis"].iloc[0] == "derived"
    assert row["russia_share_pct"].iloc[0] == round(100 * year["RU"] / year["WORLD"], 1)
    assert row["volume"].iloc[0] == round(year["RU"] / 1e6, 3)


def test_at_most_one_primary_share_per_year_and_fuel():
    energy = load.load_energy()
    shares = energy[energy["russia_share_pct"].notna() & (energy["primary"] == "yes")]
    assert not shares.duplicated(["year", "fuel"]).any()
    # where two sources give a share for a year and fuel, both are kept, one used
    counts = energy.dropna(subset=["russia_share_pct"]).groupby(["year", "fuel"], observed=True).size()
    assert (counts > 1).sum() >= 2
