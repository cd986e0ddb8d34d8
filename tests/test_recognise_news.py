"""Recognition on the constructions of news prose, sentences written for these tests.

The first group needs no model: the model's entities and the parts of speech are given by hand,
the way spaCy would give them, so that each rule is tested alone. The second group (marked
``model``) runs the real French model over whole sentences."""

import pytest

from veille.extract.constructions import credit_tokens
from veille.extract.recognise import recognise

#: parts of speech of the lower-case words of these sentences that are not nouns
POS = {"militaire": "ADJ", "civile": "ADJ", "général": "ADJ", "nationale": "ADJ", "a": "AUX", "ont": "AUX",
       "est": "AUX", "été": "AUX", "revendiqué": "VERB", "confirmé": "VERB", "écrit": "VERB", "nommé": "VERB",
       "et": "CCONJ", "de": "ADP", "à": "ADP", "le": "DET", "la": "DET", "l'": "DET", "les": "DET",
       "panarabe": "ADJ", "privée": "ADJ", "libyenne": "ADJ", "algérienne": "ADJ", "hier": "ADV"}


def run(resources, tokenize, text, model=(), pos=None):
    """The mentions of ``text`` as (surface, type, kind, country); ``model``: (surface, label)
    pairs standing for spaCy's entities, ``pos``: parts of speech by word, over ``POS``."""
    words = tokenize(text)
    spans = []
    for surface, label in model:
        target = tokenize(surface)
        for i in range(len(words)):
            if words[i:i + len(target)] == target and not any(s <= i < e for s, e, _ in spans):
                spans.append((i, i + len(target), label))
                break
    tags = {**POS, **(pos or {})}
    parts = [tags.get(w, "PROPN" if w[:1].isupper() else "NOUN") for w in words]
    starts = [i == 0 or words[i - 1] in (".", "\n") or "\n" in words[i - 1] for i in range(len(words))]
    found = recognise(words, spans, parts, starts, resources)
    return [(" ".join(words[c.start:c.end]), c.type, c.kind, c.country) for c in found]


def surfaces(found):
    return [f[0] for f in found]


# --- names built by a head noun -----------------------------------------------------------------

def test_a_site_named_by_its_place_is_one_place(resources, tokenize):
    found = run(resources, tokenize, "Il est détenu à la prison militaire de Blida depuis mars.", [("Blida", "LOC")])
    assert found == [("prison militaire de Blida", "LOC", "site", None)]


def test_a_court_named_by_a_known_city_takes_its_country(resources, tokenize):
    found = run(resources, tokenize, "Il a comparu devant le tribunal militaire d'Alger.", [("Alger", "LOC")])
    assert found == [("tribunal militaire d' Alger", "ORG", "government", "DZ")]


def test_a_bare_head_names_nothing(resources, tokenize):
    assert run(resources, tokenize, "Il est sorti de la prison hier.") == []
    assert run(resources, tokenize, "Le tribunal militaire a tranché.") == []


def test_a_consulate_with_its_state_and_its_seat(resources, tokenize):
    found = run(resources, tokenize, "Le consulat général du Maroc à Bamako a été fermé.")
    assert found == [("consulat général du Maroc à Bamako", "ORG", "government", "MA")]


def test_an_embassy_named_by_a_demonym(resources, tokenize):
    found = run(resources, tokenize, "L'ambassade algérienne a protesté.")
    assert found == [("ambassade algérienne", "ORG", "government", "DZ")]


def test_a_ministry_named_by_its_state_and_its_office(resources, tokenize):
    found = run(resources, tokenize, "Le ministère algérien des Renseignements a démenti.", [("Renseignements", "ORG")])
    assert found == [("ministère algérien des Renseignements", "ORG", "government", "DZ")]


def test_an_office_head_before_a_place_is_no_ministry(resources, tokenize):
    # 'le département d'Alger' names a place, not a ministry's department
    found = run(resources, tokenize, "Le département d'Alger est calme.", [("Alger", "LOC")])
    assert ("Alger", "LOC", "city", "DZ") in found
    assert not any(f[1] == "ORG" for f in found)


def test_staff_of_an_army_named_by_its_acronym(resources, tokenize):
    found = run(resources, tokenize, "Selon l'état-major de l'Anp, le calme est revenu.", [("Anp", "ORG")])
    assert found == [("état - major de l' Anp", "ORG", "military", None)]


def test_mercenaries_of_a_state_but_not_those_of_a_named_group(resources, tokenize):
    assert run(resources, tokenize, "Il emploie des mercenaires maliens.") == \
        [("mercenaires maliens", "ORG", "armed_group", "ML")]
    found = run(resources, tokenize, "Il emploie des mercenaires russes de Wagner.")
    assert surfaces(found) == ["Wagner"]


