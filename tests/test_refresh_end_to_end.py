"""``python -m analysis refresh`` end to end: a local HTTP server on 127.0.0.1 serves the
fixtures through ``--mirror`` (and a folder through ``--from-dir``), against a temporary copy of
``data/``. Every injected fault must leave that copy byte-identical, print one line naming the
source and the problem, and exit non-zero."""
from __future__ import annotations

import http.server
import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from analysis import load
from analysis.__main__ import main
from analysis.paths import DATA_DIR
from analysis.refresh import manifest, run
from analysis.refresh.errors import RefreshError
from analysis.refresh.fetch import Fetcher
from analysis.refresh.sources import Settings
from conftest import read_csv, write_csv

PUBLISHERS = Path(__file__).parent / "fixtures" / "publishers"
D41CA = "/www.customs.go.jp/toukei/suii/html/data/d41ca.csv"
OPINION_URL = "https://survey.gov-online.go.jp/r07/r07-gaiko/timeseries-russia.csv"
HTML_PAGE = b"<!DOCTYPE html><html><body>Service temporarily unavailable</body></html>"


class PublisherMirror(http.server.BaseHTTPRequestHandler):
    """Serves tests/fixtures/publishers as <host>/<path>; ``faults`` maps a path to a fault."""

    faults: dict[str, tuple] = {}

    def log_message(self, *args):  # keep the test output quiet
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
        fault = self.faults.get(path)
        if fault:
            return getattr(self, f"_fault_{fault[0]}")(*fault[1:])
        file = PUBLISHERS / path.lstrip("/")
        if not file.is_file():
            return self._fault_status(404)
        self._send(200, file.read_bytes())

    def _send(self, status: int, body: bytes, length: int | None = None, headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _fault_status(self, status):
        self._send(status, b"error")

    def _fault_body(self, body):
        self._send(200, body)

    def _fault_truncated(self):
        body = (PUBLISHERS / self.path.lstrip("/")).read_bytes()
        self._send(200, body[: len(body) // 2], length=len(body))
        self.close_connection = True

    def _fault_slow(self, seconds):
        time.sleep(seconds)
        self._send(200, b"late")

    def _fault_redirect(self, location):
        self._send(302, b"", headers={"Location": location})

    def _fault_chunked_huge(self, size):
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"1979 ,1 ,1 \r\n" * 1000
        sent = 0
        try:
            while sent < size:
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                sent += len(chunk)
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def mirror():
    PublisherMirror.faults = {}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PublisherMirror)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", PublisherMirror.faults
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


@pytest.fixture
def estat_enabled(monkeypatch):
    monkeypatch.setenv("ESTAT_APP_ID", "test-key-never-printed")
    monkeypatch.setenv("ESTAT_STATS_DATA_ID", "0000000001")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def refresh(*args: str) -> int:
    return main(["refresh", *args])


def test_every_source_end_to_end_through_the_mirror(mirror, data_copy, estat_enabled, capsys):
    url, _ = mirror
    code = refresh("--mirror", url, "--opinion-url", OPINION_URL, "--data-dir", str(data_copy), "--yes")
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "[11/11] estat:" in out.out and "test-key-never-printed" not in out.out + out.err
    load.validate_all(data_copy)  # the result passes the project's validator
    annual = load.load_trade_annual(data_copy)
    world = annual[annual["partner"] == "WORLD"]
    assert world["year"].min() == 1979 and world["year"].max() == 2025
    first = world[(world["year"] == 1979) & (world["flow"] == "export")].iloc[0]
    assert first["value_jpy_bn"] == pytest.approx(20_000.123457) and first["source_id"] == "customs-d41ca"
    russia = annual[(annual["partner"] == "RU") & (annual["year"] == 1992) & (annual["flow"] == "import")]
    assert russia["value_jpy_bn"].iloc[0] == pytest.approx(600.008765)
    monthly = load.load_trade_monthly(data_copy)
    assert str(monthly["month"].max())[:7] == "2026-07"  # later months are '0 ,0 ': not published
    assert str(monthly["month"].min())[:7] == "2014-01"  # the fixture's first month: the table runs from 1979-01
    assert ", 0 rows left out" in out.out.split("trade_monthly:")[1].split("\n")[0]
    goods = load.load_trade_commodity(data_copy)
    assert {"lng", "crude_oil", "motor_vehicles"} <= set(goods["commodity"].astype(str))
    opinion = load.load_opinion(data_copy)
    assert opinion["survey_year"].min() == 1978
    usd = load.load_trade_annual_usd(data_copy)
    assert usd["source_id"].str.startswith("imf-imts-jpn-rus-annual").sum() == 2 * (2025 - 1992 + 1)
    sources = load.load_sources(data_copy)
    estat_row = sources[sources["source_id"] == "estat-0000000001"].iloc[0]
    assert "appId" not in estat_row["url"] and "0000000001" in estat_row["url"]
    assert manifest.differences(data_copy) == []
    recorded = manifest.read(data_copy)["sources"]
    assert set(recorded) >= {"customs-world-annual", "imf-imts", "estat", "cabinet-office-opinion"}


def test_from_dir_gives_the_retrieval_date_to_the_source(data_copy, capsys):
    code = refresh("--from-dir", str(PUBLISHERS), "--source", "customs-world-annual", "--retrieved", "2026-09-22",
                   "--data-dir", str(data_copy), "--yes")
    assert code == 0, capsys.readouterr().err
    sources = load.load_sources(data_copy)
    row = sources[sources["source_id"] == "customs-d41ca"].iloc[0]
    assert str(row["retrieved"])[:10] == "2026-09-22"
    assert row["url"] == "https://www.customs.go.jp/toukei/suii/html/data/d41ca.csv"
    assert manifest.read(data_copy)["sources"]["customs-world-annual"]["retrieved"] == "2026-09-22T00:00:00Z"


@pytest.fixture
def small_data(data_dir):
    """The small valid package of conftest with a few trade rows from reports (src-a, src-b)."""
    write_csv(data_dir / "trade_annual.csv", [
        ["year", "partner", "flow", "value_jpy_bn", "reported_yoy_pct", "status", "source_id",
         "first_reported_jpy_bn", "first_reported_source_id"],
        ["2007", "RU", "export", "1234.5", "", "preliminary", "src-b", "", ""],
        ["2013", "WORLD", "export", "69800", "9.5", "preliminary", "src-a", "", ""],   # fixture: 77800.123457
        ["2024", "WORLD", "export", "96000", "", "preliminary", "src-a", "", ""],      # fixture: 96500.123457
    ])
    return data_dir


def refresh_world_annual(folder: Path, *extra: str) -> int:
    return refresh("--from-dir", str(PUBLISHERS), "--source", "customs-world-annual", "--data-dir", str(folder),
                   *extra)


def test_dry_run_lists_additions_and_revisions_and_writes_nothing(small_data, capsys):
    before = snapshot(small_data)
    code = refresh_world_annual(small_data, "--dry-run")
    out = capsys.readouterr().out
    assert code == 0 and snapshot(small_data) == before
    assert "add: 1979 WORLD export: value_jpy_bn 20000.123457 [customs-world-annual]" in out
    assert "revise: 2024 WORLD export value_jpy_bn: 96000 → 96500.123457 [customs-world-annual]" in out
    assert "held: 2013 WORLD export value_jpy_bn: 69800 → 77800.123457 [customs-world-annual]" in out
    assert "trade_annual: 92 rows added, 1 values revised, 0 unchanged, 1 revisions held" in out
    assert "dry run: nothing written" in out


def test_large_and_old_revisions_are_held_without_yes(small_data, capsys):
    assert refresh_world_annual(small_data) == 0
    out = capsys.readouterr().out
    assert "revisions held" in out and "held: 2013 WORLD export" in out
    table = load.load_trade_annual(small_data).set_index(["year", "partner", "flow"])
    assert table.loc[(2013, "WORLD", "export"), "value_jpy_bn"] == 69800  # held: not written
    assert table.loc[(2013, "WORLD", "export"), "source_id"] == "src-a"
    assert table.loc[(2024, "WORLD", "export"), "value_jpy_bn"] == pytest.approx(96500.123457)
    assert table.loc[(2024, "WORLD", "export"), "status"] == "confirmed"
    assert len(table) == 3 + 92
    assert refresh_world_annual(small_data, "--yes") == 0
    table = load.load_trade_annual(small_data).set_index(["year", "partner", "flow"])
    assert table.loc[(2013, "WORLD", "export"), "value_jpy_bn"] == pytest.approx(77800.123457)


def test_news_rows_without_an_official_value_are_kept(small_data, capsys):
    assert refresh_world_annual(small_data, "--yes") == 0
    table = load.load_trade_annual(small_data).set_index(["year", "partner", "flow"])
    kept = table.loc[(2007, "RU", "export")]
    assert (kept["value_jpy_bn"], kept["source_id"]) == (1234.5, "src-b")
    replaced = table.loc[(2013, "WORLD", "export")]
    # the report stays beside the official value, in the table's first-reported columns
    assert replaced["source_id"] == "customs-d41ca"
    assert (replaced["first_reported_jpy_bn"], replaced["first_reported_source_id"]) == (69800, "src-a")
    assert replaced["reported_yoy_pct"] == 9.5


def test_refreshed_source_rows_get_rank_publisher_when_the_column_exists(small_data, capsys):
    descriptor = json.loads((small_data / "datapackage.json").read_text())
    sources = next(r for r in descriptor["resources"] if r["name"] == "sources")
    # The sample data has the rank after the publisher; move it so the test shows rows are written by
    # column name, not by position.
    sources["schema"]["fields"] = [f for f in sources["schema"]["fields"] if f["name"] != "rank"]
    sources["schema"]["fields"].insert(2, {"name": "rank", "type": "string", "constraints": {
        "required": True, "enum": ["publisher", "agency", "academic", "repost", "personal"]}})
    (small_data / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2))
    rows = read_csv(small_data / "sources.csv")
    at = rows[0].index("rank")
    rows = [r[:at] + r[at + 1:] for r in rows]
    write_csv(small_data / "sources.csv", [rows[0][:2] + ["rank"] + rows[0][2:]] +
              [r[:2] + ["agency"] + r[2:] for r in rows[1:]])
    assert refresh_world_annual(small_data, "--yes") == 0, capsys.readouterr().err
    table = load.load_sources(small_data)
    added = table[table["source_id"] == "customs-d41ca"].iloc[0]
    assert added["rank"] == "publisher" and added["publisher"].startswith("Ministry of Finance")
    assert read_csv(small_data / "sources.csv")[0][:3] == ["source_id", "url", "rank"]  # by column name


def test_a_mistyped_source_name_is_one_line_listing_the_sources(data_copy, capsys):
    before = snapshot(data_copy)
    assert refresh("--source", "customs-wrold-annual", "--data-dir", str(data_copy)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no source named customs-wrold-annual" in err and "customs-world-annual" in err
    assert snapshot(data_copy) == before


def test_estat_is_skipped_with_one_line_without_a_key(data_copy, monkeypatch, capsys):
    monkeypatch.delenv("ESTAT_APP_ID", raising=False)
    before = snapshot(data_copy)
    assert refresh("--source", "estat", "--data-dir", str(data_copy)) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 2 and "estat: skipped: set ESTAT_APP_ID" in out
    assert snapshot(data_copy) == before


TIMEOUT_FAULTS = [
    ("404", ("status", 404), "HTTP 404"),
    ("500", ("status", 500), "HTTP 500"),
    ("html", ("body", HTML_PAGE), "an HTML page was served"),
    ("truncated", ("truncated",), "truncated"),
    ("encoding", ("body", (PUBLISHERS / D41CA.lstrip("/")).read_bytes().decode("cp932").encode("utf-8")),
     "not cp932 text"),
    ("missing-column", ("body", "\r\n".join(
        ",".join(line.split(",")[:2]) for line in
        (PUBLISHERS / D41CA.lstrip("/")).read_bytes().decode("cp932").split("\r\n")).encode("cp932")),
     "unexpected header"),
    ("extra-column", ("body", (PUBLISHERS / D41CA.lstrip("/")).read_bytes().decode("cp932").replace(
        "Imp-Total\r\n", "Imp-Total,Remarks\r\n").encode("cp932")), "unexpected header"),
    ("changed-header", ("body", (PUBLISHERS / D41CA.lstrip("/")).read_bytes().replace(b"Years,", b"Year,")),
     "no header row starting with 'Years'"),
    ("redirect", ("redirect", "https://downloads.example.net/d41ca.csv"), "refused: only HTTPS to"),
]


@pytest.mark.parametrize("name, fault, problem", TIMEOUT_FAULTS, ids=[f[0] for f in TIMEOUT_FAULTS])
def test_a_fault_leaves_data_untouched(mirror, data_copy, capsys, name, fault, problem):
    url, faults = mirror
    faults[D41CA] = fault
    before = snapshot(data_copy)
    code = refresh("--mirror", url, "--data-dir", str(data_copy), "--yes", "--source", "customs-world-monthly",
                   "--source", "customs-world-annual")
    err = capsys.readouterr().err
    assert code != 0
    assert snapshot(data_copy) == before
    assert len(err.splitlines()) == 1 and err.startswith("refresh: customs-world-annual: ") and problem in err, err
    assert "Traceback" not in err


def test_a_redirect_to_another_port_of_the_mirror_host_is_refused(mirror, data_copy, capsys):
    url, faults = mirror
    faults[D41CA] = ("redirect", "http://127.0.0.1:9/www.customs.go.jp/toukei/suii/html/data/d41ca.csv")
    assert refresh("--mirror", url, "--data-dir", str(data_copy), "--source", "customs-world-annual") == 1
    assert "refused" in capsys.readouterr().err


def test_connection_refused_names_the_host(data_copy, capsys):
    with socket.socket() as probe:  # a free port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    before = snapshot(data_copy)
    code = refresh("--mirror", f"http://127.0.0.1:{port}", "--data-dir", str(data_copy))
    err = capsys.readouterr().err
    assert code == 1 and snapshot(data_copy) == before
    assert err == f"refresh: customs-world-annual: cannot reach 127.0.0.1:{port} " \
                  "(offline, or the host refused the connection); nothing written\n"


def test_a_response_slower_than_the_timeout(mirror, data_copy):
    url, faults = mirror
    faults[D41CA] = ("slow", 3)
    before = snapshot(data_copy)
    with pytest.raises(RefreshError, match="customs-world-annual: .*no answer from 127.0.0.1.* within the timeout"):
        run(["customs-world-annual"], fetcher=Fetcher(mirror=url, read_timeout=0.5), data_dir=data_copy,
            settings=Settings())
    assert snapshot(data_copy) == before


@pytest.mark.parametrize("fault", [("chunked_huge", 300_000), ("body", b"1979 ," * 60_000)])
def test_an_oversized_response(mirror, data_copy, fault):
    url, faults = mirror
    faults[D41CA] = fault
    before = snapshot(data_copy)
    with pytest.raises(RefreshError, match="over the maximum of 100,000"):
        run(["customs-world-annual"], fetcher=Fetcher(mirror=url, max_bytes=100_000), data_dir=data_copy,
            settings=Settings())
    assert snapshot(data_copy) == before


def test_a_publisher_url_over_plain_http_is_refused():
    with pytest.raises(RefreshError, match="refused: only HTTPS"):
        Fetcher().get("http://www.customs.go.jp/toukei/suii/html/data/d41ca.csv")
    with pytest.raises(RefreshError, match="refused: only HTTPS"):
        Fetcher().get("https://customs.example.org/d41ca.csv")


def test_a_table_that_would_not_validate_is_not_written(data_copy, capsys):
    table = data_copy / "trade_annual.csv"  # a bad row the refresh does not touch: still refused
    table.write_bytes(table.read_bytes() + b"2031,RU,export,1,,,customs-unknown-source,,\n")
    before = snapshot(data_copy)
    code = refresh("--from-dir", str(PUBLISHERS), "--source", "customs-world-annual", "--data-dir",
                   str(data_copy), "--yes")
    err = capsys.readouterr().err
    assert code == 1 and "do not pass validation" in err and snapshot(data_copy) == before


def test_check_verifies_the_shipped_manifest():
    assert manifest.differences(DATA_DIR) == [], "run python -m analysis check --update after reviewing data/"


def test_check_names_a_file_changed_by_hand(data_copy, capsys):
    assert main(["check", "--data-dir", str(data_copy)]) == 0
    (data_copy / "g7.csv").write_bytes((data_copy / "g7.csv").read_bytes() + b"2026-01-01,A title,Text.,x\n")
    assert main(["check", "--data-dir", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "g7.csv: changed since the manifest (SHA-256 differs; rows 22 → 23)" in err
    assert main(["check", "--update", "--data-dir", str(data_copy)]) == 0
    assert main(["check", "--data-dir", str(data_copy)]) == 0


def test_from_dir_refuses_a_missing_file_and_an_html_page(tmp_path, data_copy, capsys):
    folder = tmp_path / "downloads" / "www.customs.go.jp" / "toukei" / "suii" / "html" / "data"
    folder.mkdir(parents=True)
    before = snapshot(data_copy)
    assert refresh("--from-dir", str(tmp_path / "downloads"), "--source", "customs-world-annual",
                   "--data-dir", str(data_copy)) == 1
    assert "not found in" in capsys.readouterr().err
    (folder / "d41ca.csv").write_bytes(HTML_PAGE)
    assert refresh("--from-dir", str(tmp_path / "downloads"), "--source", "customs-world-annual",
                   "--data-dir", str(data_copy)) == 1
    assert "an HTML page was served" in capsys.readouterr().err
    assert snapshot(data_copy) == before


def test_check_reports_a_broken_manifest_in_one_line(data_copy, capsys):
    (data_copy / "manifest.json").write_text("{not json")
    assert main(["check", "--data-dir", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "manifest.json: not a readable manifest" in err and len(err.splitlines()) == 1
