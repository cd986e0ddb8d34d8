"""Acronym ↔ expansion pairs learned from the text itself.

The press spells a service out once and uses its acronym afterwards, in several shapes:
"Direction générale de la sécurité extérieure (DGSE)", "… extérieure – DGSE", "la DGST
(Direction générale de la surveillance du territoire)", or "la DGST, … la Direction générale de
la surveillance du territoire" further on. An expansion is accepted when the initials of its
content words spell the acronym, function words contributing a letter or not ("Front de
libération nationale" → FLN, "Direction de la documentation et de la sécurité extérieure" → DDSE).
"""

from dataclasses import dataclass
from typing import Sequence

from ..text import is_acronym, key

#: Words that may be skipped when spelling an acronym.
FUNCTION_WORDS = frozenset({"de", "la", "le", "les", "l'", "d'", "du", "des", "et", "en", "pour", "au", "aux",
                            "a", "à", "sur", "par", "contre", "dans"})
OPENERS = frozenset({"(", "–", "-", "—", ":"})
MAX_EXPANSION = 14


@dataclass(frozen=True)
class AcronymPair:
    acronym: int          # token index of the acronym
    start: int            # token span of its expansion
    end: int


def spells(words: Sequence[str], acronym: str) -> bool:
    """True when the words' initials spell ``acronym``; function words may be skipped."""
    letters = key(acronym).replace("'", "")
    items = [(key(w)[:1], key(w) in FUNCTION_WORDS) for w in words if key(w) and key(w) not in "-–—"]
    if not items or items[0][1] or items[-1][1]:
        return False

    def walk(i: int, j: int) -> bool:
        if i == len(items):
            return j == len(letters)
        initial, optional = items[i]
        if j < len(letters) and initial == letters[j] and walk(i + 1, j + 1):
            return True
        return optional and walk(i + 1, j)

    return walk(0, 0)


def _is_word(w: str) -> bool:
    return any(c.isalpha() for c in w)


def _before(words: Sequence[str], i: int, acronym: str, skip: frozenset) -> tuple[int, int] | None:
    """An expansion ending just before the opener at i-1 ('… extérieure (DGSE')."""
    end = i - 1
    while end > 0 and key(words[end - 1]) in skip:      # '… intérieure française (DGSI'
        end -= 1
    for start in range(end - 1, max(-1, end - MAX_EXPANSION - 1), -1):
        if not _is_word(words[start]) and words[start] not in "-’'":
            break
        if spells(words[start:end], acronym):
            return start, end
    return None


def _after(words: Sequence[str], i: int, acronym: str) -> tuple[int, int] | None:
    """An expansion in parentheses just after ('DGST (Direction générale …)')."""
    start = i + 2
    for end in range(start + 1, min(len(words), start + MAX_EXPANSION) + 1):
        if end < len(words) and words[end - 1] == ")":
            break
        if spells(words[start:end], acronym) and (end == len(words) or not _is_word(words[end])):
            return start, end
    return None


def _anywhere(words: Sequence[str], acronym: str) -> tuple[int, int] | None:
    """The first span anywhere in the text that spells the acronym, starting with a capital."""
    size = len(acronym)
    for start, w in enumerate(words):
        if not w[:1].isupper() or is_acronym(w) or key(w)[:1] != key(acronym)[:1]:
            continue
        for end in range(start + size, min(len(words), start + size + MAX_EXPANSION // 2) + 1):
            if spells(words[start:end], acronym):
                return start, end
    return None


def bracketed_word_acronym(words: Sequence[str], i: int) -> bool:
    """'la Mission d'appui des Nations unies en Libye (Manul)', '(Aqmi)': an acronym the press
    writes as a word, in brackets right after what it abbreviates."""
    w = words[i]
    return 3 <= len(w) <= 8 and w[:1].isupper() and w[1:].isalpha() and w[1:].islower() and \
        0 < i < len(words) - 1 and words[i - 1] == "(" and words[i + 1] == ")"


def learn(words: Sequence[str], demonyms: frozenset = frozenset(), rejected_starts: frozenset = frozenset(),
          ignored: frozenset = frozenset()) -> list[AcronymPair]:
    """Every acronym of ``words`` whose expansion the text gives, with that expansion's span.

    ``demonyms`` may stand between an expansion and its acronym ("sécurité intérieure française
    (DGSI)"); an expansion starting with one of ``rejected_starts`` (titles such as "directeur")
    names a person's office, not the organisation, and is not taken.
    """
    pairs, found = [], {}
    for i, w in enumerate(words):
        if not (is_acronym(w) or bracketed_word_acronym(words, i)) or w in ignored:
            continue
        span = found.get(w)
        if span is None:
            span = (_before(words, i, w, demonyms) if i > 1 and words[i - 1] in OPENERS else None) \
                or (_after(words, i, w) if i + 1 < len(words) and words[i + 1] == "(" else None)
            if span and key(words[span[0]]) in rejected_starts:
                span = None
            if span:
                found[w] = span
        if span:
            pairs.append(AcronymPair(i, *span))
    tried = set()                   # an acronym the text spells nowhere is looked for once
    for i, w in enumerate(words):
        if is_acronym(w) and w not in found and w not in ignored and w not in tried:
            tried.add(w)
            span = _anywhere(words, w)
            if span and key(words[span[0]]) not in rejected_starts:
                found[w] = span
    paired = {p.acronym for p in pairs}
    for i, w in enumerate(words):
        if w in found and i not in paired:
            pairs.append(AcronymPair(i, *found[w]))
    return sorted(pairs, key=lambda p: p.acronym)
