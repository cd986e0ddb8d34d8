"""Document metadata and preparation: the date lines, bylines and credits of French news
articles read into ``published``, ``source``, ``authors`` and ``title``, and the one preparation
step (clean and fingerprint, once) that every ingest path shares. Articles written for these tests."""

import pytest

from veille.prepare import clean as clean_module
from veille.errors import InputError
from veille.model import Document
from veille.prepare import Prepared, prepare

HEADED = ("date 2022-11\n\nLa DGSE algérienne réorganisée\n\n"
          "Le général Karim Ouali a pris la tête de la DDSE, selon nos sources.")


# ---------------------------------------------------------------- preparation

def counting_clean(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = clean_module.clean

    def counted(doc):
        calls.append(doc.doc_id)
        return real(doc)
    monkeypatch.setattr(clean_module, "clean", counted)
    return calls


def test_prepare_cleans_a_copy_once_and_keeps_its_fingerprint(monkeypatch):
    calls = counting_clean(monkeypatch)
    raw = Document(doc_id="a", text=HEADED)
    prepared = prepare(raw)
    assert isinstance(prepared, Prepared) and calls == ["a"]
    assert raw.text == HEADED and raw.published is None            # the input is left as it is
    assert prepared.published == "2022-11" and prepared.title == "La DGSE algérienne réorganisée"
    assert prepared.text.startswith("La DGSE algérienne réorganisée\n\nLe général Karim Ouali")
    assert prepared.fingerprint == clean_module.fingerprint(prepared.text)
    assert prepare(prepared) is prepared and calls == ["a"]         # prepared already: as it is


def test_the_pipeline_does_not_clean_a_prepared_document_again(monkeypatch):
    from veille.pipeline import Pipeline, Report
    prepared = prepare(Document(doc_id="a", text=HEADED))
    calls = counting_clean(monkeypatch)
    report = Report()
    fresh = list(Pipeline._cleaned(None, [prepared, Document(doc_id="b", text=HEADED),
                                          InputError("c.txt", "empty document")], report))
    assert fresh == [prepared] and calls == ["b"]                   # b: a duplicate of a
    assert report.duplicates == ["b: duplicate of a"] and [f.origin for f in report.failures] == ["c.txt"]


# ---------------------------------------------------------------- date lines, bylines, credits

from veille.prepare.clean import clean

TITLE = "La DGSE accusée de manœuvres contre Alger"
LEAD = ("Selon le ministère algérien des Affaires étrangères, les services français auraient "
        "approché d’anciens militaires pour recueillir des renseignements.")
BODY = ("Le général Karim Ouali, patron de la DDSE, a reçu lundi à Alger l’ambassadeur de France.\n\n"
        "Les deux hommes ont évoqué la coopération sécuritaire, selon un communiqué officiel.")


def cleaned(text: str, **metadata) -> Document:
    return clean(Document(doc_id="t", text=text, **metadata))


@pytest.mark.parametrize("head, published", [
    ("date 2022-11", "2022-11"),
    ("Publié le 12 mars 2020 à 10h30", "2020-03-12"),
    ("Publié le 12/03/2020 - 10:30", "2020-03-12"),
    ("Mis à jour le jeudi 12 mars 2020", "2020-03-12"),
    ("Dernière mise à jour : 14/05/2024 à 08:15", "2024-05-14"),
    ("Publié le 12 mars à 10h30", None),                          # no year: no date
    ("Niamey, le 4 avril 2023", "2023-04-04"),                     # a place and a date alone on a line
    ("Dakar, 4 avril 2023", "2023-04-04"),
])
def test_date_lines(head, published):
    doc = cleaned(f"{head}\n\n{BODY}")
    assert doc.published == published and doc.text == BODY


def test_a_dateline_without_an_outlet_gives_the_date_and_is_removed():
    doc = cleaned("Niamey, le 4 avril 2023 – " + BODY)
    assert (doc.source, doc.published, doc.text) == (None, "2023-04-04", BODY)


def test_a_sentence_opening_with_places_is_no_dateline():
    text = "Paris, Londres et Berlin ont signé un accord, selon un communiqué officiel."
    doc = cleaned(f"date 2022-11\n\n{text}")
    assert doc.text == text and doc.published == "2022-11"


@pytest.mark.parametrize("dateline, published", [
    ("ALGER, 12 mars (APS) – ", None),                           # the year is not invented
    ("ALGER, 12 mars 2020 (APS) – ", "2020-03-12"),
    ("Rabat, 3 mai 2021 (MAP) - ", "2021-05-03"),
])
def test_dated_agency_dateline(dateline, published):
    doc = cleaned(dateline + BODY)
    assert (doc.source, doc.published) == (dateline.split("(")[1].split(")")[0], published)
    assert doc.text == BODY


@pytest.mark.parametrize("byline, authors, source, published", [
    ("Par Karim B. | 14/05/2024", ["Karim B."], None, "2024-05-14"),
    ("Le Courrier du Maghreb, 14 mai 2024", [], "Le Courrier du Maghreb", "2024-05-14"),
    ("Samia Lounes, Le Courrier du Maghreb, 14 mai 2024", ["Samia Lounes"], "Le Courrier du Maghreb",
     "2024-05-14"),
    ("Par Rédaction Sahel Veille", [], "Sahel Veille", None),
    ("Par la rédaction", [], None, None),
    ("Par AFP", [], "AFP", None),
    ("Par Samia Lounes et Pierre Vidal, Maghreb Hebdo", ["Samia Lounes", "Pierre Vidal"], "Maghreb Hebdo", None),
])
def test_bylines_give_person_names_only_as_authors(byline, authors, source, published):
    doc = cleaned(f"{TITLE}\n\n{byline}\n\n{BODY}")
    assert (doc.authors, doc.source, doc.published) == (authors, source, published)
    assert doc.text == f"{TITLE}\n\n{BODY}"             # the byline is out of the body


def test_date_line_and_byline_after_a_subtitle_and_a_lead():
    text = (f"{TITLE}\n\nUn documentaire diffusé par la télévision publique\n\n{LEAD}\n\n"
            f"Par Rédaction Sahel Veille\n\nPublié le 16 décembre 2024\n\n{BODY}")
    doc = cleaned(text)
    assert (doc.source, doc.published, doc.authors) == ("Sahel Veille", "2024-12-16", [])
    assert doc.text == f"{TITLE}\n\nUn documentaire diffusé par la télévision publique\n\n{LEAD}\n\n{BODY}"


def test_dated_byline_under_a_section_label():
    doc = cleaned(f"{TITLE}\nInternational.\nPublié le 10/01/2023 à 11h45 - Par Samia Lounes\n\n{BODY}")
    assert (doc.published, doc.authors) == ("2023-01-10", ["Samia Lounes"])
    assert doc.text == f"{TITLE}\nInternational.\n\n{BODY}"
    assert "Samia Lounes" not in doc.text


def test_agency_credit_line_with_a_date():
    doc = cleaned(f"{TITLE}\ninformation fournie par Reuters 02/08/2024 à 17:47\n\n{BODY}")
    assert doc.published == "2024-08-02"
    assert "Reuters" not in doc.text


@pytest.mark.parametrize("sentence", [
    "Par ailleurs, le ministre a démenti toute rencontre secrète avec la DGSE.",
    "Par Karim Ouali, le patron de la DDSE, la consigne a été transmise aux services.",
    "Publié le 3 mai 2020, le rapport accuse la DGSE d’avoir recruté des informateurs.",
])
def test_sentences_of_the_lead_are_no_metadata(sentence):
    doc = cleaned(f"{TITLE}\n\n{LEAD}\n\n{sentence}\n\n{BODY}")
    assert sentence in doc.text and doc.authors == [] and doc.published is None


@pytest.mark.parametrize("credit, source, authors", [
    ("Rédaction d’Algérie Veille", "Algérie Veille", []),
    ("Rédaction d'Algerie360", "Algerie360", []),
    ("Source : Le Courrier du Maghreb", "Le Courrier du Maghreb", []),
    ("(Le360.ma)", "Le360.ma", []),
    ("Samia Lounes et Pierre Vidal", None, ["Samia Lounes", "Pierre Vidal"]),
    ("Par Samia Lounes", None, ["Samia Lounes"]),
])
def test_closing_credits(credit, source, authors):
    doc = cleaned(f"{BODY}\n\n{credit}")
    assert (doc.source, doc.authors) == (source, authors)
    assert doc.text == BODY


def test_a_byline_and_an_outlet_credit_closing_the_text():
    doc = cleaned(f"{BODY}\n\nSamia Lounes\n\n(APS)")
    assert (doc.source, doc.authors, doc.text) == ("APS", ["Samia Lounes"], BODY)
    doc = cleaned(f"{BODY}\n\nSamia Lounes et Pierre Vidal\n\n(APS)")
    assert (doc.source, doc.authors, doc.text) == ("APS", ["Samia Lounes", "Pierre Vidal"], BODY)


def test_a_last_sentence_is_no_credit():
    last = "Le général Karim Ouali a démenti, selon la même source."
    doc = cleaned(f"{BODY}\n\n{last}")
    assert doc.text.endswith(last) and doc.authors == [] and doc.source is None


# ---------------------------------------------------------------- titles of documents that give none

def test_a_document_without_a_title_takes_its_first_sentence():
    doc = cleaned("Le360.ma. Le directeur de la DGST a reçu hier à Rabat son homologue français. "
                  "Les deux hommes ont évoqué la coopération.\n\n" + BODY)
    assert doc.title == "Le directeur de la DGST a reçu hier à Rabat son homologue français."
    assert doc.source == "Le360.ma"


def test_a_long_first_sentence_is_cut_at_a_word():
    first = "Le directeur de la DGST a reçu " + "une délégation des services de renseignement " * 8 + "."
    doc = cleaned(f"{first}\n\n{BODY}")
    assert doc.title.endswith("…") and len(doc.title) <= 161
    assert first.startswith(doc.title[:-1])


def test_a_first_line_too_short_gives_the_outlet_and_date():
    doc = cleaned(f"Publié le 14 mai 2024\n\nRabat\n\n{BODY}\n\n(MAP)")
    assert doc.title == "MAP, 2024-05-14"


def test_a_title_given_is_kept_and_the_file_name_is_never_one():
    assert cleaned(BODY, title="Titre du flux").title == "Titre du flux"
    doc = clean(Document(doc_id="NX99_article", text=BODY, origin="/tmp/NX99_article.txt"))
    assert doc.title == BODY.split("\n")[0] and "NX99" not in doc.title


# ---------------------------------------------------------------- every ingest path prepares once

ARTICLES = {
    "alger.txt": f"Publié le 12 mars 2020\n\n{TITLE}\n\n{BODY}",
    "rabat.txt": "Le360.ma. Le directeur de la DGST a reçu à Rabat son homologue espagnol.\n\n(Le360.ma)",
    "copie.txt": f"Publié le 12 mars 2020\n\n{TITLE}\n\n{BODY}",
}


class Bare:
    """A pipeline without the model: the preparation and duplicate check of the real one
    (``Pipeline._cleaned``), then each document as it is."""

    def __init__(self, settings=None):
        pass

    def extract(self, items, report):
        from veille.pipeline import Pipeline
        for doc in Pipeline._cleaned(None, items, report):
            report.extracted += 1
            yield doc


def folder_of(tmp_path, articles=ARTICLES):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_veille_ingest_cleans_each_document_once(tmp_path, monkeypatch):
    from veille.settings import Settings
    from veille.store.db import Store
    from veille.store.documents import list_documents
    from veille.store.ingest import ingest_paths
    folder = folder_of(tmp_path)
    calls = counting_clean(monkeypatch)
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as store:
        report = ingest_paths(store, [str(folder)], Settings(), pipeline=Bare)
        assert sorted(calls) == ["alger", "copie", "rabat"] and report.stored == 2
        listed = {d["doc_id"]: d for d in list_documents(store)["documents"]}
        assert (listed["alger"]["published"], listed["alger"]["title"]) == ("2020-03-12", TITLE)
        assert listed["rabat"]["source"] == "Le360.ma"
        calls.clear()
        again = ingest_paths(store, [str(folder)], Settings(), pipeline=Bare)
    assert sorted(calls) == ["alger", "copie", "rabat"] and again.stored == 0
    assert len(again.already_stored) == 3


def test_an_upload_is_cleaned_once(tmp_path, monkeypatch):
    from veille.settings import Settings
    from veille.store.db import Store
    from veille.store.documents import ingest_upload
    calls = counting_clean(monkeypatch)
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as store:
        report = ingest_upload(store, "alger.txt", ARTICLES["alger.txt"].encode("utf-16"), Settings(), Bare())
    assert calls == ["alger"] and report.stored == 1
    assert [d["title"] for d in report.documents] == [TITLE]


def test_the_distributed_ingest_sends_prepared_documents_to_the_workers(tmp_path, monkeypatch):
    from veille import distributed
    from veille.prepare.read import read_paths
    from veille.pipeline import Report
    from veille.settings import Settings
    from veille.store.db import Store
    from veille.store.ingest import IngestReport
    folder = folder_of(tmp_path)
    calls = counting_clean(monkeypatch)
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as store:
        report = IngestReport()
        fresh = distributed._fresh(store, list(read_paths([str(folder)], Settings())), report)
    assert sorted(calls) == ["alger", "copie", "rabat"]
    assert all(isinstance(doc, Prepared) for doc in fresh) and len(report.duplicates) == 1
    calls.clear()
    assert list(Bare().extract(fresh, Report())) == fresh and calls == []    # as on a worker


# ---------------------------------------------------------------- outlets in headers and footers

@pytest.mark.parametrize("footer, source", [
    ("© 2024 Le Courrier du Maghreb. Tous droits réservés.", "Le Courrier du Maghreb"),
    ("Copyright © 2019-2024 Sahel Veille - Tous droits réservés", "Sahel Veille"),
    ("© Le Courrier du Maghreb\n\nTous droits réservés\n\nPartager sur Facebook", "Le Courrier du Maghreb"),
])
def test_a_copyright_footer_names_the_outlet(footer, source):
    doc = cleaned(f"{BODY}\n\n{footer}")
    assert doc.source == source and doc.text == BODY


def test_a_photo_credit_inside_the_text_names_no_outlet():
    doc = cleaned(f"{TITLE}\n\n© Reuters\n\n{BODY}")
    assert doc.source is None and "Reuters" not in doc.text


def test_a_known_outlet_heading_the_page():
    doc = cleaned(f"Hespress\n\n{TITLE}\n\n{BODY}")
    assert (doc.source, doc.title) == ("Hespress", TITLE)
    assert doc.text == f"{TITLE}\n\n{BODY}"


# ---------------------------------------------------------------- a date told from the day of writing

@pytest.mark.parametrize("sentence, published", [
    ("Le communiqué a été lu à la télévision hier jeudi 12 mars 2020.", "2020-03-13"),
    ("Le général a été limogé aujourd’hui mardi 3 mai 2016, selon un décret.", "2016-05-03"),
    ("Le communiqué a été lu ce lundi 31 janvier 2022 à la télévision publique.", "2022"),
    ("La délégation est arrivée à Niamey ce mercredi 15 juin 2022.", "2022-06"),
    ("Le chef du renseignement a été reçu ce jeudi 31 décembre 2020.", None),    # the week spans two years
    ("Le communiqué a été lu ce mardi 31 janvier 2022.", None),                # 31 January 2022 was a Monday
    ("Le général avait été nommé le lundi 31 janvier 2022.", None),            # told from no day
])
def test_a_date_told_from_the_day_of_writing(sentence, published):
    doc = cleaned(f"{TITLE}\n\n{sentence}\n\n{BODY}")
    assert doc.published == published and sentence in doc.text


def test_a_date_line_wins_over_a_date_told_in_the_body():
    doc = cleaned(f"Publié le 2 février 2022\n\n{TITLE}\n\nLe communiqué a été lu ce lundi 31 janvier 2022.")
    assert doc.published == "2022-02-02"


# ---------------------------------------------------------------- any text

from hypothesis import given, settings as hypothesis_settings, strategies as st  # noqa: E402

PIECES = [TITLE, LEAD, "Par Samia Lounes", "Publié le 12 mars 2020 à 10h30", "Rédaction d'Algerie360",
          "(APS)", "© 2024 Le Courrier du Maghreb. Tous droits réservés.", "International.", "Rabat",
          "ALGER, 12 mars (APS) – Le général a démenti.", "Samia Lounes et Pierre Vidal", "ce lundi 31 janvier 2022",
          "Le Courrier du Maghreb, 14 mai 2024", "Laisser un commentaire", ""]


@hypothesis_settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=40), max_size=12), st.sampled_from(["\n", "\n\n"]))
def test_any_arrangement_of_metadata_lines_is_prepared(parts, joint):
    text = joint.join(parts)
    prepared = prepare(Document(doc_id="p", text=text))
    assert prepared.fingerprint == clean_module.fingerprint(prepared.text)
    assert all(line.strip() in text for line in prepared.text.split("\n"))      # the body is the text's
    assert prepared.title or not prepared.text.strip()
    assert not prepared.published or prepared.published[:4].isdigit()
    assert all(len(name.split()) >= 2 for name in prepared.authors)              # person names only


