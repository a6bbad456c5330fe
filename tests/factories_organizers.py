"""Factories for the rows organizers count: attempts, paper sessions, activities, links."""

import itertools
from datetime import date, datetime

from quiz.extensions import db
from quiz.models import (
    Answer,
    Attempt,
    LiveSession,
    OfflineActivity,
    PaperSession,
    Participant,
    SocialLink,
)
from quiz.services.names import name_key

_seq = itertools.count(1000)


def pupil(klass_row=None, school_row=None, seats=1, band="5-9", removed=False):
    """Add a pupil of a class, or a solo pupil who chose a school (klass_row None)."""
    n = next(_seq)
    nickname = f"Түлкі {n}"
    row = Participant(
        token_hash=f"o{n:063d}",
        nickname=nickname,
        nickname_key=name_key(nickname),
        class_id=klass_row.id if klass_row else None,
        school_id=klass_row.school_id if klass_row else (school_row.id if school_row else None),
        band=band,
        lang="kk",
        seats=seats,
        removed=removed,
    )
    db.session.add(row)
    db.session.commit()
    return row


def attempt(
    pupil_row,
    challenge_row,
    mode="solo",
    theme="protect-your-data",
    answers=(("i1", True),),
    started_at=None,
    finished=True,
    live_session=None,
    quiz_id="q-protect-5-9",
):
    """Add an attempt of a pupil with its answers ((item_id, correct) pairs)."""
    started = started_at or datetime(2025, 10, 10, 9, 0)
    row = Attempt(
        participant_id=pupil_row.id,
        quiz_id=quiz_id,
        quiz_version=1,
        theme=theme,
        band=pupil_row.band,
        mode=mode,
        challenge_id=challenge_row.id if challenge_row else None,
        class_id=pupil_row.class_id,
        school_id=pupil_row.school_id,
        live_session_id=live_session.id if live_session else None,
        score=sum(1 for _, ok in answers if ok),
        max_score=len(answers),
        started_at=started,
        finished_at=started if finished else None,
    )
    db.session.add(row)
    db.session.flush()
    for item_id, ok in answers:
        db.session.add(
            Answer(
                attempt_id=row.id,
                item_id=item_id,
                quiz_version=1,
                response="a",
                score=int(ok),
                max_score=1,
                correct=ok,
            )
        )
    db.session.commit()
    return row


def live_session(klass_row):
    """Add a finished live session of a class."""
    row = LiveSession(class_id=klass_row.id, quiz_id="q-protect-5-9", quiz_version=1)
    db.session.add(row)
    db.session.commit()
    return row


def paper(klass_row, challenge_row, pupils, held_on=date(2025, 10, 11)):
    """Add a paper session of a class with its number of pupils."""
    row = PaperSession(
        class_id=klass_row.id,
        challenge_id=challenge_row.id,
        quiz_id="q-protect-5-9",
        quiz_version=1,
        pupils=pupils,
        held_on=held_on,
    )
    db.session.add(row)
    db.session.commit()
    return row


def activity(school_row, challenge_row, participants, klass_row=None, held_on=None, kind="debate"):
    """Add an offline activity of a class (or of the whole school when klass_row is None)."""
    row = OfflineActivity(
        challenge_id=challenge_row.id,
        school_id=school_row.id,
        class_id=klass_row.id if klass_row else None,
        kind=kind,
        held_on=held_on or date(2025, 10, 12),
        themes=["cyber-friendship"],
        participants=participants,
    )
    db.session.add(row)
    db.session.commit()
    return row


def link(school_row, challenge_row, url=None, network="instagram", created_at=None):
    """Add a social-media link of a school (recorded now unless created_at is given)."""
    url = url or f"https://www.instagram.com/p/post{next(_seq)}/"
    row = SocialLink(
        challenge_id=challenge_row.id,
        school_id=school_row.id,
        url=url,
        url_key=url.lower(),
        network=network,
    )
    if created_at is not None:
        row.created_at = created_at
    db.session.add(row)
    db.session.commit()
    return row


