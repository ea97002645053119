"""Command line: ``python -m analysis build | validate | docs | html | student | refresh | check``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.build_cache import CACHE_FILE
from analysis.paths import PROJECT_ROOT


def _build(args) -> int:
    from analysis.build import NotebookFailed, build
    missing = [p for p in args.notebooks if not Path(p).is_file()]
    if missing:  # one line, not a traceback: the usual cause is a typo
        print(f"no such notebook: {', '.join(missing)} (the notebooks are notebooks/NN_name.ipynb)",
              file=sys.stderr)
        return 2
    try:
        build([Path(p).resolve() for p in args.notebooks] or None, write=not args.no_write,
              figures=Path(args.figures_dir).resolve() if args.figures_dir else None,
              jobs=args.jobs, force=args.force, cache=Path(args.cache))
    except NotebookFailed as error:
        print(f"\n{error}", file=sys.stderr)
        return 1
    return 0


def _validate(args) -> int:
    from analysis.load import validate_all
    from analysis.validate import DataValidationError, DescriptorError
    try:
        counts = validate_all(Path(args.data_dir) if args.data_dir else None)
    except (DataValidationError, DescriptorError) as error:
        print(error, file=sys.stderr)
        return 1
    for name, rows in counts.items():
        print(f"{name:20s} {rows:5d} rows ok")
    return 0


def _docs(args) -> int:
    from analysis.datadocs import write_readme
    from analysis.validate import DataValidationError, DescriptorError
    try:
        changed = write_readme(Path(args.data_dir) if args.data_dir else None, check=args.check)
    except (DataValidationError, DescriptorError) as error:
        print(error, file=sys.stderr)
        return 1
    if args.check and changed:
        print("data/README.md is stale: run python -m analysis docs", file=sys.stderr)
        return 1
    print("data/README.md " + ("updated" if changed else "is up to date"))
    return 0


def _html(args) -> int:
    from analysis.publish import export_html
    for path in export_html(Path(args.out)):
        print(path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path)
    return 0


def _student(args) -> int:
    from analysis.publish import export_student
    for path in export_student(Path(args.out)):
        print(path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path)
    return 0


def _refresh(args) -> int:
    from analysis.refresh import RefreshError, run
    from analysis.refresh.command import parse_retrieved
    from analysis.refresh.fetch import Fetcher
    from analysis.refresh.sources import Settings, source_names
    unknown = [name for name in args.source or [] if name not in source_names()]
    if unknown:
        print(f"refresh: no source named {', '.join(unknown)}; the sources are: {', '.join(source_names())}",
              file=sys.stderr)
        return 2
    if args.retrieved and not args.from_dir:
        print("refresh: --retrieved goes with --from-dir (a download is dated when it happens)", file=sys.stderr)
        return 2
    try:
        fetcher = Fetcher(mirror=args.mirror, from_dir=Path(args.from_dir) if args.from_dir else None,
                          retrieved=parse_retrieved(args.retrieved))
        return run(args.source or None, dry_run=args.dry_run, yes=args.yes, fetcher=fetcher,
                   settings=Settings.from_environment(args.opinion_url),
                   data_dir=Path(args.data_dir) if args.data_dir else None)
    except (RefreshError, ValueError, FileNotFoundError) as error:
        print(f"refresh: {error}; nothing written", file=sys.stderr)
        return 1


def _check(args) -> int:
    from analysis.refresh import manifest
    data_dir = Path(args.data_dir) if args.data_dir else PROJECT_ROOT / "data"
    if args.update:
        print(f"written: {manifest.update(data_dir)}")
        return 0
    try:
        problems = manifest.differences(data_dir)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print("if these changes are intended: python -m analysis check --update", file=sys.stderr)
        return 1
    print(f"{manifest.MANIFEST_NAME}: every file of {data_dir.name}/ matches")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis",
                                     description="Japan–Russia relations: data and notebooks.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="execute the notebooks that changed, in parallel; regenerates figures/",
                                description="Execute the notebooks (in parallel; they are independent) and "
                                            "regenerate figures/. A notebook whose cells, data/, analysis/ and "
                                            "environment are unchanged since its last build is skipped.")
    build.add_argument("notebooks", nargs="*", help="only these notebooks (default: all)")
    build.add_argument("--no-write", action="store_true",
                       help="do not save outputs into the notebooks (runs all: the cache is not used)")
    build.add_argument("--figures-dir", help="write figures here instead of figures/")
    build.add_argument("-j", "--jobs", type=int, default=None,
                       help="notebooks run at once, one kernel each (default: one per core)")
    build.add_argument("--force", action="store_true", help="run every notebook, changed or not")
    build.add_argument("--cache", default=str(CACHE_FILE), help="the build cache file (default: %(default)s)")
    build.set_defaults(run=_build)
    validate = commands.add_parser("validate", help="check every data table against its schema")
    validate.add_argument("--data-dir", help="a data package folder other than data/")
    validate.set_defaults(run=_validate)
    docs = commands.add_parser("docs", help="write the column documentation in data/README.md from the descriptor")
    docs.add_argument("--check", action="store_true", help="only say whether data/README.md is stale")
    docs.add_argument("--data-dir", help="a data package folder other than data/")
    docs.set_defaults(run=_docs)
    html = commands.add_parser("html", help="export the notebooks to standalone HTML")
    html.add_argument("--out", default=str(PROJECT_ROOT / "build" / "html"))
    html.set_defaults(run=_html)
    student = commands.add_parser("student", help="student edition (no worked solutions), .ipynb and .html")
    student.add_argument("--out", default=str(PROJECT_ROOT / "build" / "student"))
    student.set_defaults(run=_student)
    refresh = commands.add_parser("refresh", help="update data/ from the publishers' own files (needs the network "
                                  "unless --from-dir)")
    # The names are checked in _refresh, so building this parser (for any command) imports nothing
    # of the refresh package.
    refresh.add_argument("--source", action="append", metavar="NAME",
                         help="only this source (repeatable; default all; a wrong name lists them)")
    refresh.add_argument("--dry-run", action="store_true", help="list every addition and revision; write nothing")
    refresh.add_argument("--yes", action="store_true", help="also write revisions over 2%% or older than three years")
    where = refresh.add_mutually_exclusive_group()
    where.add_argument("--mirror", metavar="URL", help="read the files from a mirror laid out as <host>/<path>")
    where.add_argument("--from-dir", metavar="DIR", help="read the files from a folder laid out as <host>/<path>")
    refresh.add_argument("--retrieved", metavar="DATE",
                         help="with --from-dir: when the files were downloaded (default: their modification time)")
    refresh.add_argument("--opinion-url", metavar="URL", help="the Cabinet Office time-series CSV of this year")
    refresh.add_argument("--data-dir", help="the data folder to update (default: data/)")
    refresh.set_defaults(run=_refresh)
    check = commands.add_parser("check", help="verify data/ against data/manifest.json")
    check.add_argument("--update", action="store_true", help="rewrite the manifest for data/ as it is now")
    check.add_argument("--data-dir", help="the data folder to check (default: data/)")
    check.set_defaults(run=_check)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
