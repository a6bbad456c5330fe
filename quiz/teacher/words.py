"""Interface names of stored codes: activity kinds, networks, run kinds."""

from flask_babel import gettext as _


def activity_kind_names() -> dict:
    """Return {kind: name} for the offline activities of the rules."""
    return {
        "class_hour": _("Class hour"),
        "training": _("Training"),
        "debate": _("Debate"),
        "quest": _("Quest"),
        "poster": _("Poster exhibition"),
        "essay": _("Essay contest"),
        "video": _("Video contest"),
        "meeting_psychologist": _("Meeting with the school psychologist"),
        "meeting_police": _("Meeting with the cyber police"),
        "meeting_specialist": _("Meeting with an IT or cybersecurity specialist"),
    }


def network_names() -> dict:
    """Return {network: name}; brand names are the same in both languages."""
    return {
        "instagram": "Instagram",
        "facebook": "Facebook",
        "tiktok": "TikTok",
        "youtube": "YouTube",
        "telegram": "Telegram",
        "vk": "VK",
        "x": "X",
        "threads": "Threads",
        "other": _("Other"),
    }


def run_kind_names() -> dict:
    """Return {run kind: name}."""
    return {"live": _("Live class hour"), "assignment": _("Assignment"), "paper": _("Paper")}
