"""Refresh ``data/`` from the publishers' own files: ``python -m analysis refresh``.

Modules, one job each: :mod:`~analysis.refresh.sources` (which files, into which tables),
:mod:`~analysis.refresh.fetch` (HTTPS with an allow-list and limits, or a mirror/folder),
parsers per format (:mod:`~analysis.refresh.customs`, :mod:`~analysis.refresh.imf`,
:mod:`~analysis.refresh.opinion`, :mod:`~analysis.refresh.estat`; goods codes in
:mod:`~analysis.refresh.goods`), :mod:`~analysis.refresh.plan` (merge and revisions),
:mod:`~analysis.refresh.apply` (all files replaced together) and
:mod:`~analysis.refresh.manifest` (``data/manifest.json`` and ``python -m analysis check``).
Every failure is a :class:`RefreshError` with a one-line message.
"""
from analysis.refresh.command import run
from analysis.refresh.errors import FormatError, RefreshError

__all__ = ["FormatError", "RefreshError", "run"]
