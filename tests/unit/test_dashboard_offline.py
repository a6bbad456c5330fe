"""Paper sheets and offline activities on the dashboard: by day, by theme, in the shares."""

from datetime import date

from quiz.extensions import db
from quiz.models import PaperTally
from quiz.services import aggregates, dashboard, dashboard_offline
from quiz.services import participation as p
from tests.factories_organizers import activity, paper, world


def _tallied(klass, challenge, counts, held_on=date(2025, 10, 14)):
    """A paper session of the fixture quiz with how many pupils ticked each answer."""
    row = paper(klass, challenge, sum(counts["share-password"].values()), held_on=held_on)
    row.quiz_id = "every-kind"
    for item_id, by_choice in counts.items():
        for choice, n in by_choice.items():
            db.session.add(
                PaperTally(paper_session_id=row.id, item_id=item_id, choice=choice, count=n)
            )
    db.session.commit()
    return row


def test_offline_activities_and_paper_sheets_are_counted_by_their_day(app):
    w = world()
    days = dict(dashboard_offline.by_day(p.Filters(w["c"].id)))
    assert len(days) == 9  # every day of the challenge, 9–17 October
    # 10 Oct.: the paper sheets of k1 (10 + 7); 12 Oct.: 12 + 25 + 20 + 30 (s1) + 80 (s2);
    # the activity after the period and the other challenge's are not counted.
    assert (days[date(2025, 10, 11)], days[date(2025, 10, 12)]) == (17, 167)
    assert sum(days.values()) == 184
    grade_10 = dict(dashboard_offline.by_day(p.Filters(w["c"].id, band="10-11")))
    assert grade_10[date(2025, 10, 12)] == 45 and sum(grade_10.values()) == 45
    region_2 = dashboard_offline.by_day(p.Filters(w["c"].id, region_id=w["r2"].id))
    assert sum(n for _, n in region_2) == 0


def test_an_activity_counts_on_each_of_its_themes_and_a_paper_sheet_on_its_quizs(app):
    w = world()
    activity(w["s3"], w["c"], 15, w["k4"]).themes = ["critical-thinking", "protect-your-data"]
    db.session.commit()
    _tallied(w["k4"], w["c"], {"share-password": {"refuse": 6, "give": 2}})
    themes = dict(dashboard_offline.by_theme_slug(p.Filters(w["c"].id, region_id=w["r2"].id)))
    assert themes["critical-thinking"] == 15
    assert themes["protect-your-data"] == 15 + 8
    assert themes["cyber-friendship"] == 0
    assert len(themes) == 8


def test_paper_tallies_add_to_the_shares_of_correct_answers(app):
    w = world()
    aggregates.refresh()
    filters = p.Filters(w["c"].id, region_id=w["r2"].id)
    before = dashboard.learning(filters, "ru")
    region_1 = p.Filters(w["c"].id, region_id=w["r1"].id)
    before_region_1 = dashboard.learning(region_1, "ru")
    assert "protect-your-data" not in before["share_by_theme"]
    _tallied(
        w["k4"],
        w["c"],
        {
            "share-password": {"refuse": 6, "give": 2, "write": 0},
            "twofa": {"true": 7, "false": 1},
            "opinion": {"little": 8},  # a poll: not scored
        },
    )
    after = dashboard.learning(filters, "ru")
    assert after["share_by_theme"]["protect-your-data"] == (13 / 16, 16)
    assert (
        after["share_by_region"][w["r2"].id][1]
        == before["share_by_region"].get(w["r2"].id, (0, 0))[1] + 16
    )
    hardest = {h["item_id"]: (h["wrong"], h["answers"]) for h in after["hardest"]}
    assert hardest["share-password"] == (2, 8)
    assert dashboard.learning(region_1, "ru") == before_region_1  # another region's sheet
