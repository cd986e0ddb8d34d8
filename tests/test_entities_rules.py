"""Recognition and in-document coreference on hand-made inputs (no statistical model).

The model's entities are given by hand as (start, end, label) token spans, the way spaCy would
return them, so that each rule of the domain layer is tested alone."""

import pytest

from veille.extract.coref import cluster
from veille.extract.recognise import recognise


def run(resources, tokenize, text, model=()):
    """``model``: (surface, label) pairs standing for what spaCy would find."""
    words = tokenize(text)
    spans = []
    for surface, label in model:
        target = tokenize(surface)
        for i in range(len(words)):
            if words[i:i + len(target)] == target and not any(s <= i < e for s, e, _ in spans):
                spans.append((i, i + len(target), label))
    pos = ["PROPN" if w[:1].isupper() else "NOUN" for w in words]
    sent_of, s = [], 0
    for i, w in enumerate(words):
        sent_of.append(s)
        s += w == "."
    starts = [i == 0 or words[i - 1] == "." for i in range(len(words))]
    cands = recognise(words, spans, pos, starts, resources)
    clusters = cluster(cands, words, sent_of, resources)
    return [{"forms": sorted({" ".join(words[c.start:c.end]) for c in cl.members}), "type": cl.type,
             "kind": cl.kind, "country": cl.country} for cl in clusters]


def find(result, form):
    return next(e for e in result if form in e["forms"])


def test_collective_services_of_a_state_are_one_entity(resources, tokenize):
    out = run(resources, tokenize, "Les services secrets marocains ont alerté. Les services marocains ont agi.")
    ent = find(out, "services secrets marocains")
    assert ent["forms"] == ["services marocains", "services secrets marocains"]
    assert (ent["type"], ent["kind"], ent["country"]) == ("ORG", "intelligence_service", "MA")


def test_descriptive_with_function_joins_the_named_service(resources, tokenize):
    out = run(resources, tokenize,
              "La DDSE, le renseignement extérieur algérien, a reçu. Les services secrets algériens aussi.")
    ddse = find(out, "DDSE")
    assert "renseignement extérieur algérien" in ddse["forms"]
    assert find(out, "services secrets algériens") is not ddse


def test_several_services_of_a_function_join_no_named_one(resources, tokenize):
    text = "La DGSE a parlé. Le général a reconnu les faiblesses des {} de renseignement extérieur. La DGSE a répondu."
    one = run(resources, tokenize, text.format("services"), model=[("DGSE", "ORG")])
    assert "services de renseignement extérieur" in find(one, "DGSE")["forms"]
    several = run(resources, tokenize, text.format("différents services"), model=[("DGSE", "ORG")])
    assert find(several, "DGSE")["forms"] == ["DGSE"]


def test_service_with_another_states_demonym_is_that_states_counterpart(resources, tokenize):
    out = run(resources, tokenize, "La DGSE algérienne (DDSE) et la DGSE ont parlé.")
    assert find(out, "DGSE algérienne") is find(out, "DDSE")
    assert find(out, "DGSE")["country"] == "FR"
    assert find(out, "DDSE")["country"] == "DZ"


def test_lookalike_acronym_settled_by_the_sentence(resources, tokenize):
    dz = run(resources, tokenize, "La DGSI, branche du renseignement algérien, a été réformée.")
    fr = run(resources, tokenize, "Le patron de la sécurité intérieure française (DGSI) est à Rabat.")
    assert find(dz, "DGSI")["country"] == "DZ"
    assert find(fr, "DGSI")["country"] == "FR"


def test_government_descriptions_of_one_state_join(resources, tokenize):
    out = run(resources, tokenize, "Le pouvoir algérien hésite. Le régime algérien a tranché.")
    ent = find(out, "pouvoir algérien")
    assert ent["forms"] == ["pouvoir algérien", "régime algérien"]
    assert (ent["kind"], ent["country"]) == ("government", "DZ")


def test_army_and_its_staff_stay_apart(resources, tokenize):
    out = run(resources, tokenize, "L'état-major de l'armée malienne a parlé à l'armée malienne.")
    assert find(out, "état - major de l' armée malienne") is not find(out, "armée malienne")


