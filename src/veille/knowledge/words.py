"""Closed word lists kept as data (``data/arguments_fr.json``): one section a list, read once."""

from .read import load_json
from ..text import key


class WordLists:
    """The sections of one data file of word lists, each ``{"_about": …, "words": [...]}``."""

    def __init__(self, name: str):
        self._sections = {k: v for k, v in load_json(name).items() if not k.startswith("_")}

    def set(self, section: str) -> frozenset[str]:
        return frozenset(self._sections[section]["words"])

    def phrases(self, section: str) -> tuple[tuple[str, ...], ...]:
        """A section of phrases as tuples of matching keys ('à la place de' -> ('a', 'la', 'place', 'de'))."""
        return tuple(tuple(key(w) for w in p.split()) for p in self._sections[section]["phrases"])

    def phrase_slots(self, section: str) -> dict[tuple[str, ...], tuple[str, ...]]:
        """A section mapping phrases to slots, keyed like :meth:`phrases`."""
        return {tuple(key(w) for w in p.split()): tuple(slots) for p, slots in self._sections[section]["phrases"].items()}

    def sections(self) -> list[str]:
        return sorted(self._sections)


#: the lists of the argument finder and of the relation and event stages
ARGUMENT_WORDS = WordLists("arguments_fr.json")
