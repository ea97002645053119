"""The refresh parsers on the project's fixtures, which follow the publishers' real layouts
(tests/fixtures/publishers/make_fixtures.py), and on the quirks those layouts have."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.refresh import customs, estat, imf, opinion
from analysis.refresh.errors import FormatError
from analysis.refresh.sources import customs_status, estat_rows, goods_rows, number

PUBLISHERS = Path(__file__).parent / "fixtures" / "publishers"
CUSTOMS = PUBLISHERS / "www.customs.go.jp" / "toukei" / "suii" / "html" / "data"
WORLD = {"export": "Exp-Total", "import": "Imp-Total"}
RUSSIA = {"export": "Exp-224", "import": "Imp-224"}


def customs_file(name: str) -> bytes:
    return (CUSTOMS / name).read_bytes()


def rewrite(raw: bytes, old: str, new: str, count: int = 1) -> bytes:
    text = raw.decode("cp932")
    assert old in text
    return text.replace(old, new, count).encode("cp932")


def test_world_annual_reads_every_year_with_a_space_before_each_comma():
    records = customs.parse_country_series(customs_file("d41ca.csv"), "d41ca.csv", WORLD, "year")
    years = sorted({r["period"] for r in records})
    assert years[0] == "1979" and years[-1] == "2025" and len(years) == 47
    first = [r for r in records if r["period"] == "1979"]
    assert first == [{"period": "1979", "flow": "export", "thousand_yen": 20_000_123_457},
                     {"period": "1979", "flow": "import", "thousand_yen": 22_000_098_765}]


def test_area_file_skips_the_country_name_row_and_leaves_zeros_out():
    records = customs.parse_country_series(customs_file("d42ca006.csv"), "d42ca006.csv", RUSSIA, "year")
    assert min(r["period"] for r in records) == "1992"  # 0 before Russia existed: a gap, not a zero
    defunct = customs.parse_country_series(customs_file("d42ca006.csv"), "d42ca006.csv",
                                           {"export": "Exp-299"}, "year")
    assert max(r["period"] for r in defunct) == "1991"  # the country that no longer exists


def test_monthly_file_drops_unpublished_months_and_ignores_the_calendar_block():
    records = customs.parse_country_series(customs_file("d42ma006.csv"), "d42ma006.csv", RUSSIA, "month")
    months = sorted({r["period"] for r in records})
    assert months[0] == "2014-01" and months[-1] == "2026-07"  # 2026-08.. are '0 ,0 '
    assert all(len(m) == 7 for m in months)  # no calendar-year row slipped in


@pytest.mark.parametrize("change, problem", [
    (("Imp-Total", "Imp-Totl"), "unexpected header"),             # changed header
    (("Years,", "Year,"), "no header row"),                        # changed first header cell
    (("1990 ,", "1990 ,12x4 ,"), "cells, the header has"),         # an extra cell in a row
    (("1990 ,", "199O ,"), "'199O' is not a year"),
    (("【年別】", "【月別】"), "not a Customs title"),
])
def test_world_annual_refuses_a_changed_layout(change, problem):
    raw = rewrite(customs_file("d41ca.csv"), *change)
    with pytest.raises(FormatError, match=problem):
        customs.parse_country_series(raw, "d41ca.csv", WORLD, "year")


def test_a_bad_number_is_named_with_line_and_column():
    raw = rewrite(customs_file("d41ca.csv"), "1981 ,", "1981 ,-")
    with pytest.raises(FormatError) as error:
        customs.parse_country_series(raw, "d41ca.csv", WORLD, "year")
    assert "d41ca.csv, line 7, column 'Exp-Total'" in str(error.value)


def test_missing_and_extra_columns_are_refused():
    text = customs_file("d41ca.csv").decode("cp932")
    without = "\r\n".join(",".join(line.split(",")[:2]) for line in text.split("\r\n")).encode("cp932")
    with pytest.raises(FormatError, match="unexpected header|column is missing"):
        customs.parse_country_series(without, "d41ca.csv", WORLD, "year")
    extra = "\r\n".join(line + ("," if line else "") for line in text.split("\r\n"))
    extra = extra.replace("Imp-Total,", "Imp-Total,Note").encode("cp932")
    with pytest.raises(FormatError, match="unexpected header"):
        customs.parse_country_series(extra, "d41ca.csv", WORLD, "year")
    with pytest.raises(FormatError, match="column 'Exp-224': column is missing"):
        customs.parse_country_series(customs_file("d41ca.csv"), "d41ca.csv", RUSSIA, "year")


def test_wrong_encoding_and_truncation_are_refused():
    utf8 = customs_file("d41ca.csv").decode("cp932").encode("utf-8")
    with pytest.raises(FormatError, match="not cp932|not a Customs title"):
        customs.parse_country_series(utf8, "d41ca.csv", WORLD, "year")
    with pytest.raises(FormatError, match="truncated"):
        customs.parse_country_series(customs_file("d41ca.csv")[:-7], "d41ca.csv", WORLD, "year")


def test_a_missing_year_is_refused():
    text = customs_file("d41ca.csv").decode("cp932")
    lines = [line for line in text.split("\r\n") if not line.startswith("2000 ")]
    with pytest.raises(FormatError, match="not consecutive"):
        customs.parse_country_series("\r\n".join(lines).encode("cp932"), "d41ca.csv", WORLD, "year")


def test_goods_file_finds_value_and_quantity_of_each_code():
    records = customs.parse_goods(customs_file("d62ca008.csv"), "d62ca008.csv", "year")
    lng = [r for r in records if r["code"] == "3050103" and r["period"] == "1990"]
    assert lng == [{"period": "1990", "code": "3050103", "name": "液化天然ガス", "thousand_yen": 4_014_002,
                    "quantity": 8_062, "unit": "MT"}]
    total = [r for r in records if r["code"] == "0～9" and r["period"] == "1990"][0]
    assert total["quantity"] is None and total["unit"] is None
    assert "70505" in {r["code"] for r in records}  # the publisher's stray quote is dropped


def test_goods_dashes_are_gaps_and_unpublished_months_are_left_out():
    records = customs.parse_goods(customs_file("d62ma008.csv"), "d62ma008.csv", "month")
    assert max(r["period"] for r in records) == "2026-07"
    fuel = [r for r in records if r["code"] == "3"]  # an aggregate with no unit: quantity '-'
    assert fuel and all(r["quantity"] is None for r in fuel)


def test_goods_rows_map_codes_to_project_names_and_units():
    records = customs.parse_goods(customs_file("d62ca008.csv"), "d62ca008.csv", "year")
    rows = goods_rows(records, "import", "d62ca008.csv", "year")
    assert {r["commodity"] for r in rows} == {"fish_seafood", "crude_oil", "lng", "coal", "non_ferrous_metals"}
    crude = next(r for r in rows if r["commodity"] == "crude_oil" and r["year"] == "2000")
    assert (crude["quantity_unit"], crude["partner"], crude["flow"]) == ("kl", "RU", "import")
    crude_early = [r for r in rows if r["commodity"] == "crude_oil" and r["year"] < "1995"]
    assert crude_early == []  # '-' for value and quantity: nothing to write


def test_goods_rows_stop_when_a_code_is_renamed():
    raw = rewrite(customs_file("d62ca008.csv"), "液化天然ガス,", "液化石油ガス,")
    records = customs.parse_goods(raw, "d62ca008.csv", "year")
    with pytest.raises(FormatError, match="goods code 3050103 is named"):
        goods_rows(records, "import", "d62ca008.csv", "year")


def test_goods_file_refuses_a_missing_header_row():
    text = customs_file("d52ca008.csv").decode("cp932").split("\r\n")
    del text[4]  # the code row
    with pytest.raises(FormatError):
        customs.parse_goods("\r\n".join(text).encode("cp932"), "d52ca008.csv", "year")


def test_customs_status_follows_the_publishers_stages():
    assert [customs_status(y, 2025, "year") for y in ("2023", "2024", "2025")] == [
        "confirmed", "confirmed", "second_preliminary"]
    assert [customs_status(m, 2026, "month") for m in ("2024-12", "2025-01", "2026-07")] == [
        "confirmed", "second_preliminary", "preliminary"]


def test_number_writes_exact_billions():
    assert number(22_531_538_859 / 1e6, 6) == "22531.538859"
    assert number(5.0) == "5" and number(0.0001) == "0"


IMF_FILE = PUBLISHERS / "api.imf.org" / "external" / "sdmx" / "2.1" / "data" / "IMF.STA,IMTS" / \
    "JPN.XG_FOB_USD+MG_CIF_USD.RUS.A"


def test_imf_csv_reads_columns_by_name_and_applies_the_scale():
    records = imf.parse_imts_csv(IMF_FILE.read_bytes(), "imf")
    first = [r for r in records if r["period"] == "1992" and r["indicator"] == "XG_FOB_USD"]
    assert first == [{"period": "1992", "indicator": "XG_FOB_USD", "counterpart": "RUS", "frequency": "A",
                      "usd": 2_000.5e6}]
    assert "1991" not in {r["period"] for r in records}  # the empty observation
    text = IMF_FILE.read_text()
    lines = text.splitlines()
    reordered = [",".join(reversed(line.split(","))) for line in lines]
    assert imf.parse_imts_csv("\n".join(reordered).encode(), "imf") == records


def test_imf_csv_refuses_a_missing_column_and_a_bad_value():
    text = IMF_FILE.read_text()
    with pytest.raises(FormatError, match="column 'OBS_VALUE': column is missing"):
        imf.parse_imts_csv(text.replace("OBS_VALUE", "VALUE").encode(), "imf")
    with pytest.raises(FormatError, match="not a number"):
        imf.parse_imts_csv(text.replace(",2000.5,", ",2OOO,").encode(), "imf")


OPINION_FILE = PUBLISHERS / "survey.gov-online.go.jp" / "r07" / "r07-gaiko" / "timeseries-russia.csv"


def test_opinion_reads_era_dates_and_dashes():
    records = opinion.parse_opinion_csv(OPINION_FILE.read_bytes(), "opinion")
    by_year = {r["survey_year"]: r for r in records}
    assert by_year["1978"]["fieldwork"] == "1978-10" and by_year["2019"]["fieldwork"] == "2019-10"
    assert by_year["1980"]["affinity_pct"] is None
    assert by_year["2025"]["affinity_pct"] == pytest.approx(10 + (2025 % 17) * 0.7, abs=0.05)
    assert opinion.survey_month("平成元年10月") == "1989-10" and opinion.survey_month("2025年13月") is None


def test_opinion_refuses_a_table_without_its_columns():
    raw = OPINION_FILE.read_bytes().decode("cp932").replace("親しみを感じない", "感じない").encode("cp932")
    with pytest.raises(FormatError, match="column is missing"):
        opinion.parse_opinion_csv(raw, "opinion")


ESTAT_FILE = PUBLISHERS / "api.e-stat.go.jp" / "rest" / "3.0" / "app" / "json" / "getStatsData"


def test_estat_envelope_with_class_as_object_and_as_list():
    classes, cells = estat.parse_stats_data(ESTAT_FILE.read_bytes(), "estat")
    assert classes["tab"] == {"100": "輸入"} and len(classes["cat01"]) == 3  # object and list
    assert any(c["value"] is None for c in cells)  # '-' stands for a missing number
    rows = estat_rows(classes, cells, "estat")
    crude_feb = next(r for r in rows if r["month"] == "2025-02" and r["commodity"] == "crude_oil")
    assert crude_feb["quantity"] is None and crude_feb["value_jpy_bn"] == "60.015554"
    lng_jan = next(r for r in rows if r["month"] == "2025-01" and r["commodity"] == "lng")
    assert (lng_jan["quantity"], lng_jan["quantity_unit"]) == ("401111", "tonnes")
    assert len(rows) == 9  # 3 months x 3 fuels, Russia only


def test_estat_single_value_object_and_error_status():
    document = json.loads(ESTAT_FILE.read_bytes())
    data = document["GET_STATS_DATA"]["STATISTICAL_DATA"]["DATA_INF"]
    data["VALUE"] = data["VALUE"][0]
    _, cells = estat.parse_stats_data(json.dumps(document).encode(), "estat")
    assert len(cells) == 1
    document["GET_STATS_DATA"]["RESULT"] = {"STATUS": 100, "ERROR_MSG": "認証に失敗しました"}
    with pytest.raises(FormatError, match="status 100"):
        estat.parse_stats_data(json.dumps(document).encode(), "estat")


def test_estat_refuses_an_unknown_code():
    document = json.loads(ESTAT_FILE.read_bytes())
    document["GET_STATS_DATA"]["STATISTICAL_DATA"]["DATA_INF"]["VALUE"][0]["@area"] = "999"
    with pytest.raises(FormatError, match="not in CLASS_INF"):
        estat.parse_stats_data(json.dumps(document).encode(), "estat")
