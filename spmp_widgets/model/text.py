"""Text folding: compare names without regard to case or accents (ÖZLEM, Özlem, Ozlem)."""

from __future__ import annotations

import unicodedata

__all__ = ["fold", "fold_with_map"]

# Letters that do not decompose into a base letter and an accent.
_BASE = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i",
                       "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss"})


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original one."""
    out: list[str] = []
    owner: list[int] = []
    for i, ch in enumerate(text):
        base = unicodedata.normalize("NFKD", ch.translate(_BASE))
        for c in "".join(c for c in base if not unicodedata.combining(c)).casefold():
            out.append(c)
            owner.append(i)
    return "".join(out), owner


def fold(text: str) -> str:
    """Case- and accent-free: "ÖZLEM ÇELİK" and "Özlem Çelik" both become "ozlem celik"."""
    return fold_with_map(text)[0]
