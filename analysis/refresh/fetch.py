"""Downloads for the refresh command: HTTPS to the publishers' hosts only, with limits.

A :class:`Fetcher` reads each publisher file from one of three places:

* the publisher itself (HTTPS only, hosts in :data:`ALLOWED_HOSTS`);
* a mirror (``--mirror URL``) holding the same files as ``<host>/<path>``; the mirror's own host
  is allowed, over plain HTTP too, for that run only because the user named it;
* a folder on disk (``--from-dir DIR``) with the same layout, for files downloaded elsewhere.

Redirects are followed one hop at a time so that every hop's host is checked; connect and read
timeouts, a maximum size and an HTML check (an error page served with status 200) guard the
body. Query strings are never shown (an e-Stat ``appId`` travels in one) and are dropped when a
mirror or folder is read, since those hold plain files.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

from analysis.refresh.errors import RefreshError

ALLOWED_HOSTS = frozenset({
    "www.customs.go.jp",        # Ministry of Finance, trade statistics
    "api.imf.org",              # IMF SDMX API (IMTS)
    "survey.gov-online.go.jp",  # Cabinet Office opinion surveys
    "api.e-stat.go.jp",         # e-Stat API
})
CONNECT_TIMEOUT_S = 10
READ_TIMEOUT_S = 60
MAX_BYTES = 20 * 1024 * 1024  # the largest Customs file is well under 1 MB
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Download:
    """One publisher file: its official URL, its bytes and when it was retrieved (UTC)."""

    url: str
    body: bytes
    retrieved: datetime


def shown(url: str) -> str:
    """The URL without its query string, safe to print (no keys)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def layout_path(url: str) -> str:
    """``<host>/<path>`` of a publisher URL: where a mirror or folder keeps that file."""
    parts = urlsplit(url)
    return f"{parts.hostname}{parts.path}"


def looks_like_html(body: bytes) -> bool:
    """True for an HTML page (e.g. an error page served with status 200 instead of the file)."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head


@dataclass
class Fetcher:
    mirror: str | None = None
    from_dir: Path | None = None
    retrieved: datetime | None = None  # for --from-dir: when the files were downloaded
    connect_timeout: float = CONNECT_TIMEOUT_S
    read_timeout: float = READ_TIMEOUT_S
    max_bytes: int = MAX_BYTES

    def get(self, url: str, headers: dict[str, str] | None = None) -> Download:
        """The publisher file at ``url``; :class:`RefreshError` with one line on any problem."""
        if self.from_dir is not None:
            body, when = self._read_file(url)
        else:
            target = f"{self.mirror.rstrip('/')}/{layout_path(url)}" if self.mirror else url
            body, when = self._download(target, headers or {}), datetime.now(UTC)
        if looks_like_html(body):
            raise RefreshError(f"{shown(url)}: an HTML page was served where the data file was expected")
        return Download(url=url, body=body, retrieved=when.replace(microsecond=0))

    def _read_file(self, url: str) -> tuple[bytes, datetime]:
        path = Path(self.from_dir) / layout_path(url)
        if not path.is_file():
            raise RefreshError(f"{shown(url)}: not found in {self.from_dir} (expected {layout_path(url)})")
        if path.stat().st_size > self.max_bytes:
            raise RefreshError(f"{path}: larger than the maximum of {self.max_bytes:,} bytes")
        when = self.retrieved or datetime.fromtimestamp(os.path.getmtime(path), UTC)
        return path.read_bytes(), when

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if self.mirror:
            mirror = urlsplit(self.mirror)
            if (parts.scheme, parts.netloc) == (mirror.scheme, mirror.netloc):
                return True
        return parts.scheme == "https" and parts.hostname in ALLOWED_HOSTS

    def _download(self, url: str, headers: dict[str, str]) -> bytes:
        for _ in range(MAX_REDIRECTS + 1):
            if not self._allowed(url):
                raise RefreshError(f"{shown(url)}: refused: only HTTPS to {', '.join(sorted(ALLOWED_HOSTS))}"
                                   " (or the --mirror given) is allowed")
            response = self._request(url, headers)
            with response:
                if response.is_redirect:
                    url = urljoin(url, response.headers.get("Location", ""))
                    continue
                if response.status_code != 200:
                    raise RefreshError(f"{shown(url)}: HTTP {response.status_code} {response.reason}")
                return self._read_body(url, response)
        raise RefreshError(f"{shown(url)}: more than {MAX_REDIRECTS} redirects")

    def _request(self, url: str, headers: dict[str, str]) -> requests.Response:
        host = urlsplit(url).netloc
        try:
            return requests.get(url, headers=headers, stream=True, allow_redirects=False,
                                timeout=(self.connect_timeout, self.read_timeout))
        except requests.Timeout:
            raise RefreshError(f"{shown(url)}: no answer from {host} within the timeout "
                               f"({self.connect_timeout:g} s to connect, {self.read_timeout:g} s to read)") from None
        except requests.ConnectionError:
            raise RefreshError(f"cannot reach {host} (offline, or the host refused the connection)") from None
        except requests.RequestException as error:
            raise RefreshError(f"{shown(url)}: {type(error).__name__}") from None

    def _read_body(self, url: str, response: requests.Response) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise RefreshError(f"{shown(url)}: response of {int(declared):,} bytes is over the maximum "
                               f"of {self.max_bytes:,}")
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(CHUNK):
                size += len(chunk)
                if size > self.max_bytes:
                    raise RefreshError(f"{shown(url)}: response is over the maximum of {self.max_bytes:,} bytes")
                chunks.append(chunk)
        except requests.Timeout:
            raise RefreshError(f"{shown(url)}: the body stopped arriving (read timeout "
                               f"{self.read_timeout:g} s)") from None
        except requests.RequestException:
            raise RefreshError(f"{shown(url)}: the body was cut off before its end (truncated)") from None
        body = b"".join(chunks)
        if declared and declared.isdigit() and len(body) < int(declared):
            raise RefreshError(f"{shown(url)}: truncated: {len(body):,} of {int(declared):,} bytes")
        return body
