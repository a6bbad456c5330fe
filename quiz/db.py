"""Database engine set-up: SQLite pragmas and transaction mode, health check."""

from flask import has_request_context, request
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from quiz.extensions import db

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def configure_engine(app) -> None:
    """Attach the SQLite pragmas and BEGIN IMMEDIATE to the app's engine."""
    engine = db.engine
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
    if engine.dialect.name == "postgresql":
        _end_reads_with_commit(app)
        _custom_plans_only(engine)
    if app.config.get("COUNT_QUERIES"):
        _count_queries(app, engine)


def _flushed(session, _context) -> None:
    session.info["wrote"] = True


def _dml(state) -> None:
    if not state.is_select:
        state.session.info["wrote"] = True


def _end_reads_with_commit(app) -> None:
    """End a request's transaction that wrote nothing with COMMIT instead of ROLLBACK.

    psycopg forgets its prepared statements on every ROLLBACK (it sends DEALLOCATE ALL), and
    the session's end is a rollback: PostgreSQL would parse and plan every statement of every
    request anew (the report's counting query plans in about 2 ms and runs in 0.6). A
    transaction that flushed nothing and ran no INSERT, UPDATE or DELETE changes nothing
    whether it ends in a commit or a rollback, so it ends in a commit; any other ends as before.
    """

    if not event.contains(Session, "after_flush", _flushed):  # once per process, not per app
        event.listen(Session, "after_flush", _flushed)
        event.listen(Session, "do_orm_execute", _dml)

    @app.teardown_request
    def _end(error):
        session = db.session()
        pending = session.new or session.dirty or session.deleted
        if error is None and session.in_transaction() and not pending:
            if not session.info.get("wrote"):
                session.commit()


def _custom_plans_only(engine: Engine) -> None:
    """Plan every statement of the app's engine for its own values (PostgreSQL).

    psycopg prepares a statement on its fifth run on a connection, and PostgreSQL plans a
    prepared statement generically (without its values) from its sixth run on when that plan
    looks no dearer. For the organizers' counting statements over millions of rows a generic
    plan can be ruinous: on the national data set the dashboard of one grade band, opened after
    the national dashboard had run its band statements nine times on the same connection, ran
    for over ten minutes instead of one second. Planning per run costs about 2 ms; parsing is
    still saved. The fast paths' engines (one-row look-ups) keep PostgreSQL's default.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        with dbapi_conn.cursor() as cur:
            cur.execute("SET plan_cache_mode = force_custom_plan")
        dbapi_conn.commit()


def _count_queries(app, engine: Engine) -> None:
    """Count SQL statements per request into an X-Queries header (benchmarks, tests)."""
    from flask import g

    @event.listens_for(engine, "before_cursor_execute")
    def _count(_conn, _cursor, statement, *_args):
        # transaction control (BEGIN, COMMIT) is not a query
        if has_request_context() and not statement.startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            g.query_count = g.get("query_count", 0) + 1

    @app.after_request
    def _header(response):
        response.headers["X-Queries"] = str(g.get("query_count", 0))
        return response


def _configure_sqlite(engine: Engine, busy_ms: int) -> None:
    """WAL, a busy timeout, synchronous=NORMAL and explicit transactions."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy, not pysqlite, decide when a transaction begins.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # A transaction that reads and then writes must hold the write lock from its start,
        # or concurrent writers fail with "database is locked" (shared/STACK-NOTES.md).
        # Safe (GET) requests only read, and WAL lets them run beside a writer.
        # A connection opened with execution_options(write=True) writes even in a GET
        # (the dashboard's aggregates are refreshed by the request that reads them).
        # A connection opened with execution_options(read=True) only reads (the live poll's
        # fast path, outside any request context).
        options = conn.get_execution_options()
        reading = has_request_context() and request.method in SAFE_METHODS
        reading = options.get("read") or (reading and not options.get("write"))
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def begin_write() -> None:
    """End the session's (read) transaction and start the next one as a writer.

    For the few writes a GET request makes (a staff session's last visit): on SQLite the new
    transaction begins IMMEDIATE, so it waits for other writers instead of failing.
    """
    db.session.commit()
    db.session.connection(execution_options={"write": True})


def database_answers() -> bool:
    """Return whether the database answers a trivial query."""
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
        return True
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        db.session.rollback()
        return False


def fast_write_engine(app):
    """The engine of the answer's fast path: the app's engine on SQLite (where its transaction
    begins IMMEDIATE, as every writer's does); on PostgreSQL a small pool of its own without
    the pre-ping, in ordinary transactions."""
    from sqlalchemy import create_engine

    if "fast_write_engine" not in app.extensions:
        with app.app_context():
            engine = db.engine
        if engine.dialect.name == "postgresql":
            engine = create_engine(engine.url, pool_size=1, max_overflow=4)
        app.extensions["fast_write_engine"] = engine
    return app.extensions["fast_write_engine"]


def fast_read_engine(app):
    """The engine of the fast paths in front of Flask (live poll, question page): the app's
    engine; on PostgreSQL a small pool of its own in autocommit without the pre-ping, so a
    one-statement read is one round trip instead of four (ping, BEGIN, SELECT, ROLLBACK). A
    connection the server dropped fails once and is discarded; the fast path then leaves the
    request to Flask, which answers it (or says 503)."""
    from sqlalchemy import create_engine

    if "fast_read_engine" not in app.extensions:  # one per app, shared by the fast paths
        with app.app_context():
            engine = db.engine
        if engine.dialect.name == "postgresql":
            engine = create_engine(
                engine.url, isolation_level="AUTOCOMMIT", pool_size=1, max_overflow=4
            )
        app.extensions["fast_read_engine"] = engine
    return app.extensions["fast_read_engine"]
