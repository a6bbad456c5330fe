"""The counting rule, on a data set that double counts if done wrong."""

from datetime import date

from quiz.services import participation as p
from tests.factories_organizers import world


def _by_id(rows, key="school_id"):
    return {row[key]: row for row in rows}


def test_class_counts_online_pupils_once_and_takes_the_larger_of_online_and_offline(app):
    w = world()
    classes = _by_id(p.by_class(p.Filters(w["c"].id)), "class_id")
    # k1: pupil with two attempts once + one pupil + team seat of 4 + largest paper (10)
    assert classes[w["k1"].id]["online"] == 16
    assert classes[w["k1"].id]["offline"] == 12
    assert classes[w["k1"].id]["participants"] == 16
    # k2: online 2, the largest offline activity (25) wins
    assert (classes[w["k2"].id]["online"], classes[w["k2"].id]["participants"]) == (2, 25)


def test_school_sums_classes_and_solo_pupils_and_school_wide_activity_is_a_max(app):
    w = world()
    schools = _by_id(p.by_school(p.Filters(w["c"].id)))
    s1 = schools[w["s1"].id]
    assert (s1["participants"], s1["online"], s1["offline"]) == (42, 19, 37)
    assert s1["links"] == 2 and s1["classes"] == 2
    assert schools[w["s2"].id]["participants"] == 80  # exhibition larger than 3 online
    assert schools[w["s3"].id]["participants"] == 5
    assert schools[w["s5"].id]["participants"] == 0  # links only: still in the report
    assert w["s4"].id not in schools


def test_totals_and_regions_add_up_and_other_regions_are_left_out(app):
    w = world()
    assert p.totals(p.Filters(w["c"].id))["participants"] == 127
    regions = _by_id(p.by_region(p.Filters(w["c"].id)), "id")
    assert regions[w["r1"].id]["participants"] == 122
    assert regions[w["r2"].id]["participants"] == 5
    own = p.totals(p.Filters(w["c"].id, region_id=w["r2"].id))
    assert (own["participants"], own["schools"], own["registered"]) == (5, 1, 1)
    district = p.totals(p.Filters(w["c"].id, district_id=w["d1"].id))
    assert (district["participants"], district["registered"], district["links"]) == (122, 4, 4)


def test_another_challenge_counts_only_its_own_data(app):
    w = world()
    old = p.totals(p.Filters(w["other"].id))
    # one pupil's attempt; activities of 2025 fall outside the 2024 period
    assert old["participants"] == 1 and old["links"] == 1


def test_band_filter_leaves_out_other_bands_and_school_wide_activities(app):
    w = world()
    schools = _by_id(p.by_school(p.Filters(w["c"].id, band="5-9")))
    assert schools[w["s1"].id]["participants"] == 17  # k1 16 + solo pupil 1
    assert schools[w["s2"].id]["participants"] == 3
    assert p.totals(p.Filters(w["c"].id, band="1-4"))["participants"] == 5


def test_date_range_narrows_online_and_offline(app):
    w = world()
    day = p.Filters(w["c"].id, date_from=date(2025, 10, 12), date_to=date(2025, 10, 12))
    classes = _by_id(p.by_class(day), "class_id")
    # only the activities of the 12th count; online attempts were on the 10th
    assert classes[w["k1"].id]["participants"] == 12
    assert classes[w["k2"].id]["participants"] == 25


def test_a_statement_kept_for_one_shape_of_filters_counts_each_filters_own_values(app):
    """The statements are built once per shape (region set, band set, ...) and kept: asking for
    one region and then another, or one band and then another, must count each one's own."""
    w = world()
    first = p.totals(p.Filters(w["c"].id, region_id=w["r1"].id))
    second = p.totals(p.Filters(w["c"].id, region_id=w["r2"].id))
    assert (first["participants"], second["participants"]) == (122, 5)
    again = _by_id(p.by_school(p.Filters(w["c"].id, region_id=w["r1"].id)))
    assert again[w["s1"].id]["participants"] == 42 and w["s3"].id not in again
    fives = p.totals(p.Filters(w["c"].id, band="5-9"))["participants"]
    ones = p.totals(p.Filters(w["c"].id, band="1-4"))["participants"]
    assert (fives, ones) == (20, 5)


def test_the_breakdown_by_band_and_the_totals_from_regions_equal_separate_counts(app):
    """The dashboard counts every band in one statement and takes the totals from the regions'
    rows: each must equal counting the band, or the scope, on its own (roll-ups, day masks
    and the attempts themselves answer different filters)."""
    from quiz.extensions import db
    from quiz.services import dashboard
    from tests import factories as f
    from tests.factories_organizers import attempt, pupil

    w = world()
    c = w["c"].id
    attempt(pupil(None, w["s2"], band="10-11"), w["c"])  # a solo pupil of another band
    merged = f.school(w["d1"], name_ru="Школа № 6", name_kk="№ 6 мектеп")
    attempt(pupil(None, merged, band="1-4"), w["c"])
    merged.status = "merged"  # its pupils are counted in the school it went into, not here
    db.session.commit()
    dashboard.refresh()
    for rollups in (True, False):
        app.config["STATS_ROLLUPS"] = rollups
        for filters in (
            p.Filters(c),
            p.Filters(c, region_id=w["r1"].id),
            p.Filters(c, district_id=w["d2"].id, band="5-9"),
            p.Filters(c, date_from=date(2025, 10, 9), date_to=date(2025, 10, 12)),
            p.Filters(c, date_from=date(2025, 8, 1)),  # outside the day masks' window
        ):
            separate = {
                band: p.totals(p.with_band(filters, band))["participants"]
                for band in ("1-4", "5-9", "10-11")
            }
            assert {b: n for b, n in separate.items() if n} == p.by_band(filters), filters
            assert p.totals_of(p.by_region(filters)) == p.totals(filters), filters
    app.config["STATS_ROLLUPS"] = True
    # 1-4: k4's five; 5-9: k1 16 + k3 3 + s1's solo 1; 10-11: k2's debate of 25 + a solo
    assert p.by_band(p.Filters(c)) == {"1-4": 5, "5-9": 20, "10-11": 26}


def test_a_date_range_counts_the_links_recorded_in_it(app):
    """s5 has only a link: it takes part in a range when its link was recorded in it (20:30
    UTC on the 9th is the 10th in Kazakhstan); the report, without a range, lists it."""
    from datetime import datetime

    from tests.factories_organizers import link

    w = world()
    link(w["s4"], w["c"], created_at=datetime(2025, 10, 9, 20, 30))
    tenth = p.Filters(w["c"].id, date_from=date(2025, 10, 10), date_to=date(2025, 10, 10))
    ninth = p.Filters(w["c"].id, date_from=date(2025, 10, 9), date_to=date(2025, 10, 9))
    assert _by_id(p.by_school(tenth))[w["s4"].id]["links"] == 1
    assert w["s4"].id not in _by_id(p.by_school(ninth))
    assert w["s5"].id not in _by_id(p.by_school(tenth))  # its link was recorded today
    assert p.totals(ninth)["links"] == 0
    assert _by_id(p.by_school(p.Filters(w["c"].id)))[w["s4"].id]["links"] == 1
