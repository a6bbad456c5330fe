"""OpenAPI part of the pupils' API: paths and schemas, with a response schema for every kind."""

from quiz.api.spec.common import error_response
from quiz.bank import BANDS

S = "#/components/schemas/"


def ref(name: str) -> dict:
    """A $ref to a schema of this document."""
    return {"$ref": S + name}


def body(schema: str, description: str = "") -> dict:
    """A JSON request body of a schema."""
    return {
        "required": True,
        "description": description,
        "content": {"application/json": {"schema": ref(schema)}},
    }


def ok(schema: str, description: str) -> dict:
    """A JSON response of a schema."""
    return {"description": description, "content": {"application/json": {"schema": ref(schema)}}}


def obj(required: list[str], **properties) -> dict:
    """An object schema."""
    return {"type": "object", "required": required, "properties": properties}


STR = {"type": "string"}
INT = {"type": "integer"}
IDS = {"type": "array", "items": STR}
ID_MAP = {"type": "object", "additionalProperties": STR}
ENTRIES = {"type": "array", "items": ref("Entry")}
LANG = {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["kk", "ru"]}}
ATTEMPT = {"name": "attempt_id", "in": "path", "required": True, "schema": INT}
ITEM = {"name": "item_id", "in": "path", "required": True, "schema": STR}
PUPIL = [{"participant": []}]
AUTH_ERRORS = {
    "401": error_response("No valid participant token"),
    "404": error_response("Unknown attempt or item, or another pupil's attempt"),
}

# What a pupil sends, per kind (the kinds table of quiz/content/README.md).
RESPONSES = {
    "SingleResponse": STR | {"description": "single: an option id"},
    "MultipleResponse": IDS | {"description": "multiple: the option ids ticked"},
    "TrueFalseResponse": {"type": "boolean", "description": "true_false"},
    "ShortTextResponse": STR | {"description": "short_text: the typed answer"},
    "OrderingResponse": IDS | {"description": "ordering: every option id, in the pupil's order"},
    "MatchingResponse": ID_MAP | {"description": "matching: left id -> right id"},
    "CategoriseResponse": ID_MAP | {"description": "categorise: card id -> group id"},
    "RedFlagsResponse": IDS | {"description": "red_flags: the part ids marked suspicious"},
    "ScenarioResponse": IDS | {"description": "scenario: option ids chosen along the path"},
    "PollResponse": STR | {"description": "poll: an option id"},
    "InfoResponse": {"nullable": True, "description": "info: null", "enum": [None]},
    "PasswordLabResponse": obj(["strong"], strong={"type": "boolean"})
    | {"description": "password_lab: only whether a strong password was reached"},
}

# What the browser sees of an item before answering, per kind: never the key.
_COMMON = {"id": STR, "kind": STR, "text": STR}
ITEMS = {
    "SingleItem": obj(["id", "kind", "text", "options"], **_COMMON, options=ENTRIES),
    "MultipleItem": obj(["id", "kind", "text", "options"], **_COMMON, options=ENTRIES),
    "PollItem": obj(["id", "kind", "text", "options"], **_COMMON, options=ENTRIES),
    "OrderingItem": obj(["id", "kind", "text", "options"], **_COMMON, options=ENTRIES),
    "TrueFalseItem": obj(["id", "kind", "text"], **_COMMON),
    "ShortTextItem": obj(["id", "kind", "text"], **_COMMON),
    "InfoItem": obj(["id", "kind", "text"], **_COMMON),
    "PasswordLabItem": obj(["id", "kind", "text"], **_COMMON),
    "MatchingItem": obj(
        ["id", "kind", "text", "lefts", "rights"], **_COMMON, lefts=ENTRIES, rights=ENTRIES
    ),
    "CategoriseItem": obj(
        ["id", "kind", "text", "groups", "cards"], **_COMMON, groups=ENTRIES, cards=ENTRIES
    ),
    "RedFlagsItem": obj(
        ["id", "kind", "text", "format", "sender", "parts"],
        **_COMMON,
        format={"type": "string", "enum": ["sms", "chat", "post", "email", "page"]},
        sender=STR,
        parts=ENTRIES,
    ),
    "ScenarioItem": obj(["id", "kind", "text", "step"], **_COMMON, step=ref("ScenarioStep")),
}

