"""The sources ``python -m analysis refresh`` knows: which publisher files, into which tables.

Each :class:`Source` names its files (official URLs) and turns their parsed rows into
:class:`~analysis.refresh.plan.Update` s for the tables of ``data/``. Order matters only for the
terminal: sources run in the order of :data:`SOURCES`.

Settings a user may need to change live here, each overridable on the command line or by the
environment: :data:`OPINION_URL` (``--opinion-url``), ``ESTAT_APP_ID`` and ``ESTAT_STATS_DATA_ID``
(environment only; the key is never stored or printed).
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from analysis.refresh import customs, estat, goods, imf, opinion
from analysis.refresh.errors import FormatError
from analysis.refresh.fetch import Download, shown
from analysis.refresh.plan import Update

CUSTOMS_DATA = "https://www.customs.go.jp/toukei/suii/html/data/"
CUSTOMS_PUBLISHER = "Ministry of Finance Japan (Japan Customs)"  # as the other Customs rows name it
IMF_IMTS_URL = ("https://api.imf.org/external/sdmx/2.1/data/IMF.STA,IMTS/JPN.XG_FOB_USD+MG_CIF_USD.RUS.A"
                "?startPeriod=1992")
IMF_ACCEPT = {"Accept": "application/vnd.sdmx.data+csv;version=1.0.0"}
IMF_FLOWS = {"XG_FOB_USD": "export", "MG_CIF_USD": "import"}
#: Columns of trade_annual_usd that describe an IMF value, where the table has them: a cross-check
#: series beside the ones the notebooks plot (hence not primary).
IMF_EXTRAS = {flow: {"series": "imf_imts", "valuation": valuation, "basis": "published", "primary": "no"}
              for flow, valuation in (("export", "FOB"), ("import", "CIF"))}
#: The Cabinet Office's time-series CSV of the Russia affinity question. Its file name changes
#: with every year's survey, so it is not guessed: set the current table's URL here (from the
#: survey's page under https://survey.gov-online.go.jp/index-gai.html) or pass --opinion-url.
OPINION_URL: str | None = None
ESTAT_URL = "https://api.e-stat.go.jp/rest/3.0/app/json/getStatsData"
ESTAT_KEY_ENV, ESTAT_TABLE_ENV = "ESTAT_APP_ID", "ESTAT_STATS_DATA_ID"
#: HS headings of the e-Stat energy series (DATA_SOURCES: LNG 2711.11, crude 2709, coal 2701).
ESTAT_HS = {"271111": "lng", "2709": "crude_oil", "2701": "coal"}
RUSSIA_CODE = "224"  # Japan's statistical country code for Russia
THOUSAND_YEN_PER_BN = 1_000_000


@dataclass(frozen=True)
class Settings:
    opinion_url: str | None = None
    estat_app_id: str | None = None
    estat_table: str | None = None

    @classmethod
    def from_environment(cls, opinion_url: str | None = None) -> Settings:
        return cls(opinion_url or OPINION_URL, os.environ.get(ESTAT_KEY_ENV) or None,
                   os.environ.get(ESTAT_TABLE_ENV) or None)


@dataclass(frozen=True)
class PublisherFile:
    url: str                 # as fetched (may carry a query string)
    source_id: str           # preferred id in sources.csv
    title: str
    publisher: str
    note: str
    headers: tuple = ()      # extra HTTP headers, as (name, value) pairs

    @property
    def cited_url(self) -> str:
        """The URL written to sources.csv: never with an API key."""
        parts = urlsplit(self.url)
        query = "&".join(p for p in parts.query.split("&") if p and not p.lower().startswith("appid="))
        return shown(self.url) + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Source:
    name: str
    files: Callable[[Settings], list[PublisherFile]]
    build: Callable[[list[tuple[PublisherFile, Download]], dict[str, str]], list[Update]]
    skip: Callable[[Settings], str | None] = lambda settings: None


def number(value: float, decimals: int = 3) -> str:
    """A value as the tables write it: at most ``decimals`` decimals, no trailing zeros."""
    text = f"{value:.{decimals}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def bn_yen(thousand_yen: int | None) -> str | None:
    """Thousand yen as billion yen, exactly (six decimals at most, as the publisher's precision)."""
    return None if thousand_yen is None else number(thousand_yen / THOUSAND_YEN_PER_BN, 6)


def customs_status(period: str, last_year: int, kind: str) -> str:
    """Customs: values up to the year before last are confirmed (確定), later ones are not.

    In an annual file the last year is second-preliminary (確々報); a monthly file's last year is
    the current, partial one (preliminary), and its previous year is second-preliminary. Tables
    without ``second_preliminary`` among their statuses get ``preliminary`` (see plan.py).
    """
    year = int(period[:4])
    newest_confirmed = last_year - (1 if kind == "year" else 2)
    if year <= newest_confirmed:
        return "confirmed"
    return "second_preliminary" if year == newest_confirmed + 1 else "preliminary"


def _customs_file(stem: str, title: str, note: str) -> PublisherFile:
    return PublisherFile(f"{CUSTOMS_DATA}{stem}.csv", f"customs-{stem}", title, CUSTOMS_PUBLISHER, note)


COUNTRY_NOTE = ("Fetched by python -m analysis refresh. Thousand yen converted to billion yen (/10^6, exact); "
                "0 cells (months not yet published, a country that did not exist) left out as gaps.")
GOODS_NOTE = ("Fetched by python -m analysis refresh. Goods codes mapped to commodity names in "
              "analysis/refresh/goods.py; thousand yen to billion yen (/10^6, exact); '-' left empty.")


def country_source(name: str, stem: str, partner: str, columns: dict[str, str], kind: str, title: str) -> Source:
    table = "trade_annual" if kind == "year" else "trade_monthly"
    period_column = "year" if kind == "year" else "month"

    def build(downloads, ids):
        (file, download), = downloads
        records = customs.parse_country_series(download.body, shown(file.url), columns, kind)
        last_year = max(int(r["period"][:4]) for r in records)
        rows = tuple({period_column: r["period"], "partner": partner, "flow": r["flow"],
                      "value_jpy_bn": bn_yen(r["thousand_yen"]),
                      "status": customs_status(r["period"], last_year, kind)} for r in records)
        return [Update(table, name, ids[file.url], rows, values=("value_jpy_bn",), attributes=("status",))]

    return Source(name, lambda settings: [_customs_file(stem, title, COUNTRY_NOTE)], build)


def goods_rows(records: list[dict], flow: str, origin: str, kind: str) -> list[dict]:
    """Rows of the commodity tables from a goods file, through :data:`goods.GOODS_CODES`."""
    wanted = goods.goods_for(flow)
    named = {r["code"]: r["name"] for r in records}
    for code, item in wanted.items():
        if code in named and named[code] != item.name:
            raise FormatError(origin, f"goods code {code} is named '{named[code]}', the mapping expects "
                                      f"'{item.name}' (update analysis/refresh/goods.py after checking)")
    period_column = "year" if kind == "year" else "month"
    last_year = max((int(r["period"][:4]) for r in records), default=0)
    rows = []
    for r in records:
        if r["code"] not in wanted:
            continue
        unit = goods.UNITS.get(r["unit"]) if r["unit"] else None
        row = {period_column: r["period"], "partner": "RU", "flow": flow, "commodity": wanted[r["code"]].commodity,
               "value_jpy_bn": bn_yen(r["thousand_yen"]),
               "quantity": None if r["quantity"] is None or unit is None else str(r["quantity"]),
               "quantity_unit": unit if r["quantity"] is not None else None}
        if kind == "month":
            row["status"] = customs_status(r["period"], last_year, kind)
        rows.append(row)
    return rows


def goods_source(name: str) -> Source:
    stems = [("d52ca008", "export", "year"), ("d62ca008", "import", "year"),
             ("d52ma008", "export", "month"), ("d62ma008", "import", "month")]
    titles = {"d52": "Russia: exports by main commodity", "d62": "Russia: imports by main commodity"}

    def files(settings):
        return [_customs_file(stem, f"{titles[stem[:3]]}, {'by year' if kind == 'year' else 'by month'}",
                              GOODS_NOTE) for stem, _, kind in stems]

    def build(downloads, ids):
        updates = []
        for (file, download), (_, flow, kind) in zip(downloads, stems, strict=True):
            records = customs.parse_goods(download.body, shown(file.url), kind)
            rows = goods_rows(records, flow, shown(file.url), kind)
            table = "trade_commodity" if kind == "year" else "trade_commodity_monthly"
            updates.append(Update(table, name, ids[file.url], tuple(rows), values=("value_jpy_bn", "quantity"),
                                  attributes=("status",) if kind == "month" else (),
                                  units={"quantity": "quantity_unit"}))
        return updates

    return Source(name, files, build)


def imf_source(name: str) -> Source:
    file = PublisherFile(IMF_IMTS_URL, "imf-imts-jpn-rus-annual",
                         "International Merchandise Trade Statistics (IMTS): Japan with Russia, annual, US dollars",
                         "International Monetary Fund", "Fetched by python -m analysis refresh (SDMX-CSV). "
                         "Japan-reported exports FOB and imports CIF; US dollars converted to billions "
                         "(/10^9, 6 decimals).",
                         tuple(IMF_ACCEPT.items()))

    def build(downloads, ids):
        (file, download), = downloads
        records = imf.parse_imts_csv(download.body, shown(file.url))
        rows = tuple({"year": r["period"], "reporter": "JP", "flow": IMF_FLOWS[r["indicator"]],
                      "value_usd_bn": number(r["usd"] / 1e9, 6), **IMF_EXTRAS[IMF_FLOWS[r["indicator"]]]}
                     for r in records if r["frequency"] == "A" and r["indicator"] in IMF_FLOWS
                     and r["counterpart"] in ("RUS", "RU"))
        if not rows:
            raise FormatError(shown(file.url), "no annual Japan–Russia observations of XG_FOB_USD or MG_CIF_USD")
        return [Update("trade_annual_usd", name, ids[file.url], rows, values=("value_usd_bn",),
                       extras=tuple(IMF_EXTRAS["export"]))]

    return Source(name, lambda settings: [file], build)


def opinion_source(name: str) -> Source:
    def files(settings):
        stem = re.sub(r"[^a-z0-9]+", "-", PurePosixPath(urlsplit(settings.opinion_url).path).stem.lower())
        return [PublisherFile(settings.opinion_url, f"cabinet-office-opinion-{stem}",
                              "Public Opinion Survey on Diplomacy: affinity toward Russia (time series)",
                              "Cabinet Office of Japan",
                              "Fetched by python -m analysis refresh; percentages as published.")]

    def build(downloads, ids):
        (file, download), = downloads
        records = opinion.parse_opinion_csv(download.body, shown(file.url))
        rows = tuple({k: None if v is None else (number(v, 1) if k.endswith("_pct") else v) for k, v in r.items()}
                     for r in records)
        return [Update("opinion", name, ids[file.url], rows, values=("affinity_pct", "no_affinity_pct"),
                       extras=("fieldwork",))]

    def skip(settings):
        return None if settings.opinion_url else (
            "skipped: no URL for the current year's table; pass --opinion-url or set OPINION_URL in "
            "analysis/refresh/sources.py")

    return Source(name, files, build, skip)


def _estat_role(classes: dict[str, dict[str, str]], test: Callable[[str, str], bool]) -> str | None:
    return next((d for d, items in classes.items() if any(test(c, n) for c, n in items.items())), None)


def estat_rows(classes: dict, cells: list[dict], origin: str) -> list[dict]:
    """Monthly LNG, crude oil and coal imports from Russia, from a getStatsData table.

    Dimensions are recognised by their items: the commodity by HS codes (:data:`ESTAT_HS`), the
    country by code 224 or the name ロシア, the measure by names with 金額 (thousand yen) or 数量.
    """
    hs = _estat_role(classes, lambda code, _: any(code.startswith(h) for h in ESTAT_HS))
    area = _estat_role(classes, lambda code, name: code == RUSSIA_CODE or name == "ロシア")
    measure = _estat_role(classes, lambda _, name: "金額" in name)
    if not (hs and area and measure) or "time" not in classes:
        raise FormatError(origin, "the table has no HS-code, country, value and time dimensions")
    months = {code: _month_of_name(name) for code, name in classes["time"].items()}
    merged: dict[tuple, dict] = {}
    for cell in cells:
        if not all(d in cell for d in (hs, area, measure, "time")):
            continue  # a cell that does not lie on these dimensions
        commodity = next((c for h, c in ESTAT_HS.items() if cell[hs].startswith(h)), None)
        month = months.get(cell["time"])
        if commodity is None or month is None or not (cell[area] == RUSSIA_CODE or
                                                      classes[area][cell[area]] == "ロシア"):
            continue
        row = merged.setdefault((month, commodity), {"month": month, "partner": "RU", "flow": "import",
                                                     "commodity": commodity,
                                                     "value_jpy_bn": None, "quantity": None,
                                                     "quantity_unit": None, "status": "preliminary"})
        label = classes[measure][cell[measure]]
        if cell["value"] is None:
            continue
        if "金額" in label:
            row["value_jpy_bn"] = number(cell["value"] / THOUSAND_YEN_PER_BN, 6)
        elif "数量" in label:
            row["quantity"], row["quantity_unit"] = number(cell["value"]), goods.UNITS.get(cell["unit"] or "", None)
    return sorted(merged.values(), key=lambda r: (r["month"], r["commodity"]))


def _month_of_name(name: str) -> str | None:
    match = re.match(r"^(\d{4})年(\d{1,2})月$", name.strip())
    return f"{match.group(1)}-{int(match.group(2)):02d}" if match and 1 <= int(match.group(2)) <= 12 else None


def estat_source(name: str) -> Source:
    def files(settings):
        url = f"{ESTAT_URL}?statsDataId={settings.estat_table}&appId={settings.estat_app_id}"
        return [PublisherFile(url, f"estat-{settings.estat_table}",
                              f"e-Stat getStatsData {settings.estat_table}: trade by HS code and country",
                              "Ministry of Finance of Japan via e-Stat (Statistics Bureau)",
                              "Fetched by python -m analysis refresh through the e-Stat API; this service uses "
                              "the e-Stat API but its content is not guaranteed by the government.")]

    def build(downloads, ids):
        (file, download), = downloads
        classes, cells = estat.parse_stats_data(download.body, shown(file.url))
        rows = tuple(estat_rows(classes, cells, shown(file.url)))
        return [Update("trade_commodity_monthly", name, ids[file.url], rows, values=("value_jpy_bn", "quantity"),
                       attributes=("status",), units={"quantity": "quantity_unit"})]

    def skip(settings):
        if not settings.estat_app_id:
            return f"skipped: set {ESTAT_KEY_ENV} (a free e-Stat application id) in the environment to enable it"
        if not settings.estat_table:
            return f"skipped: set {ESTAT_TABLE_ENV} to the statsDataId of the table (find it with getStatsList)"
        return None

    return Source(name, files, build, skip)


WORLD = {"export": "Exp-Total", "import": "Imp-Total"}
RUSSIA = {"export": "Exp-224", "import": "Imp-224"}
SOURCES: tuple[Source, ...] = (
    country_source("customs-world-annual", "d41ca", "WORLD", WORLD, "year", "Japan's trade with the world, by year"),
    country_source("customs-world-monthly", "d41ma", "WORLD", WORLD, "month", "Japan's trade with the world, by month"),
    country_source("customs-russia-annual", "d42ca006", "RU", RUSSIA, "year",
                   "Central & Eastern Europe, Russia etc. (area 006), by country and year"),
    country_source("customs-russia-monthly", "d42ma006", "RU", RUSSIA, "month",
                   "Central & Eastern Europe, Russia etc. (area 006), by country and month"),
    goods_source("customs-russia-goods"),
    imf_source("imf-imts"),
    opinion_source("cabinet-office-opinion"),
    estat_source("estat"),
)


def source_names() -> list[str]:
    return [s.name for s in SOURCES]
