"""Command line: ``python -m quiz.bank check|export|gift [folder]``."""

import argparse
import json
import sys
from pathlib import Path

from quiz.bank.checks import content_problems, coverage_problems
from quiz.bank.errors import BankError, Problem
from quiz.bank.gift import export_gift
from quiz.bank.loader import load_bank
from quiz.bank.model import BANDS, Bank
from quiz.i18n import LOCALES

CONTENT = Path(__file__).resolve().parent.parent / "content"


def format_summary(bank: Bank) -> str:
    """The summary as lines of text: totals, per kind, per band, per theme × band."""
    data = bank.summary()
    lines = [f"themes {data['themes']}, quizzes {data['quizzes']}, items {data['items']}"]
    lines.append("per kind: " + ", ".join(f"{k} {n}" for k, n in data["per_kind"].items()))
    per_band = data["per_band"].items()
    lines.append(
        "per band: "
        + ", ".join(f"{b}: {v['quizzes']} quizzes {v['items']} items" for b, v in per_band)
    )
    for slug, bands in data["per_theme"].items():
        cells = [f"{band} {sum(bands[band].values()):>3}" for band in BANDS]
        kinds = len({kind for band in BANDS for kind in bands[band]})
        lines.append(f"  {slug:<20} " + "  ".join(cells) + f"  kinds {kinds}")
    return "\n".join(lines)


def check(folder: Path, complete: bool) -> int:
    """Load and check the bank; print a summary (exit 0) or every problem (exit 1)."""
    try:
        bank = load_bank(folder)
    except BankError as error:
        return _report(error.problems)
    problems = content_problems(bank) + (coverage_problems(bank) if complete else [])
    if problems:
        return _report(problems)
    print(format_summary(bank))
    return 0


def _report(problems: list[Problem]) -> int:
    for problem in problems:
        print(problem)
    sys.stdout.flush()
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    parser = argparse.ArgumentParser(prog="python -m quiz.bank")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="check the content and print a summary")
    check_cmd.add_argument("--complete", action="store_true", help="also check coverage")
    commands.add_parser("export", help="print the whole bank as JSON")
    gift_cmd = commands.add_parser("gift", help="print Moodle GIFT for one language")
    gift_cmd.add_argument("lang", choices=LOCALES)
    for command in commands.choices.values():
        command.add_argument("folder", nargs="?", type=Path, default=CONTENT)
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.folder, args.complete)
    try:
        bank = load_bank(args.folder)
    except BankError as error:
        return _report(error.problems)
    if args.command == "export":
        print(json.dumps(bank.export(), ensure_ascii=False, indent=1))
    else:
        print(export_gift(bank, args.lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
