"""School registry import, approval, renaming and merging; challenges."""

import io
from datetime import date

from openpyxl import Workbook

from quiz.extensions import db
from quiz.models import Attempt, Challenge, Klass, OfflineActivity, School, SocialLink, User
from quiz.services import participation as p
from tests import factories as f
from tests import factories_organizers as fo

GOOD = (
    "region,district,name_kk,name_ru,official_code\n"
    "Абай облысы,Семей қаласы,№ 1 мектеп,Школа № 1,AB-1\n"
    "Абайская область,Семей қаласы,№ 2 мектеп,Школа № 2,\n"
    "Жетісу облысы,Талдықорған қаласы,№ 3 мектеп,Школа № 3,JT-3\n"
)


def _upload(client, text, name="schools.csv", lang="kk"):
    data = {"file": (io.BytesIO(text.encode("utf-8-sig") if isinstance(text, str) else text), name)}
    return client.post(
        f"/{lang}/organizer/schools/import", data=data, content_type="multipart/form-data"
    )


def _national(client):
    f.login(client, f.user("national"))


def test_national_organizer_imports_a_csv_registry(client):
    _national(client)
    response = _upload(client, GOOD)
    assert response.status_code == 200
    names = sorted(s.name_ru for s in School.query.all())
    assert names == ["Школа № 1", "Школа № 2", "Школа № 3"]
    assert School.query.filter_by(official_code="AB-1").one().district.name_kk == "Семей қаласы"
    assert '<p role="status" class="rows-done">3 жол өңделді.</p>' in response.get_data(
        as_text=True
    )


def test_a_bad_row_imports_nothing_and_names_every_row(client):
    _national(client)
    bad = GOOD + "Марс облысы,Город,№ 4 мектеп,Школа № 4,\nАбай облысы,Семей қаласы,,Школа № 5,\n"
    bad += "Абай облысы,Семей қаласы,№ 1 мектеп,Школа № 1,\n"
    response = _upload(client, bad, lang="ru")
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert School.query.count() == 0
    assert "Марс облысы" in text
    for row in ("5", "6", "7"):
        assert f"Строка {row}:" in text


def test_reimporting_reports_duplicates_and_adds_nothing_twice(client):
    _national(client)
    _upload(client, GOOD)
    response = _upload(client, GOOD)
    assert response.status_code == 200 and School.query.count() == 3


def test_xlsx_import_and_a_missing_column(client):
    _national(client)
    book = Workbook()
    sheet = book.active
    sheet.append(["region", "district", "name_kk", "name_ru"])
    sheet.append(["Шымкент қаласы", "Абай ауданы", "№ 7 мектеп", "Школа № 7"])
    out = io.BytesIO()
    book.save(out)
    assert _upload(client, out.getvalue(), "r.xlsx").status_code == 200
    assert School.query.one().name_ru == "Школа № 7"
    response = _upload(client, "region,name_kk\nx,y\n", lang="ru")
    assert response.status_code == 422 and "district" in response.get_data(as_text=True)


def test_cli_imports_with_a_progress_bar_and_refuses_a_bad_file(app, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(GOOD + "Нет такой,Р,№ 9,Школа № 9,\n", encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["schools", "import", str(bad)])
    assert result.exit_code != 0 and "row 5" in result.output and School.query.count() == 0
    result = runner.invoke(args=["schools", "import", str(good)])
    assert result.exit_code == 0 and "3 schools" in result.output


def test_merging_moves_everything_to_the_registered_school(client):
    _national(client)
    c = f.challenge()
    target = f.school()
    source = f.school(target.district, name_ru="Школа 1 (новая)", status="pending")
    teacher = f.user("teacher", school_row=source)
    k = f.klass(teacher)
    fo.attempt(fo.pupil(k), c)
    fo.activity(source, c, 30)
    fo.link(source, c)
    response = client.post(f"/ru/organizer/schools/{source.id}/merge", data={"target": target.id})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(School, source.id).status == "merged"
    for model in (Klass, Attempt, OfflineActivity, SocialLink):
        assert {row.school_id for row in model.query.all()} == {target.id}
    assert db.session.get(User, teacher.id).school_id == target.id
    schools = p.by_school(p.Filters(c.id))
    assert [(s["school_id"], s["participants"]) for s in schools] == [(target.id, 30)]


def test_approve_and_rename_a_requested_school(client):
    _national(client)
    school = f.school(name_ru="школа 5", status="pending")
    page = client.get("/kk/organizer/schools/pending").get_data(as_text=True)
    assert "школа 5" in page
    client.post(
        f"/kk/organizer/schools/{school.id}/rename",
        data={"name_kk": "№ 5 мектеп", "name_ru": "Школа № 5"},
    )
    client.post(f"/kk/organizer/schools/{school.id}/approve")
    db.session.expire_all()
    row = db.session.get(School, school.id)
    assert (row.name_ru, row.status) == ("Школа № 5", "active")


def test_national_organizer_creates_a_challenge_and_makes_it_the_only_current_one(client):
    _national(client)
    old = f.challenge(current=True)
    data = {
        "name_kk": "«Желідегі қауіпсіздік» челленджі 2026",
        "name_ru": "Челлендж «Безопасность в сети» 2026",
        "slug": "safety-online-2026",
        "starts_on": "2026-10-08",
        "ends_on": "2026-10-16",
        "report_deadline": "2026-10-21",
        "hashtags": "#ЖелідегіҚауіпсіздік2026\n#БезопасностьВСети2026",
        "tagged_accounts": "Instagram: orken_instituty",
        "themes": ["protect-your-data"],
        "make_current": "y",
    }
    assert client.post("/kk/organizer/challenges/new", data=data).status_code == 302
    new = Challenge.query.filter_by(slug="safety-online-2026").one()
    db.session.expire_all()
    assert new.is_current and not db.session.get(Challenge, old.id).is_current
    assert new.hashtags == ["#ЖелідегіҚауіпсіздік2026", "#БезопасностьВСети2026"]
    assert new.starts_on == date(2026, 10, 8)


def test_challenge_with_dates_out_of_order_is_refused_and_nothing_changes(client):
    _national(client)
    old = f.challenge(current=True)
    data = {
        "name_kk": "А",
        "name_ru": "Б",
        "slug": old.slug,
        "starts_on": "2026-10-20",
        "ends_on": "2026-10-16",
        "report_deadline": "2026-10-21",
    }
    response = client.post(f"/ru/organizer/challenges/{old.id}", data=data)
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(Challenge, old.id).name_ru == "Челлендж «Безопасность в сети»"


def test_csv_with_old_mac_line_endings_or_a_nul_byte(client):
    _national(client)
    response = _upload(client, GOOD.replace("\n", "\r"))  # Excel for Mac's "CSV (Macintosh)"
    assert response.status_code == 200 and School.query.count() == 3
    broken = _upload(client, GOOD + "Абай облысы,Семей\x00,№ 9 мектеп,Школа № 9,\n", lang="ru")
    assert broken.status_code == 422 and School.query.count() == 3
    assert "Строка 5:" in broken.get_data(as_text=True)
