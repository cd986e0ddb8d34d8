"""clean: boilerplate out, metadata in, the body otherwise verbatim.

The articles here are written for these tests (French news about intelligence services); the
shared development corpus is read in place, when present, and never copied.
"""

import json
from pathlib import Path

import pytest

from veille.prepare.clean import clean, fingerprint, load_rules, parse_date
from veille.knowledge.read import data_path
from veille.model import Document

BODY = (
    "Le chef de la sûreté intérieure a reçu lundi à Rabat une délégation de la DGSI française.\n\n"
    "Les deux parties ont évoqué la coopération antiterroriste et l’échange de renseignements, "
    "selon un communiqué officiel."
)

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "docs"


def cleaned(text: str, **metadata) -> Document:
    return clean(Document(doc_id="t", text=text, **metadata))


# ---------------------------------------------------------------- titles

def test_repeated_title_is_kept_once_and_becomes_title():
    title = "Les services tunisiens démantèlent une cellule près de Kasserine"
    doc = cleaned(f"{title}\n\n\n{title}\n\n{BODY}")
    assert doc.title == title
    assert doc.text == f"{title}\n\n{BODY}"


def test_short_headline_becomes_title_and_stays_in_text():
    title = "Exclusif. Le patron du renseignement militaire limogé"
    doc = cleaned(f"{title}\n\n{BODY}")
    assert doc.title == title
    assert doc.text == f"{title}\n\n{BODY}"


@pytest.mark.parametrize("first", [
    "Le chef de la sûreté intérieure a reçu lundi une délégation.",   # ends with a period
    "Rabat",                                                          # too short for a headline
    "Le chef " * 40,                                                  # too long
])
def test_first_lines_that_are_not_headlines(first):
    doc = cleaned(f"{first}\n\n{BODY}")
    assert doc.text == f"{first.strip()}\n\n{BODY}"
    assert doc.title == first.strip() or doc.title.endswith("…")     # the first line stands in


def test_title_from_metadata_is_not_replaced_and_its_copy_dropped():
    title = "La DGSE réorganise sa direction du renseignement"
    doc = cleaned(f"{title}\n\n{title}\n\n{BODY}", title="Titre du flux")
    assert doc.title == "Titre du flux"
    assert doc.text == f"{title}\n\n{BODY}"


# ---------------------------------------------------------------- date headers

@pytest.mark.parametrize("text, published", [
    (f" date 2022-11 {BODY}", "2022-11"),
    (f"Date : 14/11/2022\n\n{BODY}", "2022-11-14"),
    (f"Publié le 14 novembre 2022 à 10h12\n\n{BODY}", "2022-11-14"),
    (f"Publié le 1er févr. 2021 {BODY}", "2021-02-01"),
    (f"Mis à jour le mardi 3 mai 2016\n{BODY}", "2016-05-03"),
])
def test_date_header_sets_published_and_is_removed(text, published):
    doc = cleaned(text)
    assert doc.published == published
    assert doc.text == BODY


def test_date_without_year_sets_nothing():
    doc = cleaned(f"Publié le 14 novembre à 10h12\n\n{BODY}")
    assert doc.published is None
    assert doc.text == BODY


def test_dates_in_the_body_are_never_taken():
    doc = cleaned("Le 12 décembre 2019, le général a été nommé à la tête du service.\n\n" + BODY)
    assert doc.published is None


def test_published_from_metadata_wins():
    assert cleaned(f"Date : 14/11/2022\n\n{BODY}", published="2022-11-15").published == "2022-11-15"


# ---------------------------------------------------------------- bylines

def test_byline_with_outlet_and_date_after_repeated_title():
    title = "Un rapport confidentiel révèle les liens entre deux services"
    doc = cleaned(f"{title}\n\n{title}\n\nNadia Ferhat, Algerie360.com, 3 avril 2019\n\n{BODY}")
    assert doc.authors == ["Nadia Ferhat"]
    assert doc.source == "Algerie360.com"
    assert doc.published == "2019-04-03"
    assert doc.title == title
    assert doc.text == f"{title}\n\n{BODY}"


def test_par_byline():
    doc = cleaned(f"Par Karim Ben Amor\n\n{BODY}")
    assert doc.authors == ["Karim Ben Amor"]
    assert doc.text == BODY


def test_two_authors_and_an_agency():
    doc = cleaned(f"Karim Amrani et Sophie Lemoine, APS\n\n{BODY}")
    assert doc.authors == ["Karim Amrani", "Sophie Lemoine"]
    assert doc.source == "APS"
    assert doc.text == BODY


