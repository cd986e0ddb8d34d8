"""Attribution (who says so), hedging and negation, per sentence.

The string helpers (cue phrases, speaker nouns, paragraphs, quotations) need no model; the
tests marked ``model`` parse short French paragraphs written for these tests with the real
French model.
"""

import pytest

from veille.extract.attribution import (
    attribute, is_hedged, is_negated, load_rules, merge_cues, paragraph_spans, phrase_cues, quote_spans,
    sentence_at, speaker_kind, Cue)
from veille.knowledge.read import load_json
from veille.ontology import ATTRIBUTION_KINDS


def cue_texts(text):
    return [(text[c.start:c.end], c.kind, c.is_continuation) for c in phrase_cues(text)]


# ---------------------------------------------------------------- data

def test_rules_load_and_use_ontology_kinds():
    rules = load_rules()
    assert {k for k, _ in rules.phrases} <= set(ATTRIBUTION_KINDS)
    assert load_rules() is rules                                     # compiled once


def test_data_file_documents_itself():
    raw = load_json("attribution_fr.json")
    assert raw["_about"]
    for section in ("phrases", "continuations", "hedging", "reporting_verbs", "document_nouns",
                    "media_nouns", "official_nouns", "not_sources", "quotes"):
        assert f"_{section}" in raw, section


# ---------------------------------------------------------------- cue phrases (no model)

def test_anonymous_phrase_joins_verb_and_sources():
    text = "Le colonel est à Tunis, a-t-on appris de plusieurs sources."
    assert cue_texts(text) == [("a-t-on appris de plusieurs sources", "anonymous", False)]


@pytest.mark.parametrize("text, expected", [
    ("Selon nos sources, le colonel est à Tunis.", ("Selon nos sources", "anonymous")),
    ("Le colonel est à Tunis, de source sûre.", ("de source sûre", "anonymous")),
    ("Le colonel est à Tunis, lit-on dans l’email.", ("lit-on dans l’email", "document")),
    ("Le colonel est à Tunis, est-il écrit dans la note.", ("est-il écrit dans la note", "document")),
    ("D'après le rapport, le colonel est à Tunis.", ("D'après le rapport", "document")),
    ("Selon le quotidien Al Akhbar, le colonel est à Tunis.", ("Selon le quotidien", "media")),
    ("Dans un communiqué, l'armée confirme l'attaque.", ("communiqué", "official")),
    ("Le groupe a revendiqué l'attaque.", ("a revendiqué", "official")),
])
def test_cue_phrases_by_kind(text, expected):
    found = [(t, k) for t, k, _ in cue_texts(text)]
    assert expected in found


def test_continuation_phrases():
    (words, kind, cont), = cue_texts("La même source précise que la réunion a eu lieu.")
    assert (words, kind, cont) == ("La même source", "anonymous", True)
    cue, = phrase_cues("On y apprend que la réunion a eu lieu.")
    assert cue.is_continuation and cue.continues == {"document"}
    cue, = phrase_cues("La réunion a eu lieu, peut-on encore lire.")
    assert cue.kind == "document" and cue.is_continuation


@pytest.mark.parametrize("text", [
    "Selon toute vraisemblance, la réunion a eu lieu.",
    "Les rapports de force ont changé dans la région.",
    "Le pétrole reste une source de revenus pour le pays.",
    "Il est à noter que la réunion a eu lieu.",
])
def test_no_cue(text):
    assert phrase_cues(text) == []


def test_merge_cues_drops_inner_and_joins_touching():
    text = "selon un communiqué officiel"
    inner, outer = Cue(9, 19, "official"), Cue(0, 28, "official")
    assert merge_cues([inner, outer], text) == [outer]
    a, b = Cue(0, 6, "anonymous"), Cue(10, 16, "anonymous")
    assert merge_cues([a, b], "appris de source") == [Cue(0, 16, "anonymous")]


@pytest.mark.parametrize("noun, dets, entity, kind, continuation", [
    ("source", ["une"], None, "anonymous", False),
    ("sources", ["cette"], None, "anonymous", True),
    ("source", ["la", "même"], None, "anonymous", True),
    ("quotidien", ["le"], None, "media", False),
    ("rapport", ["le"], None, "document", False),
    ("ministère", ["le"], None, "official", False),
    ("porte-parole", ["le"], None, "official", False),
    ("Benali", [], ("PER", "person"), "named_person", False),
    ("Watan", [], ("ORG", "media"), "media", False),
    ("DGST", [], ("ORG", "intelligence_service"), "official", False),
    ("AFP", [], None, "media", False),
    ("Afrique", [], ("PER", None, "Jeune Afrique"), "media", False),     # an outlet the tagger took for a person
    ("diplomate", ["un"], None, "anonymous", False),
    ("responsable", ["le"], None, "anonymous", True),         # an unnamed speaker taken up again
    ("-il", [], None, "named_person", True),
])
def test_speaker_kind(noun, dets, entity, kind, continuation):
    cue = speaker_kind(noun, dets, entity)
    assert cue is not None and (cue.kind, cue.is_continuation) == (kind, continuation)


