"""Tables of long text shown in full: positions, descriptions, reading lists.

pandas cuts every cell at 50 characters ("Japan's government holds that Etorofu/Iturup, ..."), in
JupyterLab and in the HTML export alike. :func:`text_table` wraps a DataFrame so that Jupyter shows
it as an HTML table whose long columns wrap at a readable width, with URLs as clickable links, and
anywhere else (a terminal, nbval's text comparison) as plain text wrapped into one block per row.
Nothing is ever shortened.
"""
from __future__ import annotations

import html
import textwrap

import pandas as pd

#: Columns whose longest value exceeds this many characters wrap; shorter ones stay on one line.
WRAP_OVER = 30
#: Line width of the plain-text form.
TEXT_WIDTH = 100
#: The widest a wrapped column grows in HTML: about 75 characters, a comfortable line to read.
MAX_COLUMN = "36em"
# Lab's own table style aligns cells right and centres them vertically: wrong for paragraphs. Inline
# styles because Lab's sanitizer keeps style attributes of untrusted outputs but drops <style> tags.
TABLE_STYLE = "border-collapse: collapse; table-layout: auto; margin-left: 0; margin-right: auto"
CELL_STYLE = "text-align: left; vertical-align: top; padding: 0.3em 0.6em"


def is_url(value) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def cell_text(value) -> str:
    """A cell as text: '' for a missing value, dates without a midnight time, else ``str``."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.strftime("%Y-%m-%d")
    return str(value)


def _whole_numbers(column: pd.Series) -> bool:
    known = column.dropna()
    return pd.api.types.is_float_dtype(column) and len(known) > 0 and bool((known == known.round()).all())


class TextTable:
    """A DataFrame displayed with every character of every cell (see the module docstring).

    ``frame`` holds the table itself, for further work; the index is not shown.
    """

    def __init__(self, frame: pd.DataFrame, width: int = TEXT_WIDTH):
        self.frame = frame
        self.width = width

    def _cells(self) -> list[list[str]]:
        # A float column of whole numbers (counts with gaps: NaN makes them float) shows "16", not "16.0".
        whole = [_whole_numbers(self.frame[c]) for c in self.frame.columns]
        return [[cell_text(int(v) if w and not pd.isna(v) else v) for v, w in zip(row, whole, strict=True)]
                for row in self.frame.itertuples(index=False)]

    def _wraps(self) -> list[bool]:
        """Per column: does it hold text long enough to wrap?"""
        texts = self._cells()
        return [max((len(row[i]) for row in texts), default=0) > WRAP_OVER
                for i in range(len(self.frame.columns))]

    def __repr__(self) -> str:
        labels = [str(c) for c in self.frame.columns]
        indent = max((len(label) for label in labels), default=0) + 2
        blocks = []
        for row in self._cells():
            lines = []
            for label, text in zip(labels, row, strict=True):
                # URLs are never broken, so they can be copied whole.
                wrapped = textwrap.wrap(text, width=self.width, initial_indent=label.ljust(indent),
                                        subsequent_indent=" " * indent, break_long_words=False,
                                        break_on_hyphens=False) or [label]
                lines += wrapped
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks) if blocks else "(no rows)"

    def _repr_html_(self) -> str:
        numeric = [pd.api.types.is_numeric_dtype(self.frame[c]) for c in self.frame.columns]
        wraps = self._wraps()
        head = "".join(f'<th style="{CELL_STYLE}">{html.escape(str(c))}</th>' for c in self.frame.columns)
        rows = []
        for values, texts in zip(self.frame.itertuples(index=False), self._cells(), strict=True):
            cells = [_html_cell(v, t, wrap, num) for v, t, wrap, num in zip(values, texts, wraps, numeric, strict=True)]
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return (f'<table class="text-table" style="{TABLE_STYLE}"><thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table>")


def _html_cell(value, text: str, wrap: bool, numeric: bool) -> str:
    """One ``<td>``: URLs as links showing the whole address, long text wrapped at ``MAX_COLUMN``."""
    style = CELL_STYLE.replace("text-align: left", "text-align: right") if numeric else CELL_STYLE
    content = html.escape(text)
    if is_url(value):
        content = f'<a href="{html.escape(value, quote=True)}">{content}</a>'
    if wrap:
        # max-width on a <td> is ignored by browsers; on a <div> inside it, it holds.
        long_text = "max-width: " + MAX_COLUMN + "; min-width: 12em; white-space: normal"
        content = f'<div style="{long_text}; overflow-wrap: anywhere">{content}</div>'
    else:
        style += "; white-space: nowrap"
    return f'<td style="{style}">{content}</td>'


def text_table(frame: pd.DataFrame, width: int = TEXT_WIDTH) -> TextTable:
    """Show ``frame`` in full: wrapped HTML in Jupyter, wrapped plain text elsewhere."""
    return TextTable(frame.reset_index(drop=True), width=width)
