"""String normalisation shared by matching, coreference and resolution.

One definition of "the same spelling" for the whole project: NFKC, curly apostrophes and quotes
made straight, accents removed, case folded, whitespace collapsed.
"""

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u00b4": "'"})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})
_SPACE = re.compile(r"\s+")


def straighten(text: str) -> str:
    """Curly apostrophes and typographic dashes made plain; nothing else changes."""
    return text.translate(_APOSTROPHES).translate(_DASHES)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@lru_cache(maxsize=1 << 17)
def key(text: str) -> str:
    """The matching key of a surface form: 'l’Armée  Algérienne' -> "l'armee algerienne"."""
    text = straighten(unicodedata.normalize("NFKC", text))
    return _SPACE.sub(" ", strip_accents(text).casefold()).strip()


def is_capitalised(word: str) -> bool:
    """True for 'Paris', 'DGSE', 'M’henna'; false for 'paris', '2022', '-'."""
    return bool(word) and word[0].isupper()


def is_acronym(word: str) -> bool:
    """An all-capitals word of 2 to 10 letters (digits allowed after the first): 'DGSE', 'G5'."""
    return 2 <= len(word) <= 10 and word[0].isalpha() and word.isupper() and word.isalnum()
