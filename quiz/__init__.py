"""The Safety Online quiz platform: the application factory."""

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: config, extensions, content bank, blueprints, CLI."""
    from quiz import cli, config, web
    from quiz.auth import setup as auth_setup
    from quiz.db import configure_engine
    from quiz.extensions import babel, compress, csrf, db, limiter, login, migrate
    from quiz.i18n import select_locale
    from quiz.services.content import install_bank

    app = Flask(__name__, instance_relative_config=True)
    config.load(app, test_config)

    db.init_app(app)
    migrate.init_app(app, db, directory=config.MIGRATIONS_DIR, render_as_batch=True)
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    compress.init_app(app)
    limiter.init_app(app)
    login.init_app(app)
    with app.app_context():
        configure_engine(app)

    install_bank(app)
    web.init_app(app)
    auth_setup.init_app(app)
    for blueprint in _blueprints():
        app.register_blueprint(blueprint)
    cli.init_app(app)
    return app


def _blueprints():
    from quiz.api import (
        live,  # noqa: F401 - registers the live state endpoint
        openapi,  # noqa: F401 - registers the document's route
    )
    from quiz.api import pupil as pupil_api  # noqa: F401 - registers the pupils' API routes
    from quiz.api.base import bp as api
    from quiz.auth.views import bp as auth
    from quiz.live.views import bp as live_pupils
    from quiz.main.views import bp as main
    from quiz.pupil.views import bp as pupil
    from quiz.teacher.views import bp as teacher

    return [main, auth, api, pupil, teacher, live_pupils]