def test_person_variants(resources, tokenize):
    text = ("Mokhtar Belmokhtar a fui. Belmokhtar est recherché. Un rapport cite Mokhtar Bekmokhtar. "
            "Karim Ould Salem est venu. Ould Salem a parlé.")
    model = [("Mokhtar Belmokhtar", "PER"), ("Belmokhtar", "PER"), ("Mokhtar Bekmokhtar", "PER"),
             ("Karim Ould Salem", "PER"), ("Salem", "PER")]
    out = run(resources, tokenize, text, model)
    assert find(out, "Belmokhtar") is find(out, "Mokhtar Bekmokhtar") is find(out, "Mokhtar Belmokhtar")
    assert find(out, "Salem") is find(out, "Karim Ould Salem")


def test_first_names_in_two_transliterations_are_one_person(resources, tokenize):
    text = "Wassini Bouazza a été limogé. Ouassini Bouazza dirigeait la DGSI. Saïd Bouazza et Salim Bouazza aussi."
    model = [("Wassini Bouazza", "PER"), ("Ouassini Bouazza", "PER"), ("Saïd Bouazza", "PER"), ("Salim Bouazza", "PER")]
    out = run(resources, tokenize, text, model)
    assert find(out, "Wassini Bouazza") is find(out, "Ouassini Bouazza")
    assert find(out, "Saïd Bouazza") is not find(out, "Salim Bouazza") is not find(out, "Wassini Bouazza")
    text = "Khalifa Haftar avance. Kahalifa Haftar menace Tripoli. Karim Haftar et Karima Haftar se taisent."
    model = [("Khalifa Haftar", "PER"), ("Kahalifa Haftar", "PER"), ("Karim Haftar", "PER"), ("Karima Haftar", "PER")]
    out = run(resources, tokenize, text, model)
    assert find(out, "Khalifa Haftar") is find(out, "Kahalifa Haftar")       # a misspelt long first name
    assert find(out, "Karim Haftar") is not find(out, "Karima Haftar")


def test_namesakes_with_other_first_names_stay_apart(resources, tokenize):
    text = "Hillary Clinton a écrit à Bill Clinton. Clinton a répondu. Hillary Clinton a lu."
    model = [("Hillary Clinton", "PER"), ("Bill Clinton", "PER"), ("Clinton", "PER")]
    out = run(resources, tokenize, text, model)
    assert find(out, "Hillary Clinton") is not find(out, "Bill Clinton")
    assert find(out, "Clinton") is find(out, "Hillary Clinton")     # the most frequent bearer


def test_titles_and_articles_are_trimmed(resources, tokenize):
    out = run(resources, tokenize, "Le général-major Saïd Chengriha est arrivé à la France.",
              [("général-major Saïd Chengriha", "PER"), ("la France", "LOC")])
    assert find(out, "Saïd Chengriha")["type"] == "PER"
    assert find(out, "France")["country"] == "FR"


def test_generic_phrases_and_demonyms_are_no_entities(resources, tokenize):
    out = run(resources, tokenize, "Les Marocains et les autorités ont parlé. NDLR.",
              [("Marocains", "LOC"), ("NDLR", "ORG")])
    assert out == []


def test_model_name_keeps_words_a_place_only_partly_covers(resources, tokenize):
    out = run(resources, tokenize, "L'Université d'Alger a fermé.", [("Université d'Alger", "ORG")])
    assert [e["forms"] for e in out] == [["Université d' Alger"]]


def test_a_name_the_text_calls_an_armed_group(resources, tokenize):
    out = run(resources, tokenize, "Le groupe terroriste « Katiba Ansar Sud » a frappé.", [("Katiba Ansar Sud", "ORG")])
    assert find(out, "Katiba Ansar Sud")["kind"] == "armed_group"