def world():
    """Build a data set that double counts if the rule is done wrong; return its rows.

    Expected participants (challenge `c`): school s1 = 42, s2 = 80, s3 = 5, s5 = 0 (links
    only), s4 none; region r1 = 122, r2 = 5; total 127. See tests/unit/test_participation.py.
    """
    from tests import factories as f

    c = f.challenge(current=True)
    other = f.challenge(
        current=False,
        slug="older",
        starts_on=date(2024, 10, 9),
        ends_on=date(2024, 10, 17),
        report_deadline=date(2024, 10, 22),
    )
    r1, r2 = f.region("Абайская область", "Абай облысы"), f.region("Жетісу облысы", "Жетісу облысы")
    d1, d2 = f.district(r1), f.district(r2)
    s1 = f.school(d1, name_ru="Школа-гимназия № 1", name_kk="№ 1 мектеп-гимназия")
    s2 = f.school(d1, name_ru="Школа № 2", name_kk="№ 2 мектеп")
    s3 = f.school(d2, name_ru="Школа № 3", name_kk="№ 3 мектеп")
    s4 = f.school(d1, name_ru="Школа № 4", name_kk="№ 4 мектеп")
    s5 = f.school(d1, name_ru="Школа № 5", name_kk="№ 5 мектеп")
    t1 = f.user("teacher", school_row=s1)
    k1, k2 = f.klass(t1, grade=5), f.klass(t1, grade=10, letter="Б")
    # k1: a pupil with two attempts (live and assignment) counts once; a team seat of 4.
    a = pupil(k1)
    attempt(a, c, mode="live", live_session=live_session(k1))
    attempt(a, c, mode="assignment", answers=(("i2", False),))
    attempt(pupil(k1), c, answers=(("i2", False), ("i3", True)))
    attempt(pupil(k1), other)  # another challenge's attempt
    attempt(pupil(k1, removed=True), c)  # removed from the lobby
    attempt(pupil(k1), c, answers=())  # opened, never answered
    attempt(pupil(k1, seats=4), c, mode="live")
    paper(k1, c, 10)
    paper(k1, c, 7)  # the same pupils on another paper quiz
    activity(s1, c, 12, k1)  # offline smaller than online (16)
    activity(s1, other, 30, k1)  # another challenge
    activity(s1, c, 50, k1, held_on=date(2025, 10, 20))  # after the period
    # k2 (grade 10): two online pupils, offline larger.
    for _ in range(2):
        attempt(pupil(k2, band="10-11"), c, theme="critical-thinking", answers=(("i9", False),))
    activity(s1, c, 25, k2)
    activity(s1, c, 20, k2, kind="quest")
    attempt(pupil(None, s1), c)  # a solo pupil who chose s1
    attempt(pupil(None, None), c)  # a solo pupil without a school
    activity(s1, c, 30)  # school-wide, smaller than 16 + 25 + 1
    link(s1, c, "https://www.instagram.com/p/one/")
    link(s1, c, "https://t.me/school1/7", network="telegram")
    link(s1, other, "https://www.instagram.com/p/old/")
    # s2: three online pupils, a school-wide exhibition of 80 (larger).
    k3 = f.klass(f.user("teacher", school_row=s2), grade=7)
    for _ in range(3):
        attempt(pupil(k3), c)
    activity(s2, c, 80, kind="poster")
    link(s2, c, '=HYPERLINK("http://evil")')
    # s3 in another region: five pupils of grade 2.
    k4 = f.klass(f.user("teacher", school_row=s3), grade=2)
    for _ in range(5):
        attempt(pupil(k4, band="1-4"), c, theme="cyber-friendship")
    link(s3, c, "https://www.tiktok.com/@s3/video/1", network="tiktok")
    link(s5, c, "https://www.facebook.com/s5/posts/1", network="facebook")
    return dict(
        c=c,
        other=other,
        r1=r1,
        r2=r2,
        d1=d1,
        d2=d2,
        s1=s1,
        s2=s2,
        s3=s3,
        s4=s4,
        s5=s5,
        k1=k1,
        k2=k2,
        k3=k3,
        k4=k4,
    )