def test_lower_case_names_of_the_security_sector(resources, tokenize):
    found = run(resources, tokenize, "La gendarmerie nationale et la justice militaire enquêtent. La junte se tait.")
    assert [(f[0], f[2]) for f in found] == [("gendarmerie nationale", "police"), ("justice militaire", "government"),
                                             ("junte", "government")]


# --- role phrases, titles, single capitalised words ---------------------------------------------

def test_a_role_phrase_is_no_place(resources, tokenize):
    found = run(resources, tokenize, "Le Directeur Général de la sécurité intérieure Karim Ouali est parti.",
                [("Directeur Général de la sécurité intérieure", "LOC"), ("Karim Ouali", "PER")])
    assert found == [("Karim Ouali", "PER", "person", None)]


def test_a_title_the_model_took_for_a_person_is_cut(resources, tokenize):
    found = run(resources, tokenize, "Le chef, le Général Karim Ouali, a été démis.", [("Général", "PER"), ("Karim Ouali", "PER")])
    assert found == [("Karim Ouali", "PER", "person", None)]
    assert run(resources, tokenize, "Le Colonel-major a parlé.", [("Colonel-major", "LOC")]) == []


def test_capitalised_common_words_heading_a_sentence_are_no_names(resources, tokenize):
    text = "Informations très rares.\nVirés donc. Lundi, Karim Ouali a parlé du Sud."
    model = [("Informations", "LOC"), ("Virés", "LOC"), ("Lundi", "PER"), ("Karim Ouali", "PER"), ("Sud", "LOC")]
    found = run(resources, tokenize, text, model, pos={"Informations": "NOUN", "Virés": "NOUN", "Lundi": "NOUN"})
    assert surfaces(found) == ["Karim Ouali"]


def test_regional_demonyms_are_no_places(resources, tokenize):
    found = run(resources, tokenize, "Le Vaudois a dit à une Québécoise et à la Haut-Valaisanne.",
                [("Vaudois", "LOC"), ("Québécoise", "PER"), ("Haut-Valaisanne", "PER")])
    assert found == []


def test_handles_are_no_names(resources, tokenize):
    assert run(resources, tokenize, "Voir @KarimOuali sur le réseau.", [("@KarimOuali", "PER")]) == []


# --- persons ------------------------------------------------------------------------------------

def test_surnames_with_particles_are_one_name(resources, tokenize):
    found = run(resources, tokenize, "Le préfet Pierre de Bousquet de Florian a été nommé.",
                [("Pierre de Bousquet", "PER"), ("Florian", "PER")])
    assert found == [("Pierre de Bousquet de Florian", "PER", "person", None)]


def test_a_particle_before_a_place_or_another_name_joins_nothing(resources, tokenize):
    found = run(resources, tokenize, "Karim Ouali de Rabat a vu Samir Haddad de Regency Films.",
                [("Karim Ouali", "PER"), ("Rabat", "LOC"), ("Samir Haddad", "PER"), ("Regency Films", "ORG")])
    assert surfaces(found) == ["Karim Ouali", "Rabat", "Samir Haddad", "Regency Films"]


def test_a_first_name_the_model_cut_off_joins_the_person(resources, tokenize):
    found = run(resources, tokenize, "La procureure Iryna Venediktova a été limogée.", [("Iryna", "LOC"), ("Venediktova", "PER")])
    assert found == [("Iryna Venediktova", "PER", "person", None)]


def test_a_surname_alone_is_the_person_whatever_the_model_said(resources, tokenize):
    found = run(resources, tokenize, "Le colonel Modibo Keita est arrivé. Keita a parlé.",
                [("Modibo Keita", "PER"), ("Keita", "LOC")])
    assert [f[1] for f in found] == ["PER", "PER"]


# --- media, bylines and credits ----------------------------------------------------------------

def test_a_name_after_a_media_noun_is_an_outlet_wherever_it_stands(resources, tokenize):
    text = "Il a parlé au quotidien panarabe Asharq Alawsat. Asharq Alawsat l'a écrit."
    found = run(resources, tokenize, text, [("Asharq Alawsat", "PER"), ("Asharq Alawsat", "LOC")])
    assert [(f[1], f[2]) for f in found] == [("ORG", "media"), ("ORG", "media")]


def test_a_name_the_model_missed_after_a_media_noun_is_an_outlet(resources, tokenize):
    found = run(resources, tokenize, "Selon notre confrère Maghreb Confidentiel et le site « Sahel Info », rien.")
    assert [(f[0], f[1], f[2]) for f in found] == [("Maghreb Confidentiel", "ORG", "media"), ("Sahel Info", "ORG", "media")]
    assert run(resources, tokenize, "Le site de Tiguentourine a été attaqué.") == []


