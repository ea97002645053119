"""``python -m analysis refresh``: fetch the publishers' files, check them, then update data/.

Order of work, so that a failure anywhere leaves ``data/`` byte-identical:

1. download every file of every selected source (or read it from ``--mirror``/``--from-dir``);
2. parse each in its publisher's layout and merge the rows into in-memory copies of the tables
   (:mod:`analysis.refresh.plan`: additions, revisions, revisions held back);
3. validate the whole would-be ``data/`` in a scratch copy with the project's validator
   (:func:`analysis.load.validate_all`, the same check as ``python -m analysis validate``);
4. only then replace the changed tables, ``sources.csv`` and ``manifest.json`` together
   (:func:`analysis.refresh.apply.replace_together`).

Every problem ends the run with one line naming the source and the problem and exit code 1.
"""
from __future__ import annotations

import csv
import io
import shutil
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from analysis.load import read_raw, resource, validate_all
from analysis.paths import DATA_DIR
from analysis.refresh import manifest
from analysis.refresh.apply import replace_together
from analysis.refresh.errors import RefreshError
from analysis.refresh.fetch import Download, Fetcher, shown
from analysis.refresh.plan import RECENT_YEARS, TOLERANCE, Change, merge
from analysis.refresh.sources import SOURCES, PublisherFile, Settings, Source
from analysis.validate import DataValidationError

SOURCES_TABLE = "sources"