@pytest.mark.parametrize("noun, dets", [("vraisemblance", ["toute"]), ("responsables", ["les", "deux"]),
                                        ("réunion", ["la"])])
def test_speaker_kind_none(noun, dets):
    assert speaker_kind(noun, dets) is None


# ---------------------------------------------------------------- paragraphs, quotations (no model)

def test_paragraphs_blank_lines_and_title_lines():
    text = "Un titre sans point\nLe premier paragraphe.\n\nLe second paragraphe.\nUn intertitre\n\nFin."
    spans = paragraph_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "Un titre sans point", "Le premier paragraphe.", "Le second paragraphe.", "Un intertitre", "Fin."]


def test_paragraphs_keep_hard_wraps():
    text = "Une phrase coupée\nen deux lignes.\n\nSuite."
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["Une phrase coupée\nen deux lignes.", "Suite."]


def test_quote_spans():
    text = "Il dit « nous partirons » puis “demain matin”. « Rien ne"
    spans = quote_spans(text)
    assert [text[a:b] for a, b in spans] == ["« nous partirons »", "“demain matin”", "« Rien ne"]


# ---------------------------------------------------------------- hedging and negation without a parse

def test_hedging_words_need_no_parse(blank):
    assert is_hedged(blank("Le présumé chef du réseau a été arrêté."))
    assert is_hedged(blank("Selon toute vraisemblance, l'accord sera signé."))
    assert not is_hedged(blank("Le chef du réseau a été arrêté."))


def test_negation_from_words_without_a_parse(blank):
    assert is_negated(blank("Le colonel n'a jamais rencontré le ministre."))
    assert is_negated(blank("Le ministère dément toute rencontre."))
    assert not is_negated(blank("Le colonel a rencontré le ministre."))


# ---------------------------------------------------------------- with the French model

def run(nlp, text, entities=None):
    doc = nlp(text)
    return doc, attribute(doc, entities)


def kinds(result):
    return [s.attribution.kind for s in result]


def sentence(doc, result, words):
    return next(s for s in result if words in doc.text[s.start:s.end])


def sources(nlp, text, words) -> dict[str, str]:
    """The attribution kind of the sentence holding each of ``words``."""
    doc, result = run(nlp, text)
    return {w: sentence(doc, result, w).attribution.kind for w in words}


@pytest.mark.model
def test_each_kind(nlp_model):
    cases = {
        "Le colonel séjourne à Tunis, a-t-on appris de plusieurs sources bien informées.":
            ("anonymous", "a-t-on appris de plusieurs sources bien informées"),
        "Selon un communiqué publié par le ministère de la Défense, deux officiers ont été arrêtés.":
            ("official", "Selon un communiqué publié par le ministère de la Défense"),
        "Les deux services échangent des informations depuis 2019, lit-on dans la note.":
            ("document", "lit-on dans la note"),
        "Selon le quotidien Al Akhbar, le colonel a quitté le pays.":
            ("media", "Selon le quotidien Al Akhbar"),
        "Le colonel a quitté le pays la semaine dernière.": ("none", None),
    }
    for text, (kind, words) in cases.items():
        _, (s,) = run(nlp_model, text)
        assert (s.attribution.kind, s.attribution.text) == (kind, words), text


@pytest.mark.model
def test_unnamed_speaker_taken_up_again_continues_the_unnamed_report(nlp_model):
    text = ("Un diplomate européen a déclaré que les contacts étaient rompus.\n\n"
            "« Tout est gelé. Personne ne parle », a ajouté le diplomate européen.")
    doc, result = run(nlp_model, text)
    assert {s.attribution.kind for s in result if s.quoted} == {"anonymous"}


@pytest.mark.model
def test_named_person_and_quotation_scope(nlp_model):
    text = "« Nous avons démantelé la cellule. Ses membres sont en fuite », a déclaré Karim Mansouri."
    doc = nlp_model(text)
    mansouri = text.index("Karim")
    result = attribute(doc, [(mansouri, mansouri + len("Karim Mansouri"), "PER", "person")])
    assert len(result) == 2
    assert kinds(result) == ["named_person", "named_person"]
    assert all(s.quoted for s in result)
    assert result[0].attribution.text == "a déclaré Karim Mansouri"


@pytest.mark.model
def test_quotation_with_cue_after_it_covers_every_quoted_sentence(nlp_model):
    text = ("Le climat a changé. « Personne ne veut plus parler. Les contacts sont rompus. "
            "Tout est gelé », confie une source diplomatique.")
    doc, result = run(nlp_model, text)
    assert sentence(doc, result, "climat").attribution.kind == "none"
    quoted = [s for s in result if s.quoted]
    assert len(quoted) == 3 and {s.attribution.kind for s in quoted} == {"anonymous"}