@pytest.mark.parametrize("head", ["le site d'investigation", "le consortium de journalistes", "la chaîne privée"])
def test_a_name_after_a_media_phrase_is_an_outlet(resources, tokenize, head):
    found = run(resources, tokenize, f"Selon {head} Sahel Vérité, rien.", [("Sahel Vérité", "ORG")])
    assert [(f[0], f[1], f[2]) for f in found] == [("Sahel Vérité", "ORG", "media")]


def test_a_media_noun_is_cut_from_the_outlet(resources, tokenize):
    found = run(resources, tokenize, "Un message publié sur une chaîne Telegram a été relayé.", [("chaîne Telegram", "ORG")])
    assert surfaces(found) == ["Telegram"]


def test_bylines_and_credits_give_no_entity(resources, tokenize):
    text = ("Publié le 10/01/2023 à 11h45 - Par Karim Ouali\nRédaction d'Alger Actu\nPhoto : AFP\n"
            "Le général Samir Haddad est arrivé à Rabat.\nSamir Haddad et Karim Ouali")
    model = [("Karim Ouali", "PER"), ("Alger Actu", "ORG"), ("AFP", "ORG"), ("Samir Haddad", "PER"), ("Rabat", "LOC"),
             ("Samir Haddad", "PER"), ("Karim Ouali", "PER")]
    found = run(resources, tokenize, text, model, pos={"Publié": "VERB", "arrivé": "VERB"})
    assert surfaces(found) == ["Samir Haddad", "Rabat"]


def test_a_name_alone_closing_the_text_is_its_author(resources, tokenize):
    for closing in ("Karim Ouali", "Karim Ouali (avec AFP)", "Karim Ouali / AFP"):
        text = f"Le général Samir Haddad est arrivé à Rabat.\n{closing}"
        found = run(resources, tokenize, text, [("Samir Haddad", "PER"), ("Karim Ouali", "PER"), ("AFP", "ORG")],
                    pos={"arrivé": "VERB"})
        assert surfaces(found) == ["Samir Haddad", "Rabat"], closing
    # a name alone at the head of the text is a headline, not a byline
    found = run(resources, tokenize, "Samir Haddad\nLe général est arrivé.", [("Samir Haddad", "PER")])
    assert surfaces(found) == ["Samir Haddad"]


def test_a_sentence_that_opens_with_par_is_no_byline(resources, tokenize):
    words = tokenize("Par ailleurs, Karim Ouali a confirmé.\nPar la suite Rabat a écrit.")
    pos = [POS.get(w, "PROPN" if w[:1].isupper() else "NOUN") for w in words]
    assert credit_tokens(words, [w.lower() for w in words], pos, resources.lexicon) == frozenset()


def test_a_model_span_is_cut_before_its_verb(resources, tokenize):
    found = run(resources, tokenize, "L'attaque est l'œuvre de Karim Ouali et a revendiqué hier.",
                [("Karim Ouali et a revendiqué", "PER")])
    assert surfaces(found) == ["Karim Ouali"]


def test_a_journalist_signing_with_a_role_gives_no_entity(resources, tokenize):
    text = "Karim Ouali, correspondant à Rabat\nPar notre envoyé spécial à Alger, Samir Haddad\nLe texte."
    found = run(resources, tokenize, text, [("Karim Ouali", "PER"), ("Samir Haddad", "PER")],
                pos={"correspondant": "VERB"})
    assert found == []


def test_the_signature_of_an_embedded_post_gives_no_entity(resources, tokenize):
    text = "Le dialogue reprend. — Presidence Niger (@PresidenceNiger) March 3, 2021"
    assert run(resources, tokenize, text, [("Presidence Niger", "PER"), ("@PresidenceNiger", "LOC")]) == []


def test_the_holder_of_a_title_the_model_took_for_an_organisation(resources, tokenize):
    found = run(resources, tokenize, "Le ministre de la Défense Karim Ouali est parti. Le ministre de l'Intérieur a parlé.",
                [("ministre de la Défense Karim Ouali", "ORG"), ("ministre de l'Intérieur", "ORG")])
    assert found == [("Karim Ouali", "PER", "person", None)]
    found = run(resources, tokenize, "Le chef du gouvernement Samir Haddad a parlé.", [("chef du gouvernement Samir Haddad", "MISC")])
    assert found == [("Samir Haddad", "PER", "person", None)]


def test_a_unit_called_groupe_keeps_the_word(resources, tokenize):
    found = run(resources, tokenize, "Il a servi dans le groupe Vympel des forces spéciales.", [("Vympel", "ORG")])
    assert surfaces(found) == ["groupe Vympel"]