def csv_bytes(header: list[str], rows: list[dict]) -> bytes:
    """A table written the way the project's CSV files are (minimal quoting, LF)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[row[c] for c in header] for row in rows])
    return out.getvalue().encode("utf-8")


class Table:
    """One table of ``data/`` as header + rows of strings, and where it lives."""

    def __init__(self, name: str, data_dir: Path):
        entry = resource(name, data_dir)
        self.name, self.path, self.schema = name, data_dir / entry["path"], entry["schema"]
        raw = read_raw(self.path)
        self.header = list(raw.columns)
        self.rows = raw.to_dict("records")
        self.original = self.path.read_bytes()

    def content(self) -> bytes:
        return csv_bytes(self.header, self.rows)


def parse_retrieved(text: str | None) -> datetime | None:
    """``--retrieved`` as a UTC time (a date means its midnight)."""
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise RefreshError(f"--retrieved '{text}' is not a date (YYYY-MM-DD) or time") from None
    return when.replace(tzinfo=when.tzinfo or UTC).astimezone(UTC)


def select(names: list[str] | None) -> list[Source]:
    known = {s.name: s for s in SOURCES}
    unknown = [n for n in names or [] if n not in known]
    if unknown:
        raise RefreshError(f"unknown source '{unknown[0]}'; known: {', '.join(known)}")
    return [s for s in SOURCES if not names or s.name in names]


def cite(sources: Table, file: PublisherFile, download: Download) -> str:
    """The id of ``file`` in sources.csv, adding or re-dating its row (written by column name)."""
    url, retrieved = file.cited_url, download.retrieved.date().isoformat()
    for row in sources.rows:
        if row.get("url") == url:
            row["retrieved"] = retrieved
            if "rank" in row:
                row["rank"] = "publisher"  # the publisher's own file, whoever added the row
            return row["source_id"]
    if any(row["source_id"] == file.source_id for row in sources.rows):
        raise RefreshError(f"sources.csv already has '{file.source_id}' for another URL than {url}")
    values = {"source_id": file.source_id, "url": url, "publisher": file.publisher, "title": file.title,
              "retrieved": retrieved, "note": file.note, "rank": "publisher"}
    sources.rows.append({c: values.get(c, "") for c in sources.header})
    return file.source_id


def _key(change: Change) -> str:
    return " ".join(str(k) for k in change.key)


def report(changes: list[Change], dry_run: bool, out: TextIO) -> None:
    """Per table: rows added, values revised, unchanged, held; with details where they matter."""
    tables = list(dict.fromkeys(c.table for c in changes))
    for table in tables:
        mine = [c for c in changes if c.table == table]
        count = Counter(c.kind for c in mine)
        print(f"{table}: {count['added']} rows added, {count['revised'] + count['filled']} values revised, "
              f"{count['unchanged']} unchanged, {count['held']} revisions held, {count['left_out']} rows left out",
              file=out)
        for change in mine:
            if change.kind == "held" or (dry_run and change.kind in ("revised", "filled")):
                tag = "held" if change.kind == "held" else "revise"
                print(f"  {tag}: {_key(change)} {change.column}: {change.old or '(empty)'} → {change.new} "
                      f"[{change.source}]", file=out)
            elif dry_run and change.kind == "added":
                print(f"  add: {_key(change)}: {change.new} [{change.source}]", file=out)
        for (column, reason), n in Counter((c.column, c.new) for c in mine if c.kind == "left_out").items():
            print(f"  left out: {n} rows ({column} {reason})", file=out)
    if any(c.kind == "held" for c in changes):
        print(f"revisions held: more than {TOLERANCE:.0%} or older than the last {RECENT_YEARS} years; "
              "review them and rerun with --yes to accept", file=out)


def fetch_all(plan: list[tuple[Source, list[PublisherFile]]], fetcher: Fetcher,
              out: TextIO) -> dict[str, list[tuple[PublisherFile, Download]]]:
    total = sum(len(files) for _, files in plan)
    downloads, n = {}, 0
    for source, files in plan:
        for file in files:
            n += 1
            print(f"[{n}/{total}] {source.name}: {shown(file.url)} ...", end=" ", file=out, flush=True)
            try:
                download = fetcher.get(file.url, dict(file.headers))
            except RefreshError as error:
                print("failed", file=out)
                raise RefreshError(f"{source.name}: {error}") from None
            print(f"{len(download.body):,} bytes", file=out)
            downloads.setdefault(source.name, []).append((file, download))
    return downloads


def validated(data_dir: Path, contents: dict[str, bytes]) -> None:
    """Validate ``data/`` with ``contents`` (file name -> bytes) in place of its files, in a copy."""
    with tempfile.TemporaryDirectory(prefix="refresh-check-") as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(data_dir, copy)
        for name, content in contents.items():
            (copy / name).write_bytes(content)
        try:
            validate_all(copy)
        except DataValidationError as error:
            text = str(error).replace(str(copy), "data")
            raise RefreshError(f"the refreshed tables do not pass validation: {text}") from None


def run(names: list[str] | None = None, *, dry_run: bool = False, yes: bool = False,
        fetcher: Fetcher | None = None, settings: Settings | None = None,
        data_dir: Path | None = None, out: TextIO | None = None) -> int:
    """The refresh; returns the exit code. Messages go to ``out`` (default: standard output);
    problems raise RefreshError."""
    out = out or sys.stdout
    data_dir = Path(data_dir or DATA_DIR)
    settings = settings or Settings.from_environment()
    fetcher = fetcher or Fetcher()
    plan = []
    for source in select(names):
        reason = source.skip(settings)
        if reason:
            print(f"{source.name}: {reason}", file=out)
        else:
            plan.append((source, source.files(settings)))
    if not plan:
        print("nothing to refresh", file=out)
        return 0
    downloads = fetch_all(plan, fetcher, out)
    sources = Table(SOURCES_TABLE, data_dir)
    tables: dict[str, Table] = {}
    changes: list[Change] = []
    for source, _ in plan:
        got = downloads[source.name]
        ids = {file.url: cite(sources, file, download) for file, download in got}
        try:
            updates = source.build(got, ids)
        except RefreshError as error:
            raise RefreshError(f"{source.name}: {error}") from None
        for update in updates:
            table = tables.get(update.table) or tables.setdefault(update.table, Table(update.table, data_dir))
            table.rows, found = merge(table.header, table.rows, table.schema, update, yes=yes)
            changes += found
    report(changes, dry_run, out)
    if dry_run:
        print("dry run: nothing written", file=out)
        return 0
    contents = {t.path.name: t.content() for t in [sources, *tables.values()] if t.content() != t.original}
    validated(data_dir, contents)
    record = (manifest.read(data_dir) or {}).get("sources", {})
    for source, _ in plan:
        got = downloads[source.name]
        record[source.name] = {"retrieved": min(d.retrieved for _, d in got).isoformat().replace("+00:00", "Z"),
                               "files": {f.cited_url: manifest.sha256(d.body) for f, d in got}}
    after = {**manifest.data_files(data_dir), **contents}
    writes = {data_dir / name: content for name, content in contents.items()}
    writes[data_dir / manifest.MANIFEST_NAME] = manifest.render(after, record)
    replace_together(writes)
    written = ", ".join(sorted(contents)) or "no table changed"
    print(f"written: {written}; {manifest.MANIFEST_NAME} updated. Next: review with git diff, "
          "then make figures and make test, then commit", file=out)
    return 0
