"""Schemas shared by every part of the API."""

PATHS: dict = {}

SCHEMAS = {
    "Bilingual": {
        "type": "object",
        "required": ["kk", "ru"],
        "properties": {"kk": {"type": "string"}, "ru": {"type": "string"}},
    },
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string"},
                    "message": {"$ref": "#/components/schemas/Bilingual"},
                },
            }
        },
    },
}


def error_response(description: str) -> dict:
    """Return an OpenAPI response object carrying the Error schema."""
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
