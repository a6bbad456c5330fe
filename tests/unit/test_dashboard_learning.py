"""The dashboard's one-pass learning figures equal the separate queries they replace."""

from quiz.services import aggregates, dashboard
from quiz.services import participation as p
from tests.factories_organizers import world


def test_one_pass_learning_figures_match_the_separate_queries(app):
    w = world()
    aggregates.refresh()
    for filters in (p.Filters(w["c"].id), p.Filters(w["c"].id, region_id=w["r1"].id)):
        found = dashboard.learning(filters, "kk")
        assert found["share_by_theme"] == dashboard.correct_share(filters, dashboard.Attempt.theme)
        assert found["share_by_region"] == dashboard.correct_share(
            filters, dashboard.District.region_id
        )
        assert found["hardest"] == dashboard.hardest_items(filters, "kk")
    assert dashboard.learning(p.Filters(w["c"].id), "kk")["hardest"][0]["wrong"] == 2
