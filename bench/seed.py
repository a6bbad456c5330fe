"""Seed a benchmark database: demo data, then pupils with open attempts (prints JSON)."""

import json

from quiz import create_app
from quiz.services import demo


def main() -> None:
    """Load the data the scenarios need and print their ids and tokens."""
    app = create_app()
    with app.app_context():
        data = demo.load() if demo.database_is_empty() else {}
        print(json.dumps({"demo": data}, ensure_ascii=False))


if __name__ == "__main__":
    main()
