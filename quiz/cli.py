"""Command-line tools: flask content ..., flask users ..., flask demo."""

import json
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from quiz.errors import QuizError
from quiz.organizer import cli as organizer_cli
from quiz.services.accounts import MIN_PASSWORD

content_cli = AppGroup("content", help="Check and export the content bank.")
users_cli = AppGroup("users", help="Staff accounts and API tokens.")
privacy_cli = AppGroup("privacy", help="Retention of pupils' data.")


def init_app(app) -> None:
    """Register the command groups."""
    app.cli.add_command(content_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(privacy_cli)
    organizer_cli.init_app(app)


@content_cli.command("check")
@click.option("--complete", is_flag=True, help="Also require full coverage of themes and bands.")
def content_check(complete):
    """Print a summary of the bank (exit 0), or every problem with file and item (exit 1)."""
    from pathlib import Path

    from quiz.bank.__main__ import check

    sys.exit(check(Path(current_app.config["CONTENT_DIR"]), complete))


@content_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "gift"]), default="json")
@click.option("--lang", type=click.Choice(["kk", "ru"]), default="kk")
def content_export(fmt, lang):
    """Print the normalised bank as JSON, or as Moodle GIFT in one language."""
    from quiz.services.content import bank

    if fmt == "gift":
        from quiz.bank.gift import export_gift

        click.echo(export_gift(bank(), lang))
    else:
        click.echo(json.dumps(bank().export(), ensure_ascii=False, indent=2))


@users_cli.command("create")
@click.option(
    "--role", required=True, type=click.Choice(["teacher", "coordinator", "regional", "national"])
)
@click.option("--email", required=True)
@click.option("--school", "school_id", type=int)
@click.option("--region", "region_id", type=int)
@click.option("--locale", type=click.Choice(["kk", "ru"]), default="kk")
def users_create(role, email, school_id, region_id, locale):
    """Create a staff account; the password is read from standard input."""
    from quiz.services import accounts

    password = sys.stdin.readline().rstrip("\n")
    try:
        user = accounts.create_user(email, password, role, school_id, region_id, locale)
    except QuizError as error:
        raise click.ClickException(_explain_invalid(error)) from error
    click.echo(f"created {user.role} {user.email} (id {user.id})")


def _explain_invalid(error: QuizError) -> str:
    field = error.details.get("field", "")
    return {
        "email": "the e-mail is malformed or already used",
        "password": f"the password must have at least {MIN_PASSWORD} characters (from stdin)",
        "school": "--school must name an existing school id for this role",
        "region": "--region must name an existing region id for a regional organizer",
        "role": "unknown role",
    }.get(field, str(error))


@users_cli.command("token")
@click.argument("email")
def users_token(email):
    """Print a new API token for the account."""
    from quiz.services import accounts

    try:
        click.echo(accounts.issue_token(email))
    except QuizError as error:
        raise click.ClickException(f"no account with the e-mail {email}") from error


@users_cli.command("revoke-tokens")
@click.argument("email")
def users_revoke(email):
    """Revoke every API token of the account."""
    from quiz.services import accounts

    try:
        click.echo(f"revoked {accounts.revoke_tokens(email)} token(s)")
    except QuizError as error:
        raise click.ClickException(f"no account with the e-mail {email}") from error


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Only when the database has no school yet.")
def demo_command(if_empty):
    """Load demo data and print the accounts with their passwords as JSON."""
    from quiz.services import demo

    if current_app.config["PRODUCTION"]:
        raise click.ClickException("demo data is never loaded in production mode")
    if if_empty and not demo.database_is_empty():
        click.echo("the database already has data: demo data not loaded", err=True)
        return
    click.echo(json.dumps(demo.load(), ensure_ascii=False, indent=2))


@click.command("backup")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False))
def backup_command(out):
    """Write a consistent copy of the database while the app keeps running."""
    from pathlib import Path

    from quiz.services.backup import backup

    path = backup(current_app.config["SQLALCHEMY_DATABASE_URI"], Path(out))
    click.echo(f"backup written to {path}")


@privacy_cli.command("purge")
@click.option("--days", type=int, help="Days after the report deadline (default: config).")
@click.option("--dry-run", is_flag=True, help="Only list what would be deleted.")
def privacy_purge(days, dry_run):
    """Delete pupil-level rows of challenges N days past their report deadline."""
    from datetime import date

    from quiz.services import privacy

    days = current_app.config["PURGE_AFTER_DAYS"] if days is None else days
    challenges = privacy.due(date.today(), days)
    if not challenges:
        click.echo(f"nothing to purge (deadline + {days} days not reached)")
    for challenge in challenges:
        if dry_run:
            click.echo(f"would purge challenge {challenge.id} ({challenge.slug})")
            continue
        counts = privacy.purge(challenge)
        click.echo(
            f"purged challenge {challenge.id} ({challenge.slug}): "
            + ", ".join(f"{n} {name}" for name, n in counts.items())
        )
