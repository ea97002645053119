"""Property-based tests: random and mutated input to every refresh parser gives either a valid
table or the documented :class:`~analysis.refresh.errors.FormatError`, never anything else."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from analysis.refresh import customs, estat, imf, opinion
from analysis.refresh.errors import FormatError
from analysis.refresh.sources import estat_rows, goods_rows

PUBLISHERS = Path(__file__).parent / "fixtures" / "publishers"
CUSTOMS = PUBLISHERS / "www.customs.go.jp" / "toukei" / "suii" / "html" / "data"
IMF = PUBLISHERS / "api.imf.org" / "external" / "sdmx" / "2.1" / "data" / "IMF.STA,IMTS" / \
    "JPN.XG_FOB_USD+MG_CIF_USD.RUS.A"
OPINION = PUBLISHERS / "survey.gov-online.go.jp" / "r07" / "r07-gaiko" / "timeseries-russia.csv"
ESTAT = PUBLISHERS / "api.e-stat.go.jp" / "rest" / "3.0" / "app" / "json" / "getStatsData"
PERIOD = {"year": re.compile(r"^\d{4}$"), "month": re.compile(r"^\d{4}-\d{2}$")}
# Hypothesis keeps caches in .hypothesis/ of the current folder: put them in a temporary folder and
# keep no example database, so the runs leave nothing behind in the work tree.
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-"))
FUZZ = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """``original`` with a random edit: a cut, an insertion, a changed byte or a moved line."""
    kind = draw(st.sampled_from(["cut", "insert", "byte", "lines", "truncate"]))
    at = draw(st.integers(0, len(original)))
    if kind == "cut":
        return original[:at] + original[at + draw(st.integers(1, 200)):]
    if kind == "insert":
        return original[:at] + draw(st.binary(min_size=1, max_size=20)) + original[at:]
    if kind == "byte" and at < len(original):
        return original[:at] + bytes([draw(st.integers(0, 255))]) + original[at + 1:]
    if kind == "truncate":
        return original[:at]
    lines = original.split(b"\n")
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def inputs(original: bytes):
    text = st.text(alphabet=st.characters(codec="cp932", exclude_characters="¢£¬‖−〜"), max_size=300)
    return st.one_of(st.binary(max_size=300), text.map(lambda t: t.encode("cp932")), mutated(original),
                     mutated(original).flatmap(mutated))


def check_country(raw: bytes, kind: str, columns: dict[str, str]) -> None:
    try:
        records = customs.parse_country_series(raw, "file", columns, kind)
    except FormatError:
        return
    for r in records:
        assert PERIOD[kind].match(r["period"]) and r["flow"] in columns
        assert isinstance(r["thousand_yen"], int) and r["thousand_yen"] > 0


@FUZZ
@given(inputs((CUSTOMS / "d41ca.csv").read_bytes()))
def test_world_annual_parser(raw):
    check_country(raw, "year", {"export": "Exp-Total", "import": "Imp-Total"})


@FUZZ
@given(inputs((CUSTOMS / "d42ma006.csv").read_bytes()))
def test_area_monthly_parser(raw):
    check_country(raw, "month", {"export": "Exp-224", "import": "Imp-224"})


def check_goods(raw: bytes, kind: str, flow: str) -> None:
    try:
        records = customs.parse_goods(raw, "file", kind)
        rows = goods_rows(records, flow, "file", kind)
    except FormatError:
        return
    for r in records:
        assert PERIOD[kind].match(r["period"])
        assert r["thousand_yen"] is None or (isinstance(r["thousand_yen"], int) and r["thousand_yen"] >= 0)
        assert r["quantity"] is None or isinstance(r["quantity"], int)
    for row in rows:
        assert row["value_jpy_bn"] is None or float(row["value_jpy_bn"]) >= 0


@FUZZ
@given(inputs((CUSTOMS / "d62ca008.csv").read_bytes()))
def test_goods_annual_parser(raw):
    check_goods(raw, "year", "import")


@FUZZ
@given(inputs((CUSTOMS / "d52ma008.csv").read_bytes()))
def test_goods_monthly_parser(raw):
    check_goods(raw, "month", "export")


@FUZZ
@given(inputs(IMF.read_bytes()))
def test_imf_parser(raw):
    try:
        records = imf.parse_imts_csv(raw, "imf")
    except FormatError:
        return
    assert records and all(r["usd"] >= 0 and r["frequency"] in ("A", "M") for r in records)


@FUZZ
@given(inputs(OPINION.read_bytes()))
def test_opinion_parser(raw):
    try:
        records = opinion.parse_opinion_csv(raw, "opinion")
    except FormatError:
        return
    for r in records:
        assert re.fullmatch(r"\d{4}", r["survey_year"]) and r["fieldwork"].startswith(r["survey_year"])
        assert all(r[m] is None or 0 <= r[m] <= 100 for m in ("affinity_pct", "no_affinity_pct"))


@FUZZ
@given(inputs(ESTAT.read_bytes()))
def test_estat_parser(raw):
    try:
        classes, cells = estat.parse_stats_data(raw, "estat")
        rows = estat_rows(classes, cells, "estat")
    except FormatError:
        return
    assert all(c["value"] is None or isinstance(c["value"], float) for c in cells)
    assert all(PERIOD["month"].match(r["month"]) for r in rows)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                       max_size=3), max_leaves=10)


@FUZZ
@given(json_values)
def test_estat_parser_on_any_json(document):
    import json
    try:
        estat.parse_stats_data(json.dumps({"GET_STATS_DATA": document}).encode(), "estat")
    except FormatError:
        pass