SCHEMAS = {
    "Entry": obj(["id", "text"], id=STR, text=STR),
    "ScenarioStep": obj(["id", "text", "options"], id=STR, text=STR, options=ENTRIES),
    **RESPONSES,
    **ITEMS,
    "Item": {
        "oneOf": [ref(name) for name in ITEMS],
        "discriminator": {"propertyName": "kind"},
    },
    "JoinRequest": obj(
        ["code", "lang"],
        code=STR | {"description": "the class's join code, any case"},
        nickname=STR | {"description": "2-24 characters; generated when left out"},
        lang={"type": "string", "enum": ["kk", "ru"]},
    ),
    "Assignment": obj(
        ["id", "quiz_id", "title", "closes_at"],
        id=INT,
        quiz_id=STR,
        title=STR,
        theme=STR,
        items=INT,
        closes_at={"type": "string", "format": "date-time"},
    ),
    "Joined": obj(
        ["participant_token", "nickname", "class_id", "live_session_id", "assignments"],
        participant_token=STR,
        nickname=STR,
        class_id=INT,
        live_session_id=INT | {"nullable": True},
        assignments={"type": "array", "items": ref("Assignment")},
    ),
    "ParticipantRequest": obj(
        ["lang", "band"],
        lang={"type": "string", "enum": ["kk", "ru"]},
        band={"type": "string", "enum": list(BANDS)},
        school_id=INT,
        nickname=STR,
    ),
    "NewParticipant": obj(["participant_token", "nickname"], participant_token=STR, nickname=STR),
    "QuizSummary": obj(
        ["id", "theme", "band", "title", "items"], id=STR, theme=STR, band=STR, title=STR, items=INT
    ),
    "QuizList": obj(["quizzes"], quizzes={"type": "array", "items": ref("QuizSummary")}),
    "AttemptRequest": obj(["quiz_id"], quiz_id=STR, assignment_id=INT, live_session_id=INT),
    "AttemptOpened": obj(
        ["attempt_id", "item_ids"], attempt_id=INT, item_ids=IDS, answered=IDS, next_item_id=STR
    ),
    "ItemView": obj(
        ["attempt_id", "index", "total", "item", "result"],
        attempt_id=INT,
        index=INT,
        total=INT,
        item=ref("Item"),
        max_score=INT,
        result=ref("AnswerResult") | {"nullable": True},
        scenario=obj(
            [],
            consequence=STR | {"nullable": True},
            step=ref("ScenarioStep"),
            end={"type": "boolean"},
        ),
    ),
    "AnswerRequest": obj(
        ["response"],
        response={"oneOf": [ref(name) for name in RESPONSES]},
        client_answer_id=STR | {"maxLength": 64},
    ),
    "AnswerResult": obj(
        ["correct", "score", "max_score", "correct_response", "explanation"],
        attempt_id=INT | {"description": "PUT answer: the attempt the stored answer belongs to"},
        item_id=STR,
        kind=STR,
        correct={"type": "boolean", "nullable": True, "description": "null for poll and info"},
        score=INT,
        max_score=INT,
        correct_response={"oneOf": [ref(name) for name in RESPONSES]},
        explanation=STR | {"nullable": True},
        discussion=STR | {"nullable": True},
        misconceptions=IDS,
        feedback=ID_MAP | {"description": "choice kinds: feedback of the chosen options"},
        accepted=IDS | {"description": "short_text: every accepted answer"},
        parts={"type": "array", "items": {"type": "object"}, "description": "red_flags: why"},
        path={"type": "array", "items": {"type": "object"}, "description": "scenario: the path"},
    ),
    "AlreadyAnswered": {
        "allOf": [ref("Error"), obj(["result"], result=ref("AnswerResult"))],
    },
    "Finished": obj(
        ["score", "max_score", "takeaways"],
        score=INT,
        max_score=INT,
        quiz_max_score=INT,
        correct=INT,
        total=INT,
        takeaways=IDS,
    ),
}

PATHS = {
    "/join": {
        "post": {
            "summary": "Join a class by its code",
            "tags": ["pupils"],
            "requestBody": body("JoinRequest"),
            "responses": {
                "201": ok("Joined", "The new pupil, with the live session or assignments"),
                "404": error_response("No class has this code"),
                "409": error_response("nickname_taken"),
                "422": error_response("nickname_rejected or invalid"),
                "403": error_response("lobby_locked"),
            },
        }
    },
    "/participants": {
        "post": {
            "summary": "A solo pupil",
            "tags": ["pupils"],
            "requestBody": body("ParticipantRequest"),
            "responses": {
                "201": ok("NewParticipant", "The new pupil and their token"),
                "422": error_response("Invalid language, band, school or nickname"),
            },
        }
    },
    "/quizzes": {
        "get": {
            "summary": "Quizzes of a theme and band",
            "tags": ["pupils"],
            "parameters": [
                {"name": "theme", "in": "query", "schema": STR},
                {"name": "band", "in": "query", "schema": {"type": "string", "enum": list(BANDS)}},
                LANG,
            ],
            "responses": {
                "200": ok("QuizList", "The quizzes"),
                "404": error_response("Unknown theme"),
            },
        }
    },
    "/attempts": {
        "post": {
            "summary": "Open an attempt, or get the open one back",
            "tags": ["pupils"],
            "security": PUPIL,
            "requestBody": body("AttemptRequest"),
            "responses": {
                "201": ok("AttemptOpened", "A new attempt"),
                "200": ok("AttemptOpened", "The pupil's open attempt at this quiz"),
                "409": error_response("The assignment is closed"),
                **AUTH_ERRORS,
            },
        }
    },
    "/attempts/{attempt_id}/items/{item_id}": {
        "get": {
            "summary": "One item, without its key",
            "tags": ["pupils"],
            "security": PUPIL,
            "parameters": [
                ATTEMPT,
                ITEM,
                LANG,
                {
                    "name": "path",
                    "in": "query",
                    "schema": STR,
                    "description": "scenario: option ids chosen so far, comma-separated",
                },
            ],
            "responses": {"200": ok("ItemView", "The item"), **AUTH_ERRORS},
        }
    },
    "/attempts/{attempt_id}/answers/{item_id}": {
        "put": {
            "summary": "Answer an item (idempotent)",
            "tags": ["pupils"],
            "security": PUPIL,
            "parameters": [ATTEMPT, ITEM, LANG],
            "requestBody": body("AnswerRequest", "The response in the item kind's shape"),
            "responses": {
                "200": ok("AnswerResult", "The result; the same request returns the same body"),
                "409": {
                    "description": "already_answered (with the first result) or closed",
                    "content": {"application/json": {"schema": ref("AlreadyAnswered")}},
                },
                "422": error_response("The response does not fit the item's kind"),
                **AUTH_ERRORS,
            },
        }
    },
    "/attempts/{attempt_id}/finish": {
        "post": {
            "summary": "Finish the attempt",
            "tags": ["pupils"],
            "security": PUPIL,
            "parameters": [ATTEMPT],
            "responses": {"200": ok("Finished", "Score and what to remember"), **AUTH_ERRORS},
        }
    },
}
