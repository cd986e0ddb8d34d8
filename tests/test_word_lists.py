"""The closed word lists kept as data (knowledge/data/arguments_fr.json): well formed, each used."""

from pathlib import Path

from veille.knowledge.read import load_json
from veille.knowledge.words import ARGUMENT_WORDS

SOURCES = Path(__file__).resolve().parent.parent / "src" / "veille"


def test_every_section_says_what_it_is_and_holds_words():
    raw = load_json("arguments_fr.json")
    for name in ARGUMENT_WORDS.sections():
        section = raw[name]
        assert section["_about"].strip(), name
        items = section.get("words") or section.get("phrases")
        assert items, name
        if "words" in section:
            assert len(set(items)) == len(items), f"{name}: a word twice"


def test_every_section_is_read_by_the_code():
    code = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES.rglob("*.py"))
    unused = [name for name in ARGUMENT_WORDS.sections() if f'"{name}"' not in code]
    assert not unused, unused


def test_phrases_are_tuples_of_matching_keys():
    slots = ARGUMENT_WORDS.phrase_slots("compound_prepositions")
    assert slots[("a", "l'", "egard")] == ("envers", "contre")
    assert ("a", "la", "place", "de") in ARGUMENT_WORDS.phrases("predecessor_cues")
