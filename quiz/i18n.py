"""The languages of the platform and how a request picks one.

Importable without Flask (the content bank reads LOCALES); the request helpers import it.
"""

# The one list of languages: the locale selector, the switcher, the content loader and
# the tests all read it.
LOCALES = ("kk", "ru")
DEFAULT_LOCALE = "kk"


def select_locale() -> str:
    """Return the language of this request: the URL's, else the browser's, else Kazakh."""
    from flask import g

    lang = getattr(g, "lang", None)
    if lang in LOCALES:
        return lang
    return preferred_locale()


def url_locale() -> str | None:
    """Return the language named by the first segment of the path, if any."""
    from flask import request

    first = request.path.strip("/").split("/", 1)[0]
    return first if first in LOCALES else None


def preferred_locale() -> str:
    """Return the browser's preferred platform language, Kazakh when it prefers neither."""
    from flask import request

    return request.accept_languages.best_match(LOCALES) or DEFAULT_LOCALE


def pick(texts: dict, lang: str | None = None) -> str:
    """Return the text for the current language from a {"kk": ..., "ru": ...} dict."""
    return texts[lang or select_locale()]


def switch_url(lang: str) -> str:
    """Return the URL of the current page in another language (the home page if none)."""
    from flask import current_app, request, url_for

    endpoint = request.endpoint
    if not endpoint or not current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        return url_for("main.home", lang=lang)
    args = {**(request.view_args or {}), "lang": lang}
    url = url_for(endpoint, **args)
    query = request.query_string.decode()
    return f"{url}?{query}" if query else url


def lang_prefix() -> str:
    """Return the URL rule prefix that carries the language, e.g. /<any(kk, ru):lang>."""
    return "/<any({}):lang>".format(", ".join(LOCALES))
