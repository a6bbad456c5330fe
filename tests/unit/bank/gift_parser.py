"""A small GIFT parser, enough to read back what quiz.bank.gift writes."""

import re

SPECIAL = "~=#{}:"


def unescape(text: str) -> str:
    """Undo GIFT escaping: \\n is a newline, \\X is X."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text).strip()


def split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """Split at unescaped marks: [(mark, chunk)], the first mark is ''."""
    parts, mark, chunk, index = [], "", "", 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            chunk += text[index : index + 2]
            index += 2
            continue
        if char in marks:
            parts.append((mark, chunk))
            mark, chunk = char, ""
        else:
            chunk += char
        index += 1
    return parts + [(mark, chunk)]


def _answer(mark: str, body: str) -> dict:
    weight = 100.0 if mark == "=" else 0.0
    found = re.match(r"%(-?[\d.]+)%", body)
    if found:
        weight, body = float(found.group(1)), body[found.end() :]
    text, *feedback = [chunk for _, chunk in split_unescaped(body, "#")]
    answer = {"weight": weight, "feedback": unescape(feedback[0]) if feedback else None}
    if "->" in text:
        left, right = text.split("->", 1)
        return answer | {"left": unescape(left), "right": unescape(right)}
    return answer | {"text": unescape(text)}


def parse_question(block: str) -> dict:
    """One question block: title, text, type, answers and general feedback."""
    title = re.match(r"::(.*?)::", block)
    rest = block[title.end() :] if title else block
    (_, text), (_, body), *_ = split_unescaped(rest, "{}")
    body, _, general = body.partition("####")
    question = {"title": title.group(1) if title else None, "text": unescape(text)}
    question["feedback"] = unescape(general)
    if body.strip() in {"T", "F", "TRUE", "FALSE"}:
        return question | {"type": "true_false", "answer": body.strip().startswith("T")}
    answers = [_answer(mark, chunk) for mark, chunk in split_unescaped(body, "=~") if mark]
    if any("left" in a for a in answers):
        kind = "matching"
    elif "~" in (marks := {mark for mark, _ in split_unescaped(body, "=~")}):
        # Moodle's rule: with no '=' answer the question allows several answers.
        kind = "single" if "=" in marks else "multiple"
    else:
        kind = "short_text"
    return question | {"type": kind, "answers": answers}


def parse_gift(text: str) -> list[dict]:
    """All questions of a GIFT file (comments and categories are skipped)."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(("//", "$"))]
    blocks = "\n".join(lines).split("\n\n")
    return [parse_question(block.strip()) for block in blocks if block.strip()]


def check_answers(item, question, lang):
    """Assert that a parsed GIFT question carries the item's answers and their correctness."""
    if item.kind == "true_false":
        assert question["answer"] is item.answer
    elif item.kind == "short_text":
        texts = [a["text"] for a in question["answers"]]
        assert item.accept[lang][0] == texts[0] and all(item.score(t) for t in texts)
    elif item.kind == "matching":
        rights = {r["id"]: r["text"][lang] for r in item.rights}
        pairs = {(a["left"], a["right"]) for a in question["answers"]}
        expected = {(e["text"][lang], rights[e["match"]]) for e in item.lefts}
        assert expected <= pairs and len(pairs) == len(item.rights)
    else:
        got = [(a["text"], a["weight"] > 0) for a in question["answers"]]
        assert got == [(o.text[lang], o.correct) for o in item.options]


GIFT_KINDS = {"single", "multiple", "true_false", "short_text", "matching"}


def check_round_trip(bank, gift: str, lang: str) -> int:
    """Assert that GIFT text carries every expressible item of the bank; return their number."""
    parsed = {q["title"]: q for q in parse_gift(gift)}
    exported = 0
    for quiz in bank.quizzes():
        for item in quiz.items:
            title = f"{quiz.id}/{item.id}"
            if item.kind not in GIFT_KINDS:
                assert title not in parsed
                continue
            question = parsed[title]
            assert question["text"] == item.text[lang]
            assert question["feedback"] == item.explanation[lang]
            assert question["type"] == item.kind
            check_answers(item, question, lang)
            exported += 1
    return exported
