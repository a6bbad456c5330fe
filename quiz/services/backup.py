"""Consistent backups while the app keeps writing: SQLite's online backup API, or pg_dump."""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url


def backup(database_url: str, out: Path) -> Path:
    """Write a consistent copy of the database to `out` and return it."""
    url = make_url(database_url)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        _sqlite_backup(url.database, out)
    elif url.get_backend_name() == "postgresql":
        _pg_dump(url, out)
    else:
        raise ValueError(f"no backup method for {url.get_backend_name()}")
    return out


def _sqlite_backup(source: str, out: Path) -> None:
    """Copy page by page with the online backup API: readers and writers keep working."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(out)
    try:
        with dst:
            src.backup(dst, pages=1024)
    finally:
        dst.close()
        src.close()


def _pg_dump(url, out: Path) -> None:
    """pg_dump in custom format: one consistent snapshot (restore with pg_restore)."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise FileNotFoundError("pg_dump is not installed (Debian: postgresql-client)")
    plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run([pg_dump, "--format=custom", "--file", str(out), plain], check=True)


def sqlite_integrity(path: Path) -> str:
    """Return SQLite's integrity check of a copy ("ok" when it is sound)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
