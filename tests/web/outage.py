"""Real database outages for tests: a TCP gate in front of PostgreSQL, SQLite's write lock."""

import socket
import sqlite3
import threading
from contextlib import contextmanager, suppress


class Gate:
    """A TCP forwarder in front of a database server on one fixed local port.

    Open, it passes bytes both ways; closed, the port refuses connections and every open
    connection is cut, as when the server goes away (pg_terminate_backend, a restart).
    """

    def __init__(self, host: str, port: int):
        self.upstream = (host, port)
        self.port = 0
        self.lock = threading.Lock()
        self.sockets: set[socket.socket] = set()
        self.listener: socket.socket | None = None
        self.open()

    def open(self) -> None:
        """Listen again on the same port: the database is back."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        """Refuse new connections and cut the open ones."""
        if self.listener is not None:
            _cut(self.listener)
            self.listener = None
        with self.lock:
            for sock in self.sockets:
                _cut(sock)
            self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed
            try:
                server = socket.create_connection(self.upstream, timeout=5)
                server.settimeout(None)
            except OSError:
                _cut(client)
                continue
            with self.lock:
                self.sockets |= {client, server}
            for src, dst in ((client, server), (server, client)):
                threading.Thread(target=_pipe, args=(src, dst), daemon=True).start()


def _pipe(src: socket.socket, dst: socket.socket) -> None:
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        _cut(src)
        _cut(dst)


def _cut(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in accept() or recv()
    with suppress(OSError):
        sock.close()


@contextmanager
def sqlite_write_lock(path: str):
    """Hold SQLite's write lock from another connection (BEGIN EXCLUSIVE) until the block ends.

    In WAL mode readers go on; every writer waits for the busy timeout and then fails."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN EXCLUSIVE")
        yield
    finally:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        conn.close()
