"""The one error type of the refresh command.

Every problem the command can meet (a host that cannot be reached, a page that is not the
publisher's file, a cell that is not a number) is raised as :class:`RefreshError` with a message
of one line naming the source and the problem, so the command can print it and stop without a
traceback. Parsers raise :class:`FormatError`, which also names the file, line and column.
"""
from __future__ import annotations


class RefreshError(Exception):
    """A refresh cannot go on; ``str(error)`` is one line for the terminal."""


class FormatError(RefreshError, ValueError):
    """A publisher file is not in the layout its parser expects."""

    def __init__(self, origin: str, message: str, line: int | None = None, column: str | None = None):
        self.origin, self.line, self.column, self.problem = origin, line, column, message
        where = "".join([f", line {line}" if line is not None else "",
                         f", column '{column}'" if column is not None else ""])
        super().__init__(f"{origin}{where}: {message}")
