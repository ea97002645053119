"""Command line: ``python -m analysis build | validate | html``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.build_cache import CACHE_FILE
from analysis.paths import PROJECT_ROOT


def _build(args) -> int:
    from analysis.build import NotebookFailed, build
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
    from analysis.validate import DataValidationError
    try:
        counts = validate_all()
    except DataValidationError as error:
        print(error, file=sys.stderr)
        return 1
    for name, rows in counts.items():
        print(f"{name:20s} {rows:5d} rows ok")
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


def _update(args) -> int:
    from analysis import update
    from analysis.validate import DataValidationError
    if args.file:
        raw, origin = Path(args.file).read_bytes(), args.url or Path(args.file).resolve().as_uri()
    else:
        if args.partner != "WORLD" and not args.url:
            print("give --url (or --file) for the Customs area file that holds this partner",
                  file=sys.stderr)
            return 2
        origin = args.url or update.CUSTOMS_BASE + update.CUSTOMS_WORLD_FILE
        print(f"downloading {origin} ...", flush=True)
        raw = update.fetch(origin)
    try:
        result = update.update_customs_monthly(raw, origin, partner=args.partner)
    except DataValidationError as error:
        print(f"nothing written:\n{error}", file=sys.stderr)
        return 1
    print(f"trade_monthly.csv: {result['added']} months added, {result['changed']} changed "
          f"(source {result['source_id']}); review with git diff, then make figures")
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
    validate.set_defaults(run=_validate)
    html = commands.add_parser("html", help="export the notebooks to standalone HTML")
    html.add_argument("--out", default=str(PROJECT_ROOT / "build" / "html"))
    html.set_defaults(run=_html)
    student = commands.add_parser("student", help="student edition (no worked solutions), .ipynb and .html")
    student.add_argument("--out", default=str(PROJECT_ROOT / "build" / "student"))
    student.set_defaults(run=_student)
    update = commands.add_parser("update",
                                 help="update data/ from an official source (needs the network unless --file)")
    update.add_argument("dataset", choices=["customs-monthly"])
    update.add_argument("--partner", choices=["WORLD", "RU"], default="WORLD")
    update.add_argument("--file", help="a downloaded Customs CSV instead of fetching it")
    update.add_argument("--url", help="the file's official URL (recorded as its source)")
    update.set_defaults(run=_update)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