def test_byline_date_without_year_sets_no_date():
    doc = cleaned(f"Par Karim Amrani, 12 mars\n\n{BODY}")
    assert doc.authors == ["Karim Amrani"] and doc.published is None


def test_outlet_and_date_line_without_names():
    doc = cleaned(f"Le360.ma, 12 mars 2020\n\n{BODY}")
    assert (doc.source, doc.published, doc.authors) == ("Le360.ma", "2020-03-12", [])
    assert doc.text == BODY


def test_a_place_in_capitals_and_a_date_is_a_dateline_not_an_outlet():
    doc = cleaned(f"ALGER, 12 mars 2020\n\n{BODY}")
    assert (doc.source, doc.authors, doc.published, doc.text) == (None, [], "2020-03-12", BODY)


@pytest.mark.parametrize("line", [
    "Par ailleurs, le ministre a démenti toute rencontre secrète",
    "Hillary Clinton, Bill Clinton",
    "Abdelkader Messahel",
])
def test_lines_that_are_not_bylines(line):
    doc = cleaned(f"{line}\n\n{BODY}")
    assert doc.authors == []
    assert doc.text.startswith(line)


# ---------------------------------------------------------------- outlets

def test_outlet_prefix_and_closing_credit():
    text = ("Hespress.com. Le directeur de la sûreté a reçu son homologue espagnol.\n\n"
            "La rencontre a porté sur la migration irrégulière.(Hespress.com)\n\n")
    doc = cleaned(text)
    assert doc.source == "Hespress.com"
    assert doc.text == ("Le directeur de la sûreté a reçu son homologue espagnol.\n\n"
                        "La rencontre a porté sur la migration irrégulière.")


def test_agency_dateline():
    doc = cleaned(f"ALGER (AFP) - {BODY}")
    assert doc.source == "AFP"
    assert doc.text == BODY


@pytest.mark.parametrize("credit", ["(AFP)", "Avec AFP", "avec Reuters", "Source : Le360.ma"])
def test_closing_credit_line(credit):
    doc = cleaned(f"{BODY}\n\n{credit}")
    assert doc.source == credit.split()[-1].strip("()")
    assert doc.text == BODY


def test_acronym_inside_a_sentence_is_no_credit():
    text = "Le texte a été transmis à la Direction générale de la sécurité extérieure (DGSE)"
    doc = cleaned(f"{BODY}\n\n{text}")
    assert doc.source is None
    assert doc.text.endswith("(DGSE)")


def test_outlet_named_as_recipient_sets_source_and_stays():
    sentence = ("« Nous suivons ce dossier de près », confie à Sahel-intelligence un ancien officier "
                "du renseignement.")
    doc = cleaned(f"{BODY}\n\n{sentence}")
    assert doc.source == "Sahel-intelligence"
    assert doc.text.endswith(sentence)


def test_recipient_does_not_override_a_credit():
    sentence = "« Rien n’est décidé », confie à Maghreb-intelligence une source sécuritaire."
    doc = cleaned(f"{BODY}\n\n{sentence}\n\n(APS)")
    assert doc.source == "APS"


def test_place_after_reporting_verb_is_no_outlet():
    doc = cleaned(f"{BODY}\n\n« Rien n’est décidé », explique à Tel-Aviv un diplomate européen.")
    assert doc.source is None


# ---------------------------------------------------------------- boilerplate lines

def test_comment_form_at_the_end_is_dropped():
    form = ("Laisser un commentaire\n\n"
            "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *\n\n"
            "Commentaire *\n\nNom *\n\n"
            "Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire.")
    doc = cleaned(f"{BODY}\n\n{form}")
    assert doc.text == BODY


def test_reader_comments_after_the_comments_heading_are_dropped():
    doc = cleaned(f"{BODY}\n\n3 commentaires\n\nKarim\n\nTrès bon article, merci.\n\nRépondre")
    assert doc.text == BODY


@pytest.mark.parametrize("line", [
    "Lire aussi : Le patron de la DGSI en visite au Maroc",
    "À lire aussi : La DGSE recrute des linguistes",
    "A lire aussi",
    "Crédit photo : DR",
    "Photo : archives",
    "© AFP",
    "Partager sur Facebook",
    "Facebook Twitter LinkedIn WhatsApp",
    "Inscrivez-vous à notre newsletter pour recevoir l’essentiel de l’actualité",
    "Abonnez-vous à la newsletter",
])
def test_boilerplate_lines_are_dropped(line):
    first, second = BODY.split("\n\n")
    doc = cleaned(f"{first}\n\n{line}\n\n{second}")
    assert doc.text == BODY


