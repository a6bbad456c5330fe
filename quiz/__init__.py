"""The Safety Online quiz platform: the application factory."""

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: config, extensions, content bank, blueprints, CLI."""
    from quiz import cli, config, web
    from quiz.auth import setup as auth_setup
    from quiz.db import configure_engine
    from quiz.extensions import babel, compress, csrf, db, limiter, login, migrate
    from quiz.i18n import select_locale
    from quiz.services import aggregates, rollups
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
    rollups.install()
    aggregates.install()
    web.init_app(app)
    auth_setup.init_app(app)
    for blueprint in _blueprints():
        app.register_blueprint(blueprint)
    cli.init_app(app)
    if app.config["LIVE_POLL_FAST_PATH"]:
        from quiz.api.live_poll import LivePoll

        app.wsgi_app = LivePoll(app.wsgi_app, app)
    if app.config["ITEM_FAST_PATH"]:
        from quiz.api.item_fast import ItemGet

        app.wsgi_app = ItemGet(app.wsgi_app, app)
    if app.config["ANSWER_FAST_PATH"]:
        from quiz.api.answer_fast import AnswerPut

        app.wsgi_app = AnswerPut(app.wsgi_app, app)
    if app.config["QUESTION_PAGE_FAST_PATH"]:
        from quiz.pupil.fast_page import QuestionPage

        app.wsgi_app = QuestionPage(app.wsgi_app, app)
    return app


# Each module registers its routes on its blueprint when imported.
BLUEPRINTS = (
    "quiz.main.views",
    "quiz.auth.views",
    "quiz.pupil.views",
    "quiz.teacher.views",
    "quiz.live.views",
    "quiz.organizer.views",
    "quiz.api.base",
)
API_MODULES = ("quiz.api.openapi", "quiz.api.pupil", "quiz.api.live", "quiz.api.organizer")


def _blueprints():
    from importlib import import_module

    for name in API_MODULES:
        import_module(name)
    return [import_module(name).bp for name in BLUEPRINTS]
