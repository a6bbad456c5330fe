"""flask report export ... and flask schools import ...: organizers' command line."""

from pathlib import Path

import click
from flask.cli import AppGroup

from quiz.errors import QuizError

report_cli = AppGroup("report", help="The challenge report of the rules.")
schools_cli = AppGroup("schools", help="The school registry.")
stats_cli = AppGroup("stats", help="The roll-ups behind the organizers' figures.")


def init_app(app) -> None:
    """Register the organizers' command groups."""
    app.cli.add_command(report_cli)
    app.cli.add_command(schools_cli)
    app.cli.add_command(stats_cli)


@stats_cli.command("rebuild")
def stats_rebuild():
    """Recompute the roll-up tables from answers, attempts and participants."""
    from quiz.services import rollups

    for table, rows in rollups.rebuild().items():
        click.echo(f"{table}: {rows} rows")
    from quiz.services import aggregates

    for table, rows in aggregates.rebuild().items():
        click.echo(f"{table}: {rows} rows")


@stats_cli.command("refresh")
def stats_refresh():
    """Bring the dashboard's aggregates up to date (for cron; waits for a running refresh)."""
    from quiz.services import aggregates

    schools = aggregates.refresh(wait=True)
    click.echo(f"{schools} schools recounted")


@stats_cli.command("check")
def stats_check():
    """Compare the roll-ups with a recomputation by the rule; exit 1 when they differ."""
    from quiz.services import rollups

    found = rollups.differences()
    for table, rows in found.items():
        click.echo(f"{table}: {rows} rows differ")
    if any(found.values()):
        raise click.ClickException("the roll-ups differ: run `flask stats rebuild`")


@report_cli.command("export")
@click.option("--challenge", "challenge_id", type=int, required=True)
@click.option("--lang", type=click.Choice(["kk", "ru"]), required=True)
@click.option("--format", "fmt", type=click.Choice(["xlsx", "docx", "pdf", "csv"]), required=True)
@click.option("--region", "region_id", type=int)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True)
def report_export(challenge_id, lang, fmt, region_id, out):
    """Write the report table of a challenge (all regions, or one) to a file; exit 1 without
    writing it when no school takes part."""
    from quiz.services import report
    from quiz.services.participation import Filters
    from quiz.services.scope import challenge_or_current, filters_for

    try:
        challenge = challenge_or_current(challenge_id)
        filters = Filters(challenge.id, region_id)
        if region_id:  # the same checks as an organizer's request, with national scope
            filters = filters_for(_national(), challenge.id, region_id)
        table = report.build(filters, lang)
        data, _mime = report.export(table, fmt)
    except report.NothingToExport as error:  # no file, not even an empty one
        raise click.ClickException(report.empty_message(lang)) from error
    except QuizError as error:
        raise click.ClickException(f"no such challenge or region ({error})") from error
    Path(out).write_bytes(data)
    click.echo(f"{len(table.rows)} schools, {table.total} participants -> {out}")


def _national():
    from quiz.models import User

    return User(role="national", active=True)


@schools_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def schools_import(file):
    """Import regions' districts and schools from CSV or XLSX; nothing when a row is bad."""
    from quiz.services import registry

    path = Path(file)
    try:
        rows = registry.read_rows(path.read_bytes(), path.name)
    except QuizError as error:
        raise click.ClickException(_file_problem(error)) from error
    with click.progressbar(length=len(rows), label="checking rows") as bar:
        result = registry.import_rows(rows, progress=bar.update)
    for number, code, value in result.errors:
        click.echo(f"row {number}: {code.replace('_', ' ')}: {value}", err=True)
    if result.errors:
        raise click.ClickException(f"{len(result.errors)} error(s): nothing was imported")
    for number, name in result.duplicates:
        click.echo(f"row {number}: already registered, skipped: {name}")
    click.echo(
        f"{result.created} schools and {result.districts} districts added, "
        f"{len(result.duplicates)} duplicates skipped ({result.rows} rows)"
    )


def _file_problem(error: QuizError) -> str:
    reason = error.details.get("reason")
    if reason == "header":
        return "the header row lacks: " + ", ".join(error.details.get("missing", []))
    return {
        "format": "the file must be .csv or .xlsx",
        "empty": "the file is empty",
        "encoding": "the CSV file must be UTF-8",
        "unreadable": "the XLSX file cannot be read",
    }.get(reason, str(error))