def test_comment_words_inside_sentences_are_kept():
    text = ("Répondre à la menace terroriste reste la priorité des services.\n\n"
            "Photo d’un agent prise à Alger, selon la presse locale.")
    assert cleaned(text).text == text


# ---------------------------------------------------------------- layout

def test_paragraphs_are_kept_and_whitespace_tidied():
    text = "\n\n  Premier paragraphe.   \nSuite du premier.\t\n\n\n\n Deuxième paragraphe.  \n\n"
    assert cleaned(text).text == "Premier paragraphe.\nSuite du premier.\n\n Deuxième paragraphe."


def test_body_is_verbatim():
    text = ("Le 12 décembre, M’henna Djebbar (DDSE) a reçu « des officiers » — dit-on à Alger.\n\n"
            "+ Un intertitre entre deux croix +\n\n"
            "In Amenas : un succès\nLe reste du texte, sans point final")
    assert cleaned(text).text == text


def test_clean_returns_the_same_document():
    doc = Document(doc_id="t", text=BODY)
    assert clean(doc) is doc


def test_empty_text_stays_empty():
    assert cleaned("  \n\n ").text == ""


# ---------------------------------------------------------------- fingerprints and dates

def test_fingerprint_ignores_spacing_case_and_apostrophes():
    a = "L’agent de la DGSE  a été expulsé.\n\nSelon nos sources,   il travaillait à Alger."
    b = "l'agent de la dgse a été expulsé. selon nos sources, il travaillait à alger.  "
    assert fingerprint(a) == fingerprint(b)
    assert len(fingerprint(a)) == 64


def test_fingerprint_differs_for_different_bodies():
    assert fingerprint("L’agent a été expulsé.") != fingerprint("L’agent a été arrêté.")


@pytest.mark.parametrize("text, expected", [
    ("2022-11-14", "2022-11-14"), ("2022-11", "2022-11"), ("2022", "2022"),
    ("14/11/2022", "2022-11-14"), ("11/2022", "2022-11"),
    ("1er novembre 2022", "2022-11-01"), ("mardi 14 nov. 2022", "2022-11-14"),
    ("fév. 2021", "2021-02"), ("3 Févr. 2021", "2021-02-03"), ("17 Mars 2017", "2017-03-17"),
    ("25 decembre 2019", "2019-12-25"), ("17 mars", None), ("mars", None), ("31/02/2020", None),
    ("hier", None), ("", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_data_file_is_documented_and_compiles():
    data = json.loads(data_path("boilerplate.json").read_text(encoding="utf-8"))
    assert data["_about"]
    assert data["months"]["décembre"] == 12 and data["months"]["févr."] == 2
    assert load_rules() is load_rules()


# ---------------------------------------------------------------- the shared corpus, read in place

def corpus_doc(prefix: str) -> Document:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not present")
    paths = sorted(CORPUS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"no {prefix}_*.txt in the shared corpus")
    return clean(Document(doc_id=paths[0].stem, text=paths[0].read_text(encoding="utf-8")))


def test_corpus_004_byline_and_repeated_title():
    doc = corpus_doc("004")
    assert doc.published == "2017-03-17"
    assert doc.authors and doc.source
    assert doc.title and doc.text.count(doc.title) == 1
    assert doc.text.startswith(doc.title)


def test_corpus_000_date_header():
    doc = corpus_doc("000")
    assert doc.published == "2022-11"
    assert not doc.text.lower().startswith("date")


def test_corpus_003_outlet_prefix_and_credit():
    doc = corpus_doc("003")
    assert doc.source == "Le360.ma"
    assert "Le360.ma" not in doc.text


def test_corpus_002_comment_form():
    doc = corpus_doc("002")
    for phrase in ("Laisser un commentaire", "ne sera pas publiée", "champs obligatoires"):
        assert phrase not in doc.text
    assert doc.text == doc.text.strip()


def test_byline_with_an_outlet_unknown_to_the_list():
    from veille.prepare.clean import clean as clean_doc
    from veille.model import Document
    doc = clean_doc(Document("x", "Le patron de la DGST reçu à Madrid par son homologue espagnol\n\n"
                             "Samir Kaci, Le Veilleur du Sud, 4 mai 2023\n\nLe corps de l'article commence ici."))
    assert doc.authors == ["Samir Kaci"] and doc.source == "Le Veilleur du Sud" and doc.published == "2023-05-04"