def test_a_ministry_of_an_office_takes_its_adjective_but_not_a_known_body(resources, tokenize):
    found = run(resources, tokenize, "Le ministère marocain des Affaires étrangères a parlé.", pos={"étrangères": "ADJ"})
    assert found == [("ministère marocain des Affaires étrangères", "ORG", "government", "MA")]
    found = run(resources, tokenize, "Le département de la DGSE a parlé.")
    assert surfaces(found) == ["DGSE"]


def test_a_construction_stops_before_a_person(resources, tokenize):
    found = run(resources, tokenize, "Le chef de l'état-major de l'Anp Karim Ouali a parlé.", [("Karim Ouali", "PER")])
    assert surfaces(found) == ["état - major de l' Anp", "Karim Ouali"]


def test_a_participle_heading_a_sentence_is_no_name(resources, tokenize):
    found = run(resources, tokenize, "Voilée, elle a parlé de Karim Ouali.", [("Voilée", "LOC"), ("Karim Ouali", "PER")])
    assert surfaces(found) == ["Karim Ouali"]


def test_a_title_case_headline_keeps_only_names_the_text_gives_elsewhere(resources, tokenize):
    text = "Espionnage : La DGSI Démantèle Un Réseau Près De Chengriha\nLe général Saïd Chengriha a parlé."
    model = [("Espionnage", "PER"), ("Démantèle Un Réseau", "ORG"), ("Chengriha", "PER"), ("Saïd Chengriha", "PER")]
    found = run(resources, tokenize, text, model, pos={"Espionnage": "NOUN", "Démantèle": "VERB", "Réseau": "NOUN"})
    assert surfaces(found) == ["DGSI", "Chengriha", "Saïd Chengriha"]


def test_an_administrative_division_named_by_its_place(resources, tokenize):
    found = run(resources, tokenize, "Ils se cachent dans le gouvernorat de Manouba.", [("Manouba", "LOC")])
    assert found == [("gouvernorat de Manouba", "LOC", "region", None)]


def test_a_name_headed_by_an_organisation_noun_is_no_place(resources, tokenize):
    text = "La Direction générale de la sûreté nationale a fermé le Site de Tiguentourine."
    found = run(resources, tokenize, text, [("Direction générale de la sûreté nationale", "LOC"),
                                            ("Site de Tiguentourine", "LOC")])
    assert [(f[0], f[1]) for f in found] == [("Direction générale de la sûreté nationale", "ORG"),
                                             ("Site de Tiguentourine", "LOC")]


def test_a_compass_adjective_after_a_country_names_a_region(resources, tokenize):
    found = run(resources, tokenize, "Des arrestations dans le Mali occidental et au Maroc.")
    assert found == [("Mali occidental", "LOC", "region", None), ("Maroc", "LOC", "country", "MA")]


# --- the real model -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real(nlp_model):
    from veille.extract.entities import mentions
    from veille.pipeline import load_knowledge
    res = load_knowledge(nlp_model)

    def found(text):
        doc = nlp_model(text)
        return [(doc[c.start:c.end].text, c.type) for c in mentions(doc, res)]
    return found


@pytest.mark.model
def test_real_model_on_news_sentences(real):
    out = real("Le général Jacques Langlade de Montgros a été reçu à la prison militaire de Blida par la "
               "gendarmerie nationale.")
    assert ("Jacques Langlade de Montgros", "PER") in out
    assert ("prison militaire de Blida", "LOC") in out
    assert ("gendarmerie nationale", "ORG") in out
    assert not any(text == "Blida" for text, _ in out)


@pytest.mark.model
def test_real_model_role_phrase_and_outlet(real):
    out = real("Le Directeur Général de la sécurité intérieure a parlé au quotidien panarabe Asharq al-Awsat.")
    assert out == [("Asharq al-Awsat", "ORG")]


@pytest.mark.parametrize("text, person, nickname", [
    ("Le général Karim Ouali dit Toufik a été libéré.", "Karim Ouali", "Toufik"),
    ("Son adjoint, le colonel Omar Tazi, dit Bachir, dirigeait la section.", "Omar Tazi", "Bachir"),
    ("Athmane Tartag, alias « Bachir », a été limogé.", "Athmane Tartag", "Bachir"),
    ("Omar Tazi, plus connu sous le nom de Abou Leith, a été arrêté.", "Omar Tazi", "Abou Leith"),
])
def test_a_nickname_after_a_persons_name_is_a_mention_of_them(resources, tokenize, text, person, nickname):
    found = run(resources, tokenize, text, model=[(person, "PER")])
    assert (nickname, "PER", "person", None) in found and (person, "PER", "person", None) in found


def test_dit_after_a_name_with_no_name_after_it_gives_no_nickname(resources, tokenize):
    found = run(resources, tokenize, "Karim Ouali dit que la DGST a menti.", model=[("Karim Ouali", "PER")])
    assert [f for f in found if f[1] == "PER"] == [("Karim Ouali", "PER", "person", None)]
