"""The national data set in SQL: 7,500 schools, 3.5M participants, about 10M answers.

Set-based INSERT ... SELECT generate_series, one statement per table, seeded random(), so a
run takes minutes and two runs build the same data. Spread (see docs/performance-national.md):
20 regions of 10 districts; 18 classes per school over grades 1-11; 3 % solo pupils; 2 % team
seats of 2-4; 0.3 % removed from a lobby; 4.2M attempts (1.2 per pupil) in live, assignment
and solo modes over the 8 themes (four of them twice as often as the others; until 4 Dec a
bug put every attempt in one theme) and the 9 days of the challenge, school hours local time; 5 %
of attempts never answered, 2 % outside the challenge; about 62 % correct answers; live
sessions, paper sessions, class- and school-level offline activities and social links.
"""

SCHOOLS = 7_500
CLASSES_PER_SCHOOL = 18
PARTICIPANTS = 3_500_000
ATTEMPTS = 4_200_000
ANSWER_SLOTS = 10_600_000  # minus the never-answered attempts: about 10.07M answers

THEMES = (
    "conscious-use",
    "starts-with-you",
    "cyber-friendship",
    "protect-your-data",
    "critical-thinking",
    "dont-stand-by",
    "support-and-help",
    "tool-for-growth",
)

STATEMENTS = [
    (
        "challenge",
        """
INSERT INTO challenges (id, slug, name_kk, name_ru, starts_on, ends_on, report_deadline,
  hashtags, tagged_accounts, themes, is_current, created_at)
VALUES (1, 'safety-online-2025', 'Желідегі қауіпсіздік 2025', 'Безопасность в сети 2025',
  '2025-10-09', '2025-10-17', '2025-10-22', '[]', '[]', '[]', true, now())""",
    ),
    (
        "regions",
        """
INSERT INTO regions (id, name_kk, name_ru, name_key)
SELECT g, 'Облыс ' || g, 'Область ' || g, 'область ' || g FROM generate_series(1, 20) g""",
    ),
    (
        "districts",
        """
INSERT INTO districts (id, region_id, name_kk, name_ru, name_key)
SELECT g, 1 + (g - 1) / 10, 'Аудан ' || g, 'Район ' || g, 'район ' || g
FROM generate_series(1, 200) g""",
    ),
    (
        "schools",
        f"""
INSERT INTO schools (id, district_id, name_kk, name_ru, name_key, status, created_at)
SELECT g, 1 + (g - 1) % 200, '№' || g || ' жалпы білім беретін мектеп',
  'Общеобразовательная школа №' || g, 'школа ' || g, 'active', now()
FROM generate_series(1, {SCHOOLS}) g""",
    ),
    (
        "classes",
        f"""
INSERT INTO classes (id, school_id, grade, letter, language, join_code, created_at)
SELECT g, 1 + (g - 1) / {CLASSES_PER_SCHOOL}, 1 + (g - 1) % 11,
  CASE WHEN g % 3 = 0 THEN 'Ә' ELSE 'А' END, CASE WHEN g % 3 = 0 THEN 'ru' ELSE 'kk' END,
  'C' || g, now()
FROM generate_series(1, {SCHOOLS * CLASSES_PER_SCHOOL}) g""",
    ),
    (
        "participants",
        f"""
INSERT INTO participants (id, token_hash, nickname, nickname_key, challenge_id, class_id,
  school_id, band, lang, seats, removed, created_at, last_seen_at)
SELECT g, md5(g::text), 'n' || g, 'n' || g, 1, c, COALESCE(k.school_id, 1 + g % {SCHOOLS}),
  CASE WHEN k.grade IS NULL THEN (ARRAY['1-4', '5-9', '10-11'])[1 + g % 3]
       WHEN k.grade <= 4 THEN '1-4' WHEN k.grade <= 9 THEN '5-9' ELSE '10-11' END,
  CASE WHEN g % 3 = 0 THEN 'ru' ELSE 'kk' END,
  CASE WHEN g % 50 = 7 THEN 2 + g % 3 ELSE 1 END, g % 333 = 5, now(), now()
FROM (SELECT g, CASE WHEN g % 33 = 0 THEN NULL
                     ELSE 1 + (g::bigint * 7919) % {SCHOOLS * CLASSES_PER_SCHOOL} END AS c
      FROM generate_series(1, {PARTICIPANTS}) g) s
LEFT JOIN classes k ON k.id = s.c""",
    ),
    (
        "live_sessions",
        f"""
INSERT INTO live_sessions (id, class_id, quiz_id, quiz_version, state, current_index, version,
  locked, projector_lang, podium, speed_bonus, created_at, finished_at)
SELECT g, g, 'protect-your-data-5-9', 1, 'finished', 9, 40, false, 'both', false, false,
  '2025-10-10 05:00', '2025-10-10 05:40'
FROM generate_series(1, {SCHOOLS * CLASSES_PER_SCHOOL}) g WHERE g % 3 = 0""",
    ),
    (
        "attempts",
        f"""
INSERT INTO attempts (id, participant_id, quiz_id, quiz_version, theme, band, mode, challenge_id,
  class_id, school_id, live_session_id, score, max_score, started_at, finished_at)
SELECT a, p.id, t.theme || '-' || p.band, 1, t.theme, p.band, m.mode,
  CASE WHEN a % 50 = 3 THEN NULL ELSE 1 END, p.class_id, p.school_id,
  CASE WHEN m.mode = 'live' THEN p.class_id END, 0, 10, s.started,
  CASE WHEN a % 10 < 7 THEN s.started + interval '12 minutes' END
FROM generate_series(1, {ATTEMPTS}) a
JOIN participants p ON p.id = 1 + (a - 1) % {PARTICIPANTS}
CROSS JOIN LATERAL (SELECT (ARRAY{list(THEMES)})[1 + (a * 37 + a / 11) % 8] AS theme) t
CROSS JOIN LATERAL (SELECT CASE
    WHEN p.class_id IS NULL THEN 'solo'
    WHEN p.class_id % 3 = 0 AND a % 5 < 3 THEN 'live'
    WHEN a % 4 = 0 THEN 'solo' ELSE 'assignment' END AS mode) m
CROSS JOIN LATERAL (SELECT timestamp '2025-10-09 03:00'
    + ((a * 7) % 9 + (a % 23 = 0)::int * -2) * interval '1 day'
    + ((a * 13) % 480) * interval '1 minute' AS started) s""",
    ),
    (
        "answers",
        f"""
INSERT INTO answers (id, attempt_id, item_id, quiz_version, score, max_score, correct,
  client_answer_id, answered_at)
SELECT n, x.attempt_id, x.item_id, 1, x.ok::int, 1, x.ok, NULL, now()
FROM (SELECT a AS n, 1 + (a - 1) % {ATTEMPTS} AS attempt_id,
        'i' || (1 + (a - 1) / {ATTEMPTS}) || '-' || (a % 4) AS item_id,
        random() < 0.45 + 0.05 * ((a - 1) / {ATTEMPTS}) + 0.1 * (a % 4) / 3.0 AS ok
      FROM generate_series(1, {ANSWER_SLOTS}) a) x
WHERE x.attempt_id % 20 <> 0""",
    ),
    (
        "paper_sessions",
        f"""
INSERT INTO paper_sessions (id, class_id, challenge_id, quiz_id, quiz_version, pupils, held_on,
  created_at)
SELECT g, 1 + (g * 104729) % {SCHOOLS * CLASSES_PER_SCHOOL}, 1, 'protect-your-data-1-4', 1,
  10 + g % 20, date '2025-10-09' + g % 9, now()
FROM generate_series(1, 8000) g""",
    ),
    (
        "offline_activities",
        f"""
INSERT INTO offline_activities (id, challenge_id, school_id, class_id, kind, held_on, themes,
  participants, description, created_at, updated_at)
SELECT g, 1, CASE WHEN g % 8 = 0 THEN 1 + g % {SCHOOLS} ELSE k.school_id END,
  CASE WHEN g % 8 = 0 THEN NULL ELSE k.id END,
  (ARRAY['class_hour', 'debate', 'quest', 'poster', 'essay', 'training'])[1 + g % 6],
  date '2025-10-08' + g % 11, '[]', CASE WHEN g % 8 = 0 THEN 100 + g % 400 ELSE 15 + g % 20 END,
  '', now(), now()
FROM generate_series(1, 80000) g
JOIN classes k ON k.id = 1 + (g * 7907) % {SCHOOLS * CLASSES_PER_SCHOOL}""",
    ),
    (
        "social_links",
        f"""
INSERT INTO social_links (id, challenge_id, school_id, url, url_key, network, created_at)
SELECT g, 1, 1 + (g * 13) % {SCHOOLS}, 'https://www.instagram.com/p/bench' || g,
  'instagram.com/p/bench' || g, 'instagram', now() - g * interval '1 second'
FROM generate_series(1, 20000) g""",
    ),
]

SEQUENCES = (
    "challenges",
    "regions",
    "districts",
    "schools",
    "classes",
    "participants",
    "live_sessions",
    "attempts",
    "answers",
    "paper_sessions",
    "offline_activities",
    "social_links",
)
