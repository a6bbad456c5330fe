"""OpenAPI paths and schemas of the organizers' read-only API."""

from quiz.api.spec.common import error_response

# The groupings of GET /stats, in this order; the handler reads them from here.
BY = ("region", "district", "school", "day", "theme", "band")
DEFAULT_BY = "region"

_FILTERS = [
    {
        "name": "challenge",
        "in": "query",
        "schema": {"type": "integer"},
        "description": "Challenge id; the current challenge when left out",
    },
    {
        "name": "region",
        "in": "query",
        "schema": {"type": "integer"},
        "description": "Region id; a regional organizer is always limited to their own",
    },
    {"name": "district", "in": "query", "schema": {"type": "integer"}},
]
_ERRORS = {
    "401": error_response("No valid staff token"),
    "403": error_response("The account is not an organizer"),
    "404": error_response("The challenge, region or district is unknown or outside the scope"),
}

PATHS = {
    "/report": {
        "get": {
            "summary": "The rules' report table: one row per participating school",
            "description": "The same numbers as the XLSX, DOCX, PDF and CSV exports. "
            "participants follows the counting rule (a class counts the larger of its online "
            "and offline pupils); online and offline are the two sides it compares. A school "
            "is a row when it has at least one participant or one social-media link. Rows come "
            "in the order of the Kazakh report (region, district, then the Kazakh school name "
            "in Kazakh alphabetical order) and n numbers them in that order; the Russian page "
            "and exports order schools by their Russian names, so a school's № there may "
            "differ from n here. Use school_id to match rows.",
            "security": [{"staff": []}],
            "parameters": _FILTERS,
            "responses": {
                "200": {
                    "description": "The rows and the total",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Report"}}
                    },
                },
                **_ERRORS,
            },
        }
    },
    "/stats": {
        "get": {
            "summary": "The dashboard's figures, grouped one way",
            "description": "Places (region, district, school) and bands give participants by "
            "the counting rule; days and themes give online_pupils (distinct pupils who "
            "answered) and offline_participants (the pupils of paper sessions and offline "
            "activities held that day or on that theme; an activity counts on each theme).",
            "security": [{"staff": []}],
            "parameters": [
                *_FILTERS,
                {
                    "name": "by",
                    "in": "query",
                    "required": False,
                    "description": f"The grouping; {DEFAULT_BY} when left out",
                    "schema": {
                        "type": "string",
                        "enum": list(BY),
                        "default": DEFAULT_BY,
                    },
                },
            ],
            "responses": {
                "200": {
                    "description": "Totals and one item per group",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}
                    },
                },
                "422": error_response("Unknown grouping"),
                **_ERRORS,
            },
        }
    },
}

SCHEMAS = {
    "ReportRow": {
        "type": "object",
        "required": ["n", "school_id", "school", "participants", "online", "offline", "links"],
        "properties": {
            "n": {
                "type": "integer",
                "description": "Row number, from 1, in the Kazakh report's order",
            },
            "school_id": {"type": "integer"},
            "school": {"$ref": "#/components/schemas/Bilingual"},
            "participants": {"type": "integer"},
            "online": {"type": "integer"},
            "offline": {"type": "integer"},
            "links": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Report": {
        "type": "object",
        "required": ["rows", "total"],
        "properties": {
            "rows": {"type": "array", "items": {"$ref": "#/components/schemas/ReportRow"}},
            "total": {"type": "integer"},
        },
    },
    "Stats": {
        "type": "object",
        "required": ["challenge", "by", "totals", "items"],
        "properties": {
            "challenge": {"type": "integer"},
            "by": {"type": "string"},
            "totals": {"type": "object", "additionalProperties": {"type": "integer"}},
            "items": {"type": "array", "items": {"type": "object"}},
        },
    },
}
