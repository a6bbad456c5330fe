"""Several processes writing at once never fail with "database is locked"."""

import multiprocessing

from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Region

PROCESSES, TRANSACTIONS = 8, 150


def _worker(config: dict, worker: int, errors) -> None:
    """Run read-then-write transactions through the app's own engine set-up."""
    from quiz import create_app

    app = create_app(config)
    with app.app_context():
        for n in range(TRANSACTIONS):
            try:
                count = db.session.scalar(select(func.count()).select_from(Region))
                key = f"w{worker}-{n}-{count}"
                db.session.add(Region(name_kk=key, name_ru=key, name_key=key))
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - counted and reported by the test
                db.session.rollback()
                errors.put(repr(error))
        db.engine.dispose()


def test_eight_processes_write_1200_transactions_without_lock_errors(app, app_config):
    db.session.remove()
    ctx = multiprocessing.get_context("spawn")
    errors = ctx.Queue()
    workers = [ctx.Process(target=_worker, args=(app_config, n, errors)) for n in range(PROCESSES)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == []
    assert db.session.scalar(select(func.count()).select_from(Region)) == PROCESSES * TRANSACTIONS
