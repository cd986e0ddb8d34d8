import pycountry
import pytest

from veille.knowledge.gazetteer import Gazetteer
from veille.knowledge.read import load_json


def matched(resources, tokenize, text):
    words = tokenize(text)
    return [(" ".join(words[m.start:m.end]), tuple(e.id for e in m.entries))
            for m in resources.gazetteer.match(words)]


def test_hyphenated_names_match_whole_or_cut(resources, tokenize):
    assert matched(resources, tokenize, "les États-Unis aussi") == [("États-Unis", ("country-us",))]
    found = matched(resources, tokenize, "l'axe Etats-Unis-Maroc-Mali")
    assert [ids for _, ids in found] == [("country-us",), ("country-ma",), ("country-ml",)]


def test_acronyms_match_only_as_written(resources, tokenize):
    assert matched(resources, tokenize, "les katibas d'Aqmi et d'AQMI")[0][1] == ("xx-aqmi",)
    assert len(matched(resources, tokenize, "les katibas d'Aqmi et d'AQMI")) == 2
    assert matched(resources, tokenize, "une dgse de quartier") == []


def test_one_word_names_need_a_capital(resources, tokenize):
    assert matched(resources, tokenize, "le groupe Wagner") == [("groupe Wagner", ("ru-wagner",))]
    assert matched(resources, tokenize, "un opéra de wagner") == []


def test_long_organisation_names_match_in_lower_case(resources, tokenize):
    found = matched(resources, tokenize, "la direction de la documentation et de la sécurité extérieure a dit")
    assert found == [("direction de la documentation et de la sécurité extérieure", ("dz-ddse",))]


def test_leading_article_optional(resources, tokenize):
    assert matched(resources, tokenize, "les Mourabitoune ont revendiqué")[0][1] == ("xx-mourabitoune",)


def test_same_acronym_of_two_states_is_ambiguous(resources, tokenize):
    assert set(matched(resources, tokenize, "la DGSI enquête")[0][1]) == {"fr-dgsi", "dz-dgsi"}


def test_a_long_name_with_its_own_states_demonym_inside_is_that_states_entry(resources, tokenize):
    # the demonym settles which of the two DGSI it is; another state's demonym gives no match
    assert matched(resources, tokenize, "la Direction générale algérienne de la sécurité intérieure") == [
        ("Direction générale algérienne de la sécurité intérieure", ("dz-dgsi",))]
    assert matched(resources, tokenize, "la Direction générale française de la sécurité extérieure") == [
        ("Direction générale française de la sécurité extérieure", ("fr-dgse",))]
    assert matched(resources, tokenize, "la Direction générale marocaine de la sécurité extérieure") == []


def test_demonyms(resources):
    assert resources.gazetteer.demonym("Algériennes") == "DZ"
    assert resources.gazetteer.demonym("rapport") is None


# --- the real data files ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real(tokenize):
    return Gazetteer.load(tokenize)


def test_real_gazetteer_covers_many_services_of_many_states(real):
    services = [e for e in real.entries.values() if e.kind in ("intelligence_service", "police")]
    assert len(services) >= 80
    assert len({e.country for e in services if e.country}) >= 30
    assert len([e for e in real.entries.values() if e.kind == "armed_group"]) >= 20


def test_real_data_is_sourced_and_valid():
    for name in ("organisations.json", "places.json", "countries.json"):
        data = load_json(name)
        assert data["_about"]
        for entry in data["entries"]:
            assert entry.get("source"), f"{name}: entry without source: {entry}"
            code = entry.get("country") or entry.get("code")
            assert code is None or pycountry.countries.get(alpha_2=code) or code == "XK", entry


def test_real_lookalike_acronyms_stay_apart(real, tokenize):
    match = real.match(tokenize("la DGSI"))[0]
    assert {e.country for e in match.entries} >= {"FR", "DZ"}


def test_real_entries_have_parents_that_exist(real):
    for entry in real.entries.values():
        assert entry.parent is None or entry.parent in real.entries, entry.id


def test_real_broadcasters_named_after_a_country_are_outlets_not_the_country(real, tokenize):
    for name in ("France 2", "France 24", "France Inter"):
        words = tokenize(f"un reportage de {name} hier")
        match = real.match(words)[0]
        assert match.entries[0].kind == "media" and words[match.start:match.end] == tokenize(name)


def test_leaders_name_their_state_by_full_name_or_a_surname_of_one_state():
    from veille.knowledge.cues import leaders
    table = leaders([{"country": "ML", "office": "state", "names": ["Assimi Goïta", "Dioncounda Traoré"]},
                     {"country": "BF", "office": "state", "names": ["Ibrahim Traoré"]},
                     {"country": "MA", "office": "state", "names": ["Mohammed VI"]}])
    assert table["assimi goita"] == "ML" and table["goita"] == "ML"
    assert table["ibrahim traore"] == "BF" and "traore" not in table      # two states' leaders
    assert table["mohammed vi"] == "MA" and "vi" not in table             # a regnal number


def test_leaders_file_is_well_formed():
    for entry in load_json("leaders.json")["entries"]:
        assert entry["office"] in ("state", "government") and entry["names"], entry
        assert pycountry.countries.get(alpha_2=entry["country"]), entry


def test_a_longer_name_starting_inside_a_match_wins(tokenize):
    from veille.knowledge.gazetteer import Entry
    sources = [(Entry("is", "ORG", "armed_group", None, None, None, ("groupe État islamique",), ()), []),
               (Entry("is-sahel", "ORG", "armed_group", None, None, None, ("État islamique au Sahel",), ()), [])]
    gazetteer = Gazetteer(tokenize, sources, {})

    def names(text):
        words = tokenize(text)
        return [(" ".join(words[m.start:m.end]), m.entries[0].id) for m in gazetteer.match(words)]

    assert names("le groupe État islamique au Sahel a frappé") == [("État islamique au Sahel", "is-sahel")]
    assert names("le groupe État islamique a frappé") == [("groupe État islamique", "is")]
