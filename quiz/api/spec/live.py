"""OpenAPI part: the live class hour's state endpoint."""

from quiz.api.spec.common import error_response

PATHS = {
    "/live/{session_id}/state": {
        "get": {
            "summary": "The live session's state, for a pupil's device to follow the teacher",
            "description": (
                "Poll about once a second with If-None-Match set to the last ETag: an unchanged "
                "state answers 304 Not Modified with no body. `version` grows on every change "
                "the pupils must see (start, next, reveal, lock, finish). The item itself is not "
                "in the state: fetch it when `item_id` changes."
            ),
            "security": [{"participant": []}],
            "parameters": [
                {
                    "name": "session_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                },
                {
                    "name": "If-None-Match",
                    "in": "header",
                    "required": False,
                    "schema": {"type": "string"},
                },
            ],
            "responses": {
                "200": {
                    "description": "The state",
                    "headers": {"ETag": {"schema": {"type": "string"}}},
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/LiveState"}}
                    },
                },
                "304": {"description": "Unchanged since the ETag sent"},
                "404": error_response("No such session, or the pupil is not in its class"),
            },
        }
    }
}

SCHEMAS = {
    "LiveState": {
        "type": "object",
        "required": ["session_id", "version", "state", "total", "locked"],
        "properties": {
            "session_id": {"type": "integer"},
            "version": {"type": "integer", "description": "grows on every change"},
            "state": {"type": "string", "enum": ["lobby", "question", "reveal", "finished"]},
            "index": {"type": "integer", "nullable": True, "description": "0-based item index"},
            "total": {"type": "integer"},
            "item_id": {"type": "string", "nullable": True},
            "locked": {"type": "boolean"},
            "timer_seconds": {"type": "integer", "nullable": True},
            "question_started_at": {"type": "string", "format": "date-time", "nullable": True},
        },
    }
}