@pytest.mark.parametrize("text, full, short", [
    # without its nationality
    ("Le ministère marocain de l'Intérieur a limogé deux directeurs . Le ministère de l'Intérieur se tait .",
     "ministère marocain de l'Intérieur", "ministère de l'Intérieur"),
    # by its head
    ("La Sûreté de l'Etat enquête . Selon la Sûreté , il a été contacté .", "Sûreté de l'Etat", "Sûreté"),
    # by its complement of two words
    ("Le ministère marocain des Affaires Etrangères a rappelé un diplomate . Les Affaires Etrangères confirment .",
     "ministère marocain des Affaires Etrangères", "Affaires Etrangères"),
])
def test_an_organisation_named_again_by_a_short_form_is_one_entity(resources, tokenize, text, full, short):
    out = run(resources, tokenize, text, model=[(full, "ORG"), (short, "ORG")])
    shown = [" ".join(tokenize(full)), " ".join(tokenize(short))]
    assert find(out, shown[0])["forms"] == sorted(shown)


def test_a_short_form_two_organisations_share_joins_neither(resources, tokenize):
    out = run(resources, tokenize, "Le Conseil de sécurité et le Conseil fédéral se sont réunis . Le Conseil a voté .",
              model=[("Conseil de sécurité", "ORG"), ("Conseil fédéral", "ORG"), ("Conseil", "ORG")])
    assert find(out, "Conseil")["forms"] == ["Conseil"]
    out = run(resources, tokenize, "Le ministère français de l'Intérieur et le ministère algérien de l'Intérieur ont "
                                   "signé . Le ministère de l'Intérieur publie .",
              model=[("ministère français de l'Intérieur", "ORG"), ("ministère algérien de l'Intérieur", "ORG"),
                     ("ministère de l'Intérieur", "ORG")])
    assert find(out, "ministère de l' Intérieur")["forms"] == ["ministère de l' Intérieur"]


def test_a_capitalised_noun_of_an_office_alone_is_no_place(resources, tokenize):
    # the model takes the capitalised function word of an office's name for a place
    out = run(resources, tokenize, "Karim Ouali dirige la Sûreté et la Surveillance du territoire à Oran.",
              [("Karim Ouali", "PER"), ("Surveillance", "LOC"), ("Oran", "LOC")])
    assert not any("Surveillance" in e["forms"] for e in out)
    assert find(out, "Oran")["type"] == "LOC"


def test_a_name_glossed_by_a_known_acronym_is_that_service(resources, tokenize):
    # the words do not spell 'DDSE'; the brackets tie them, and the title's holder is a person
    out = run(resources, tokenize, "Karim Ouali a vu la directrice du Bureau central du renseignement (DDSE), Ana Ruiz.",
              [("Karim Ouali", "PER"), ("Bureau central du renseignement", "ORG"), ("DDSE", "ORG"), ("Ana Ruiz", "LOC")])
    service = find(out, "DDSE")
    assert "Bureau central du renseignement" in service["forms"] and service["country"] == "DZ"
    assert find(out, "Ana Ruiz")["type"] == "PER"


def test_brackets_do_not_tie_a_name_of_another_state_to_an_acronym(resources, tokenize):
    out = run(resources, tokenize, "Il a quitté le Bureau du renseignement marocain (DDSE) en 2019.",
              [("Bureau du renseignement marocain", "ORG"), ("DDSE", "ORG")])
    assert len(find(out, "DDSE")["forms"]) == 1


def test_a_surname_of_several_words_alone_is_the_person(resources, tokenize):
    out = run(resources, tokenize, "Salem al-Ferjani a été enlevé. M. al-Ferjani a été libéré.",
              [("Salem al-Ferjani", "PER"), ("al-Ferjani", "PER")])
    assert find(out, "al - Ferjani") == find(out, "Salem al - Ferjani")      # forms as tokens


def test_an_acronym_written_as_a_word_in_brackets_names_what_it_abbreviates(resources, tokenize):
    out = run(resources, tokenize, "La Mission internationale des Nations unies au Mali (Minum) a quitté Bamako. La Minum est partie.",
              [("Mission internationale des Nations unies", "MISC"), ("Minum", "MISC"), ("Bamako", "LOC")])
    mission = find(out, "Minum")
    assert "Mission internationale des Nations unies au Mali" in mission["forms"] and mission["type"] == "ORG"
