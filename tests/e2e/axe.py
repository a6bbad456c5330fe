"""Accessibility checks of the browser tests: axe-core, served from the package (no CDN)."""

from axe_playwright_python.sync_playwright import Axe


def serious(page) -> list:
    """The page's serious and critical axe violations, with the elements they concern."""
    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
