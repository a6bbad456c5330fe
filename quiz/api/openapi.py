"""The OpenAPI 3 document of /api/v1, assembled from one part per area."""

from importlib import import_module

from flask import jsonify

from quiz.api.base import bp

# Each module holds PATHS and SCHEMAS (dicts) for its part of the API.
PARTS = ("quiz.api.spec.common", "quiz.api.spec.live", "quiz.api.spec.pupil")


def document() -> dict:
    """Return the whole OpenAPI document."""
    paths, schemas = {}, {}
    for name in PARTS:
        part = import_module(name)
        paths.update(part.PATHS)
        schemas.update(part.SCHEMAS)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Safety Online / Желідегі қауіпсіздік API",
            "version": "1.0.0",
            "description": "Pupils' quizzes, the live class hour and organizers' figures.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "participant": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A pupil's participant token",
                },
                "staff": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A staff API token (flask users token EMAIL)",
                },
            },
        },
    }


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3 document."""
    return jsonify(document())
