"""Shared by the route tables: the two-tenant world of the access table, and isolated requests."""

from quiz.extensions import db
from tests import factories
from tests.web import test_access_table as access


def build_world() -> dict:
    """Two tenants (regions A and B) with every kind of record, and a national organizer."""
    challenge = factories.challenge()
    own, other = access.Tenant(challenge, "a"), access.Tenant(challenge, "b")
    return {
        "challenge": challenge,
        "own": own,
        "other": other,
        "national": factories.user("national"),
    }


def send(app, client, method: str, url: str, **kwargs):
    """Send a request in an app context of its own, as in production.

    The test's context would otherwise share `g` (and the signed-in user Flask-Login caches
    there) between requests of different clients. The test's own transaction ends first, so
    the request never waits for a lock the test holds (SQLite).
    """
    db.session.commit()
    with app.app_context():
        return client.open(url, method=method, **kwargs)
