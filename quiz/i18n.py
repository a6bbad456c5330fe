"""The languages of the platform: the one list, imported everywhere."""

LOCALES = ("kk", "ru")