@pytest.mark.model
def test_source_inside_a_document_is_the_origin_with_document_as_relay(nlp_model):
    text = ("« Selon une source très sensible, les officiers ont quitté la base. Ils ont rejoint "
            "la capitale dans la nuit », lit-on dans l'email.")
    _, result = run(nlp_model, text)
    for s in result:
        assert (s.attribution.kind, s.attribution.via) == ("anonymous", ["document"])


@pytest.mark.model
def test_agency_relaying_a_ministry_is_official_via_media(nlp_model):
    text = "Le ministère de l'Intérieur a annoncé l'arrestation de trois suspects, selon l'AFP."
    _, (s,) = run(nlp_model, text)
    assert (s.attribution.kind, s.attribution.via) == ("official", ["media"])


@pytest.mark.model
def test_media_named_by_its_entity_kind(nlp_model):
    text = "Le colonel a quitté le pays, révèle Al Akhbar."
    start = text.index("Al Akhbar")
    _, (s,) = run(nlp_model, text, [(start, start + 9, "ORG", "media")])
    assert s.attribution.kind == "media"
    _, (s,) = run(nlp_model, text, [(start, start + 9, "ORG", "intelligence_service")])
    assert s.attribution.kind == "official"


@pytest.mark.model
def test_cue_covers_the_rest_of_its_paragraph_and_a_new_paragraph_resets(nlp_model):
    text = ("Le colonel a rencontré l'émissaire à Niamey.\n\n"
            "Selon nos sources, la rencontre a duré deux heures. Les deux hommes ont parlé du nord.\n\n"
            "La frontière reste fermée depuis le mois de mai.")
    assert sources(nlp_model, text, ("deux heures", "parlé du nord", "frontière")) == \
        {"deux heures": "anonymous", "parlé du nord": "anonymous", "frontière": "none"}
    assert [s.paragraph for s in run(nlp_model, text)[1]] == [0, 1, 1, 2]


@pytest.mark.model
def test_continuation_phrases_tie_back_to_the_source(nlp_model):
    text = ("Les deux chefs se sont vus à Rabat, selon un communiqué du ministère de l'Intérieur.\n\n"
            "La frontière reste fermée.\n\n"
            "La même source précise que la coopération sera renforcée.\n\n"
            "Le rapport indique que les services échangent des informations. Le climat reste tendu.\n\n"
            "On y apprend aussi que la coopération a été suspendue en 2021.")
    doc, result = run(nlp_model, text)
    assert sentence(doc, result, "frontière").attribution.kind == "none"
    same = sentence(doc, result, "La même source").attribution
    assert (same.kind, same.text) == ("official", "La même source précise")
    assert sentence(doc, result, "On y apprend").attribution.kind == "document"


@pytest.mark.model
def test_pronoun_speaker_continues_the_last_source(nlp_model):
    text = ("La rencontre a duré deux heures, poursuit notre source. "
            "Un accord a été trouvé, ajoute-t-elle.")
    doc, result = run(nlp_model, text)
    assert kinds(result) == ["anonymous", "anonymous"]
    assert result[1].attribution.text == "ajoute-t-elle"


@pytest.mark.model
def test_lead_takes_the_first_cue_of_the_body(nlp_model):
    text = ("Rabat et Nouakchott renforcent leur coopération sécuritaire\n\n"
            "Les deux pays préparent un accord depuis plusieurs mois.\n\n"
            "Selon nos sources, un accord sera signé à la fin du mois.")
    doc, result = run(nlp_model, text)
    assert sentence(doc, result, "renforcent").attribution.kind == "anonymous"
    assert sentence(doc, result, "préparent").attribution.kind == "none"


@pytest.mark.model
def test_lead_with_its_own_cue_keeps_it_and_late_cues_do_not_reach_it(nlp_model):
    text = ("Le colonel a quitté le pays.\n\nLa frontière est fermée.\n\nRien n'a changé.\n\n"
            "Selon nos sources, il vit à Paris.")
    _, result = run(nlp_model, text)
    assert result[0].attribution.kind == "none"


@pytest.mark.model
def test_hedged_by_conditional_and_by_hedging_words(nlp_model):
    _, (s,) = run(nlp_model, "Le chef du renseignement aurait rencontré l'émissaire à Alger.")
    assert s.attribution.hedged
    _, (s,) = run(nlp_model, "Le présumé chef du réseau a été arrêté à Oran.")
    assert s.attribution.hedged
    _, (s,) = run(nlp_model, "Le chef du réseau a été arrêté à Oran.")
    assert not s.attribution.hedged


