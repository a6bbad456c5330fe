"""Fifty XSS payloads and a way to store them everywhere users can type text that others see.

`plant()` goes through the services, so validation decides: a payload is either refused
(fine) or stored, and then it must be shown inert. Used by tests/web/test_xss.py (pages and
exports) and tests/e2e/test_security_browser.py (a real browser).
"""

from datetime import timedelta

from quiz.errors import QuizError
from quiz.extensions import db
from quiz.models import Answer, Attempt, LiveSession, OfflineActivity, School
from quiz.services import classes, participants, records, registry

PAYLOADS = [
    "<script>alert(1)</script>",
    "<script>window.__xss=1</script>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<img src=x onerror=alert(1)>",
    "<b onclick=alert(1)>x</b>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "<form action=javascript:alert(1)><button>x",
    "<math><mtext><script>alert(1)</script>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>",
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
    "<base href=//evil.example/>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<style>@import'//evil.example'</style>",
    '"><script>alert(1)</script>',
    "'><svg onload=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</style><svg onload=alert(1)>",
    '\\"><script>alert(1)</script>',
    "<scr<script>ipt>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "{{7*7}}",
    "{{ config }}",
    "{% print(1) %}",
    "${7*7}",
    "<%= 7*7 %>",
    "=1+1",
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    "\u202eexe.txt",
    "\u2066<b>bidi</b>\u2069",
    "Әлия <b onmouseover=alert(1)>ақылды</b>",
]
FIELDS = ("nickname", "class", "activity", "link", "school")
QUIZ = "every-kind"


def _accepted(store) -> bool:
    try:
        store()
    except QuizError:
        db.session.rollback()
        return False
    return True


def plant(teacher, challenge) -> dict:
    """Store every payload in every field; return what was accepted and the pages' ids."""
    today = challenge.starts_on
    klass = classes.create_class(teacher, 5, "Ж", "kk")
    session = LiveSession(class_id=klass.id, quiz_id=QUIZ, quiz_version=1)
    db.session.add(session)
    db.session.commit()
    out = {"accepted": {f: [] for f in FIELDS}, "class_id": klass.id, "session_id": session.id}
    for n, payload in enumerate(PAYLOADS):
        if _accepted(lambda p=payload: _pupil(klass, session, p)):
            out["accepted"]["nickname"].append(payload)
        if _accepted(lambda p=payload: classes.create_class(teacher, 6, p, "kk")):
            out["accepted"]["class"].append(payload)
        data = {"kind": "debate", "held_on": today, "participants": 5, "description": payload}
        if _accepted(lambda d=data: records.save_activity(teacher, challenge, d, today)):
            out["accepted"]["activity"].append(payload)
        for url in (payload, f"https://www.instagram.com/p/{n}{payload}"):
            if _accepted(lambda u=url: _link(teacher, challenge, u, today)):
                out["accepted"]["link"].append(url)
        if _school(payload, n, challenge):
            out["accepted"]["school"].append(payload)
    return out


def _pupil(klass, session, nickname) -> None:
    pupil, _token, _klass = participants.join_class(klass.join_code, nickname, "kk")
    for live in (None, session.id):
        attempt = Attempt(
            participant_id=pupil.id,
            quiz_id=QUIZ,
            quiz_version=1,
            theme="protect-your-data",
            band="5-9",
            mode="live" if live else "solo",
            class_id=klass.id,
            school_id=klass.school_id,
            live_session_id=live,
            challenge_id=pupil.challenge_id,
            score=1,
            max_score=1,
        )
        db.session.add(attempt)
        db.session.flush()
        db.session.add(
            Answer(
                attempt_id=attempt.id,
                item_id="twofa",
                quiz_version=1,
                response=True,
                score=1,
                max_score=1,
                correct=True,
                answered_at=attempt.started_at + timedelta(seconds=5),
            )
        )
    db.session.commit()


def _link(teacher, challenge, url, today) -> None:
    _key, network = records.url_key(url)
    records.add_link(teacher, challenge, url, network, today)


def _school(payload: str, n: int, challenge) -> bool:
    """Import a school named by the payload and let it take part, so reports show it."""
    row = {"region": "Абай облысы", "district": "XSS ауданы", "name_kk": payload}
    result = registry.import_rows([row | {"name_ru": f"{payload} {n}"}])
    if result.errors:
        return False
    school = db.session.query(School).filter_by(name_ru=f"{payload} {n}").one()
    activity = OfflineActivity(
        challenge_id=challenge.id,
        school_id=school.id,
        kind="debate",
        held_on=challenge.starts_on,
        participants=3,
    )
    db.session.add(activity)
    db.session.commit()
    return True