def test_an_update_date_gives_way_to_the_publication_date():
    doc = cleaned(f"Mis à jour le 14 mai 2024 à 10h05\n\nPublié le 12 mai 2024 à 08h00\n\n{TITLE}\n\n{BODY}")
    assert doc.published == "2024-05-12" and doc.text == f"{TITLE}\n\n{BODY}"
    doc = cleaned(f"{TITLE}\n\n{LEAD}\n\nPublié le 12 mai 2024\n\nMis à jour le 14 mai 2024\n\n{BODY}")
    assert doc.published == "2024-05-12" and doc.text == f"{TITLE}\n\n{LEAD}\n\n{BODY}"
    assert cleaned(f"Mis à jour le 14 mai 2024\n\n{BODY}").published == "2024-05-14"   # alone, it stands in


# ---------------------------------------------------------------- bylines are no persons (the model)

@pytest.mark.model
def test_the_authors_of_bylines_and_credits_are_not_extracted_as_persons(nlp_model):
    from veille.pipeline import Pipeline, Report
    from veille.settings import Settings
    text = (f"{TITLE}\n\nPublié le 12 mai 2024 - Par Samia Lounes\n\n{BODY}\n\n"
            "Le général Karim Ouali n’a pas répondu à nos questions.\n\nNadir Belkacem et Pierre Vidal")
    report = Report()
    [doc] = list(Pipeline(Settings(), model=nlp_model).extract([Document(doc_id="b", text=text)], report))
    people = {e.name for e in doc.entities if e.type == "PER"}
    assert "Karim Ouali" in people                                   # a person of the body is one
    assert not people & {"Samia Lounes", "Nadir Belkacem", "Pierre Vidal"}
    assert (doc.authors, doc.published) == (["Samia Lounes"], "2024-05-12")   # the first byline's