@pytest.mark.model
def test_conditional_in_a_relative_clause_hedges_that_clause_only(nlp_model):
    doc = nlp_model("Le pays proposera un accord qui permettrait de payer les armes à crédit.")
    assert not is_hedged(doc[:])
    relative = next(t for t in doc if t.lower_ == "permettrait")
    assert is_hedged(doc[relative.left_edge.i:relative.right_edge.i + 1])


@pytest.mark.model
def test_negation(nlp_model):
    _, (s,) = run(nlp_model, "Le général n'a jamais rencontré le chef rebelle.")
    assert s.negated
    doc, (s,) = run(nlp_model, "Le ministre a démenti avoir rencontré l'émissaire.")
    assert s.negated
    met = next(t for t in doc if t.lower_ == "rencontré")
    assert is_negated(doc[met.i - 1:met.i + 2])                   # "avoir rencontré l'émissaire"
    _, (s,) = run(nlp_model, "Le général a rencontré le chef rebelle.")
    assert not s.negated


@pytest.mark.model
def test_negation_in_a_relative_clause_is_not_the_main_claim(nlp_model):
    _, (s,) = run(nlp_model, "Les deux services ont signé un accord qui ne prévoit aucune contrepartie.")
    assert not s.negated


@pytest.mark.model
def test_privative_sans_negates_its_clause(nlp_model):
    doc = nlp_model("Le colonel est reparti sans rencontrer le ministre.")
    meet = next(t for t in doc if t.lower_ == "rencontrer")
    assert is_negated(doc[meet.i - 1:meet.i + 3])
    assert not is_negated(doc[:])


@pytest.mark.model
def test_sentence_offsets_index_the_text(nlp_model):
    text = "Titre de l'article\nSelon nos sources, le colonel est parti.\n\nIl est revenu."
    doc, result = run(nlp_model, text)
    assert [text[s.start:s.end] for s in result] == [
        "Titre de l'article", "Selon nos sources, le colonel est parti.", "Il est revenu."]
    assert [s.paragraph for s in result] == [0, 1, 2]
    assert result[0].attribution.kind == "anonymous"                 # the title takes the body's cue
    assert result[2].attribution.kind == "none"


@pytest.mark.model
def test_sentence_at_finds_a_sentence_by_offset(nlp_model):
    text = "Selon nos sources, le colonel est parti. Il est revenu.\n\nLa frontière est fermée."
    doc, result = run(nlp_model, text)
    assert sentence_at(result, text.index("revenu")).attribution.kind == "anonymous"
    assert sentence_at(result, text.index("frontière")).attribution.kind == "none"
    assert sentence_at(result, 0) is result[0]


@pytest.mark.model
def test_framed_reporting_verbs_need_a_clause_or_an_incise(nlp_model):
    _, (s,) = run(nlp_model, "Le ministère assure la sécurité du sommet.")
    assert s.attribution.kind == "none"
    _, (s,) = run(nlp_model, "Le ministère assure que le sommet aura lieu.")
    assert s.attribution.kind == "official"


@pytest.mark.model
@pytest.mark.parametrize("text, kind, via", [
    ("Le colonel est à Tunis, rapporte l'agence Reuters citant des sources proches du dossier.", "anonymous", ["media"]),
    ("D'après un officier cité par le quotidien El Khabar, le colonel est à Tunis.", "anonymous", ["media"]),
    ("Selon une source sécuritaire citée par l'agence APS, le colonel est à Tunis.", "anonymous", ["media"]),
    ("Selon le quotidien El Khabar, le colonel est à Tunis.", "media", []),
])
def test_a_source_and_its_relay_in_one_cue(nlp_model, text, kind, via):
    _, (s,) = run(nlp_model, text)
    assert (s.attribution.kind, s.attribution.via) == (kind, via)


@pytest.mark.model
def test_the_speaker_after_the_addressee_of_an_incise(nlp_model):
    _, (s,) = run(nlp_model, "Le colonel est à Tunis, a indiqué à l'AFP un diplomate sous couvert d'anonymat.")
    assert s.attribution.kind == "anonymous"


@pytest.mark.model
def test_news_told_back_gives_its_source_to_the_unsourced_sentences_before_it(nlp_model):
    text = ("Burkina : le chef de l'armée limogé\n\n"
            "Les militaires marquent leur empreinte. Le général Karim Ouali a été démis de ses fonctions.\n\n"
            "L'information a été livrée à travers un communiqué lu à la télévision publique.")
    # the headline takes the body's source too
    assert set(sources(nlp_model, text, ("démis", "empreinte", "limogé")).values()) == {"official"}
    sourced = ("Selon l'AFP, le général a été arrêté. Le général Karim Ouali a été démis de ses fonctions. "
               "L'information a été confirmée par un communiqué du ministère.")
    assert sources(nlp_model, sourced, ("arrêté",)) == {"arrêté": "media"}      # its own source stays
