"""Pupils without accounts: a random token, a nickname, joining a class by its code."""

import hashlib

import pytest

from quiz.errors import Invalid, LobbyLocked, NicknameRejected, NicknameTaken, NotFound
from quiz.extensions import db
from quiz.models import Participant
from quiz.services import participants
from tests import factories
from tests import factories_pupils as pf


def test_only_the_hash_of_the_token_is_stored(app):
    pupil, token = participants.create_participant("Айбек", "kk", "5-9")
    assert len(token) >= 40
    assert pupil.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {pupil.token_hash, pupil.nickname}


def test_participant_is_found_by_token_and_not_when_removed(app):
    pupil, token = participants.create_participant(None, "ru", "1-4")
    assert participants.participant_for_token(token).id == pupil.id
    assert participants.participant_for_token("not-a-token") is None
    assert participants.participant_for_token("") is None
    pupil.removed = True
    db.session.commit()
    assert participants.participant_for_token(token) is None


def test_new_participant_belongs_to_the_current_challenge(app):
    factories.challenge(current=False, slug="old")
    current = factories.challenge(current=True)
    pupil, _ = participants.create_participant("Дана", "kk", "5-9")
    assert pupil.challenge_id == current.id


@pytest.mark.parametrize("lang, band", [("en", "5-9"), ("kk", "12")])
def test_unknown_language_or_band_is_refused(app, lang, band):
    with pytest.raises(Invalid):
        participants.create_participant("Дана", lang, band)


def test_join_by_code_ignores_case_spaces_and_dashes(app):
    klass = factories.klass(grade=3)
    code = klass.join_code.lower()
    typed = f" {code[:4]}-{code[4:]} "
    pupil, token, found = participants.join_class(typed, "Әлия", "kk")
    assert found.id == klass.id
    assert (pupil.class_id, pupil.school_id, pupil.band) == (klass.id, klass.school_id, "1-4")
    assert participants.participant_for_token(token).nickname == "Әлия"


def test_unknown_code_is_not_found(app):
    with pytest.raises(NotFound):
        participants.join_class("ZZZZ9999", "Әлия", "kk")
    with pytest.raises(NotFound):
        participants.join_class("", "Әлия", "kk")


def test_generated_nickname_is_two_words_and_a_number(app):
    klass = factories.klass()
    pupil, _, _ = participants.join_class(klass.join_code, None, "ru")
    *words, number = pupil.nickname.split()
    assert len(words) == 2 and number.isdigit()


def test_same_nickname_in_any_case_is_taken_within_a_class(app):
    klass = factories.klass()
    participants.join_class(klass.join_code, "Әлия", "kk")
    with pytest.raises(NicknameTaken):
        participants.join_class(klass.join_code, "  ӘЛИЯ ", "kk")
    assert db.session.query(Participant).count() == 1


def test_same_nickname_in_another_class_or_solo_is_fine(app):
    participants.join_class(factories.klass().join_code, "Әлия", "kk")
    participants.join_class(factories.klass().join_code, "Әлия", "kk")
    participants.create_participant("Әлия", "kk", "5-9")
    participants.create_participant("Әлия", "kk", "5-9")
    assert db.session.query(Participant).count() == 4


def test_generated_nicknames_never_collide_in_a_class(app, monkeypatch):
    klass = factories.klass()
    names = iter(["Батыл Барыс 12", "Батыл Барыс 12", "Зерек Тиін 40"])
    monkeypatch.setattr(participants, "generate_nickname", lambda lang: next(names))
    first, _, _ = participants.join_class(klass.join_code, None, "kk")
    second, _, _ = participants.join_class(klass.join_code, None, "kk")
    assert (first.nickname, second.nickname) == ("Батыл Барыс 12", "Зерек Тиін 40")


def test_insulting_nickname_is_rejected_and_nothing_is_stored(app):
    klass = factories.klass()
    with pytest.raises(NicknameRejected):
        participants.join_class(klass.join_code, "Ақымақ", "kk")
    assert db.session.query(Participant).count() == 0


def test_locked_live_session_stops_new_pupils(app):
    klass = factories.klass()
    pf.live_session(klass, locked=True)
    with pytest.raises(LobbyLocked):
        participants.join_class(klass.join_code, "Әлия", "kk")


def test_landing_lists_open_assignments_and_the_active_live_session(app):
    klass = factories.klass()
    open_one = pf.assignment(klass)
    pf.assignment(klass, opens=-48, closes=-24)
    pf.assignment(klass, opens=24, closes=48)
    pupil, _, _ = participants.join_class(klass.join_code, "Әлия", "kk")
    landing = participants.landing(pupil, "ru")
    assert [a["id"] for a in landing["assignments"]] == [open_one.id]
    assert landing["assignments"][0]["title"] == "Все виды заданий"
    assert landing["live_session_id"] is None
    live = pf.live_session(klass, state="question", current_index=0)
    assert participants.landing(pupil, "kk")["live_session_id"] == live.id
    live.state = "finished"
    db.session.commit()
    assert participants.landing(pupil, "kk")["live_session_id"] is None
