"""The column documentation in ``data/README.md``, generated from ``data/datapackage.json``.

Each table's section in the README starts with a block made here (its columns with type, unit,
rules and meaning; its key, sort order and references; with ``sources.csv`` carrying a ``rank``,
its rows counted by source rank) and goes on with the curators' prose, which is kept as written.
Sections are placed in the descriptor's order under "## Tables", so a table cannot end up under
another heading; the README's other sections stay where they are.

``python -m analysis docs`` rewrites the README; ``--check`` (and a test) fails when it is stale.
"""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pandas as pd

from analysis import load
from analysis.fileio import write_text_atomically
from analysis.paths import DATA_DIR
from analysis.validate import references

README_NAME = "README.md"
LINE_WIDTH = 100
TABLES_HEADING = "## Tables"
BEGIN = ("<!-- generated from datapackage.json by `python -m analysis docs`: "
         "edit the descriptor, not this block -->")
END = "<!-- end of generated block -->"
GENERATED = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n*", re.S)
TABLE_HEADING = re.compile(r"^### `([^`]+\.csv)`")
# Best first: a row citing several sources is counted under the best of them.
RANKS = ["publisher", "agency", "academic", "repost", "personal"]


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _type(field: dict) -> str:
    partial = field.get("x-partialDate")
    if partial is None:
        return field.get("type", "string")
    precision = f", precision in `{partial['precisionField']}`" if "precisionField" in partial else ""
    return f"partial date (YYYY, YYYY-MM or YYYY-MM-DD{precision})"


def _rules(field: dict, citing: set[str]) -> str:
    constraints = field.get("constraints", {})
    bounds = field.get("x-partialDate") or constraints
    rules = ["required"] if constraints.get("required") else []
    if constraints.get("unique"):
        rules.append("unique")
    if "enum" in constraints:
        rules.append("one of " + ", ".join(f"`{v}`" for v in constraints["enum"]))
    if "minimum" in bounds or "maximum" in bounds:
        rules.append(f"{bounds.get('minimum', '…')} to {bounds.get('maximum', '…')}")
    # A partial date's pattern is in its type; a reference's is in the keys line.
    if "pattern" in constraints and "x-partialDate" not in field and field["name"] not in citing:
        rules.append(f"pattern `{constraints['pattern']}`")
    return "; ".join(rules)


def column_table(entry: dict) -> list[str]:
    """A Markdown table of the columns of one descriptor entry."""
    lines = ["| column | type | unit | rules | meaning |", "| --- | --- | --- | --- | --- |"]
    citing = {key["fields"] for key in references(entry["schema"])}
    for field in entry["schema"]["fields"]:
        cells = [f"`{field['name']}`", _type(field), field.get("x-unit", ""), _rules(field, citing),
                 field.get("description", "")]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines


def _names(columns: list[str] | str) -> str:
    return " + ".join(f"`{c}`" for c in ([columns] if isinstance(columns, str) else columns))


def keys_line(entry: dict) -> str:
    schema = entry["schema"]
    parts = [f"Key: {_names(schema['primaryKey'])}."] if schema.get("primaryKey") else []
    if entry.get("x-sort"):
        parts.append(f"Loaded by `load.load_{entry['name']}()` sorted by {_names(entry['x-sort'])}.")
    else:
        parts.append(f"Loaded by `load.load_{entry['name']}()` in the file's order.")
    for key in references(entry["schema"]):
        several = f" (several joined by `{key['listSeparator']}`)" if key.get("listSeparator") else ""
        parts.append(f"`{key['fields']}` cites `{key['reference']['resource']}.{key['reference']['fields']}`"
                     f"{several}.")
    return " ".join(parts)


def rows_by_rank(name: str, data_dir: Path | None = None) -> pd.Series | None:
    """Rows of a table counted by the best rank of the sources they cite (sources: by their own
    rank); None while ``sources.csv`` has no ``rank`` column."""
    sources = load.validate_table("sources", data_dir)
    if "rank" not in sources.columns:
        return None
    rank_of = dict(zip(sources["source_id"], sources["rank"], strict=True))
    if name == "sources":
        ranks = sources["rank"]
    else:
        raw = load.validate_table(name, data_dir)
        order = {rank: i for i, rank in enumerate(RANKS)}
        ranks = raw["source_id"].map(lambda cell: min(
            (rank_of[i] for i in cell.split(";") if i), key=lambda r: order.get(r, len(RANKS))))
    counts = ranks.value_counts()
    return counts.reindex([r for r in RANKS if r in counts.index] + sorted(set(counts.index) - set(RANKS)))


def generated_block(entry: dict, data_dir: Path | None = None) -> list[str]:
    lines = [BEGIN, "", *column_table(entry), "", *_wrap(keys_line(entry))]
    counts = rows_by_rank(entry["name"], data_dir)
    if counts is not None:
        what = "Sources" if entry["name"] == "sources" else "Rows by their best-ranked source"
        lines += ["", *_wrap(f"{what}: " + ", ".join(f"{rank} {n}" for rank, n in counts.items()) + ".")]
    return lines + [END, ""]


def _wrap(text: str) -> list[str]:
    """Prose lines of the README's width; code spans are never split."""
    return textwrap.wrap(text, width=LINE_WIDTH, break_long_words=False, break_on_hyphens=False)


def _sections(text: str) -> list[tuple[str, list[str]]]:
    """(heading line or '' for the preamble, body lines) for every ## and ### heading."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        if line.startswith(("## ", "### ")):
            sections.append((line, []))
        else:
            sections[-1][1].append(line)
    return sections


def _prose(body: list[str]) -> list[str]:
    """The hand-written lines of a table section, without the generated block."""
    return GENERATED.sub("", "\n".join(body)).strip("\n").splitlines()


def render_readme(text: str, data_dir: Path | None = None) -> str:
    """The README with each table's generated block renewed and table sections in descriptor order."""
    sections = _sections(text)
    tables = {m.group(1): (heading, body) for heading, body in sections if (m := TABLE_HEADING.match(heading))}
    others = [(h, b) for h, b in sections if not TABLE_HEADING.match(h)]
    out: list[str] = []
    for heading, body in others:
        out += ([heading] if heading else []) + body
        if heading == TABLES_HEADING:
            if out[-1] != "":
                out.append("")
            for entry in load.read_descriptor(data_dir)["resources"]:
                own_heading, own_body = tables.pop(entry["path"], (None, []))
                out += [own_heading or f"### `{entry['path']}` — {entry.get('title', entry['name'])}", ""]
                out += generated_block(entry, data_dir)
                prose = _prose(own_body)
                out += prose + ([""] if prose else [])
            for orphan_heading, orphan_body in tables.values():  # prose is never dropped
                out += [orphan_heading, *orphan_body]
            tables = {}
    if TABLES_HEADING not in (h for h, _ in others):
        raise ValueError(f"{README_NAME} has no '{TABLES_HEADING}' heading to put the tables under")
    return "\n".join(out).rstrip("\n") + "\n"


def write_readme(data_dir: Path | None = None, check: bool = False) -> bool:
    """Renew ``README.md`` in the data folder; return whether it was (``check``: would be) changed."""
    path = Path(data_dir or DATA_DIR) / README_NAME
    before = path.read_text(encoding="utf-8")
    after = render_readme(before, data_dir)
    if after != before and not check:
        write_text_atomically(path, after)  # never a half-written README
    return after != before
