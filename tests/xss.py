"""Fifty XSS payloads and a way to store them everywhere users can type text that others see.

`plant()` goes through the services, so validation decides: a payload is either refused
(fine) or stored, and then it must be shown inert. Used by tests/web/test_xss.py (pages and
exports) and tests/e2e/test_security_browser.py (a real browser).

Besides the teachers' and organizers' pages, `plant()` returns what opens the pupils' pages
that show a payload: the device tokens of pupils with payload nicknames (their class page,
and the live class hour's pupil screen), the join codes of classes with payload letters (the
nickname page), the region and district of the payload schools (the school choice), and a
finished attempt of a solo pupil of each payload school (the certificate, page and PDF).
"""

from datetime import timedelta

from quiz.errors import QuizError
from quiz.extensions import db
from quiz.models import Answer, Attempt, District, LiveSession, OfflineActivity, School
from quiz.models.base import utcnow
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
    quiet = classes.create_class(teacher, 5, "З", "kk")  # no live session: its class page shows
    session = LiveSession(class_id=klass.id, quiz_id=QUIZ, quiz_version=1)
    db.session.add(session)
    db.session.commit()
    out = {"accepted": {f: [] for f in FIELDS}, "class_id": klass.id, "session_id": session.id}
    out |= {"live_pupils": [], "class_pupils": [], "class_codes": [], "certificates": []}
    for n, payload in enumerate(PAYLOADS):
        if _accepted(lambda p=payload: out["live_pupils"].append(_pupil(klass, session, p))):
            out["accepted"]["nickname"].append(payload)
            out["class_pupils"].append(participants.join_class(quiet.join_code, payload, "kk")[1])
        if _accepted(lambda p=payload: out["class_codes"].append(_class_code(teacher, p))):
            out["accepted"]["class"].append(payload)
        data = {"kind": "debate", "held_on": today, "participants": 5, "description": payload}
        if _accepted(lambda d=data: records.save_activity(teacher, challenge, d, today)):
            out["accepted"]["activity"].append(payload)
        for url in (payload, f"https://www.instagram.com/p/{n}{payload}"):
            if _accepted(lambda u=url: _link(teacher, challenge, u, today)):
                out["accepted"]["link"].append(url)
        school = _school(payload, n, challenge)
        if school is not None:
            out["accepted"]["school"].append(payload)
            out["certificates"].append(_certificate(school, payload))
    out["school_query"] = _school_query()
    return out


def _class_code(teacher, letter) -> str:
    return classes.create_class(teacher, 6, letter, "kk").join_code


def _certificate(school, payload) -> dict:
    """A solo pupil of the school with a finished attempt: the certificate names the school."""
    pupil, token = participants.create_participant(None, "kk", "5-9", school_id=school.id)
    attempt = _attempt(pupil, school_id=school.id, finished_at=utcnow())
    db.session.commit()
    return {"token": token, "attempt_id": attempt.id, "name": payload[:60]}  # the form takes 60


def _attempt(pupil, **fields) -> Attempt:
    """An attempt of the payload quiz (version 1, band 5-9) by the pupil, flushed: it has an id."""
    attempt = Attempt(
        participant_id=pupil.id,
        quiz_id=QUIZ,
        quiz_version=1,
        theme="protect-your-data",
        band="5-9",
        **fields,
    )
    db.session.add(attempt)
    db.session.flush()
    return attempt


def _school_query() -> str:
    """The query of the pupils' school choice that lists the payload schools."""
    district = db.session.query(District).filter_by(name_ru="XSS ауданы").one()
    return f"?region={district.region_id}&district={district.id}"


def _pupil(klass, session, nickname) -> str:
    """A pupil of the live class with a solo and a live attempt; returns the device token."""
    pupil, token, _klass = participants.join_class(klass.join_code, nickname, "kk")
    for live in (None, session.id):
        attempt = _attempt(
            pupil,
            mode="live" if live else "solo",
            class_id=klass.id,
            school_id=klass.school_id,
            live_session_id=live,
            challenge_id=pupil.challenge_id,
            score=1,
            max_score=1,
        )
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
    return token


def _link(teacher, challenge, url, today) -> None:
    _key, network = records.url_key(url)
    records.add_link(teacher, challenge, url, network, today)


def _school(payload: str, n: int, challenge) -> School | None:
    """Import a school named by the payload and let it take part, so reports show it."""
    row = {"region": "Абай облысы", "district": "XSS ауданы", "name_kk": payload}
    result = registry.import_rows([row | {"name_ru": f"{payload} {n}"}])
    if result.errors:
        return None
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
    return school
