"""Keys that make names comparable: case, accents and spacing do not matter."""

from __future__ import annotations

import unicodedata


def name_key(name: str) -> str:
    """``"José  Álvarez"`` → ``"jose alvarez"``."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("’", "'").casefold().split())


def surname_key(name: str) -> str:
    """The last word of the name, as a key (``"Kassym-Jomart Tokayev"`` → ``"tokayev"``)."""
    key = name_key(name)
    return key.rsplit(" ", 1)[-1] if key else ""
