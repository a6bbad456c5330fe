"""Kinds that pair things up: matching (left to right) and categorise (card to group)."""

from typing import Any

from quiz.bank.errors import InvalidResponse
from quiz.bank.kinds.base import Item, expect_mapping, shuffled
from quiz.bank.schema import Context, check_keys, check_unique, read_id, read_tables, read_text


def read_entries(ctx: Context, data: dict, key: str, counts, link: str = "") -> list[dict]:
    """Read ``[[items.<key>]]`` entries of id, text and an optional link field."""
    entries = []
    for index, raw in enumerate(read_tables(ctx, data, key, counts)):
        at = f"{key}[{index + 1}]"
        check_keys(ctx, raw, {"id", "text", link} - {""}, at)
        entry = {"id": read_id(ctx, raw, at), "text": read_text(ctx, raw, "text", at)}
        if link:
            entry[link] = read_id(ctx, raw, at, key=link)
        entries.append(entry)
    check_unique(ctx, [e["id"] for e in entries], key.rstrip("s"))
    return entries


def public_entries(entries: list[dict], lang: str) -> list[dict]:
    """Ids and texts in one language."""
    return [{"id": e["id"], "text": e["text"][lang]} for e in entries]


class Matching(Item):
    """Match each left to a right (one right may be a distractor); a point per pair."""

    kind = "matching"
    fields = {"lefts", "rights"}

    def read(self, data: dict, ctx: Context) -> None:
        """Read lefts and rights and check every match."""
        self.lefts = read_entries(ctx, data, "lefts", (2, 6), link="match")
        self.rights = read_entries(ctx, data, "rights", (2, 7))
        right_ids = [r["id"] for r in self.rights]
        for left in self.lefts:
            if left["match"] and left["match"] not in right_ids:
                ctx.add(f"left '{left['id']}' matches unknown right '{left['match']}'")
        matches = [left["match"] for left in self.lefts]
        for right in sorted({m for m in matches if m and matches.count(m) > 1}):
            ctx.add(f"right '{right}' is matched by more than one left")
        if len(self.rights) > len(self.lefts) + 1:
            ctx.add("a matching item may have at most one distractor right")

    @property
    def max_score(self) -> int:
        """The number of lefts."""
        return len(self.lefts)

    def check(self, response: Any) -> dict:
        """An object left id -> right id, each right used at most once."""
        lefts, rights = [e["id"] for e in self.lefts], [e["id"] for e in self.rights]
        pairs = expect_mapping(response, lefts, rights, "left to right")
        if len(set(pairs.values())) != len(pairs):
            raise InvalidResponse("a right id is used more than once")
        return pairs

    def points(self, response: dict) -> int:
        """The number of correct pairs."""
        return sum(response.get(e["id"]) == e["match"] for e in self.lefts)

    def correct_response(self, lang: str) -> dict:
        """Every left with its right."""
        return {e["id"]: e["match"] for e in self.lefts}

    def shown(self, lang: str) -> dict:
        """Lefts in order, rights shuffled."""
        rights = shuffled(public_entries(self.rights, lang), self.id)
        return {"lefts": public_entries(self.lefts, lang), "rights": rights}

    def exported(self) -> dict:
        """Lefts with their matches, and rights."""
        return {"lefts": self.lefts, "rights": self.rights}


class Categorise(Item):
    """Sort 3–10 cards into 2–3 groups; a point per card in the right group."""

    kind = "categorise"
    fields = {"groups", "cards"}

    def read(self, data: dict, ctx: Context) -> None:
        """Read groups and cards and check every card's group."""
        self.groups = read_entries(ctx, data, "groups", (2, 3))
        self.cards = read_entries(ctx, data, "cards", (3, 10), link="group")
        group_ids = [g["id"] for g in self.groups]
        for card in self.cards:
            if card["group"] and card["group"] not in group_ids:
                ctx.add(f"card '{card['id']}' is in unknown group '{card['group']}'")
        used = {card["group"] for card in self.cards}
        for group in group_ids:
            if group not in used:
                ctx.add(f"group '{group}' has no card")

    @property
    def max_score(self) -> int:
        """The number of cards."""
        return len(self.cards)

    def check(self, response: Any) -> dict:
        """An object card id -> group id."""
        cards, groups = [e["id"] for e in self.cards], [e["id"] for e in self.groups]
        return expect_mapping(response, cards, groups, "card to group")

    def points(self, response: dict) -> int:
        """The number of cards in the right group."""
        return sum(response.get(e["id"]) == e["group"] for e in self.cards)

    def correct_response(self, lang: str) -> dict:
        """Every card with its group."""
        return {e["id"]: e["group"] for e in self.cards}

    def shown(self, lang: str) -> dict:
        """Groups in order, cards shuffled."""
        cards = shuffled(public_entries(self.cards, lang), self.id)
        return {"groups": public_entries(self.groups, lang), "cards": cards}

    def exported(self) -> dict:
        """Groups, and cards with their groups."""
        return {"groups": self.groups, "cards": self.cards}
