"""Long documents in pieces (``pieces.py``): where they are cut, how the pieces' findings are
joined into one record, and (marked ``model``) long texts through the real pipeline."""

import re

import pytest

from veille.model import Attribution, Document, Entity, Event, Mention, Relation, TextSpan
from veille.extract.pieces import Piece, cut, cut_points, join
from veille.pipeline import Pipeline, Report
from veille.settings import Settings

PARAGRAPH = ("Le directeur de la DGSE, Bernard Emié, s'est rendu à Alger mardi, selon nos sources. "
             "Il y a rencontré M. Karim Ouali, patron de la DDSE.")


# ---------------------------------------------------------------- where a text is cut

def _pieces_of(text: str, size: int) -> list[str]:
    bounds = cut_points(text, size)
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def test_a_text_within_the_size_is_one_piece_the_document_itself():
    doc = Document(doc_id="court", text=PARAGRAPH)
    [piece] = list(cut([doc], size=len(PARAGRAPH)))
    assert piece.alone and piece.last and piece.text == doc.text
    piece.parsed = "parsed"
    assert piece.document() is doc and doc.parsed == "parsed"


def test_pieces_are_cut_at_paragraphs_cover_the_text_and_stay_within_the_size():
    text = "\n\n".join(f"{n}. {PARAGRAPH}" for n in range(30))
    parts = _pieces_of(text, 1_000)
    assert "".join(parts) == text
    assert all(len(p) <= 1_000 for p in parts) and len(parts) >= len(text) // 1_000
    assert all(p.startswith(tuple(f"{n}. Le" for n in range(30))) for p in parts)
    assert max(map(len, parts)) - min(map(len, parts)) < 2 * len(PARAGRAPH)     # about equal


def test_a_paragraph_longer_than_a_piece_is_cut_between_sentences_not_after_a_title():
    sentence = "Selon M. Ouali, le colonel Djebbar a quitté la DDSE en mars. "
    text = (sentence * 40).strip()
    parts = _pieces_of(text, 500)
    assert "".join(parts) == text and all(len(p) <= 500 for p in parts)
    assert all(p.startswith("Selon M. Ouali") for p in parts)


def test_a_text_without_sentences_is_cut_between_words_and_one_without_spaces_anywhere():
    words = " ".join(["renseignement"] * 200)
    assert all(not p.startswith(" ") and len(p) <= 300 for p in _pieces_of(words, 300))
    assert "".join(_pieces_of("x" * 1_000, 300)) == "x" * 1_000


def test_a_piece_is_read_with_the_paragraph_before_it():
    text = "\n\n".join(f"Paragraphe {n}. {PARAGRAPH}" for n in range(6))
    doc = Document(doc_id="long", text=text)
    found = list(cut([doc], size=400, context=300))
    assert [p.last for p in found] == [False] * (len(found) - 1) + [True]
    assert found[0].context == 0
    for before, piece in zip(found, found[1:]):
        assert piece.start == before.end and piece.text == text[piece.context:piece.end]
        context = text[piece.context:piece.start]
        assert re.fullmatch(r"Paragraphe \d\. .*\n\n", context, re.S) and "\n\n" not in context[:-2]


# ---------------------------------------------------------------- joining the pieces

def _entity(eid, name, etype, spans, text, aliases=(), identity=None, country=None, kind=None):
    return Entity(id=eid, name=name, type=etype, kind=kind, country=country, aliases=list(aliases),
                  mentions=[Mention(s, e, text[s:e]) for s, e in spans],
                  identity=identity or f"name:{etype}:{name.lower()}")


def _span(text, sentence):
    start = text.index(sentence)
    return TextSpan(start, start + len(sentence), sentence)


def _two_pieces():
    """A whole text in two pieces, the second read with the first's last paragraph."""
    first = "Karim Ouali dirige la DDSE.\n\nLa DGSI française surveille Alger.\n\n"
    second = "Ouali a rencontré le patron de la DGSI algérienne à Alger.\n\nLa DDSE dément."
    whole = Document(doc_id="d", text=first + second, published="2024-03-05")
    start = len(first)
    context = first.index("La DGSI")
    p1 = Piece(whole, 0, 0, start, False, first)
    p2 = Piece(whole, context, start, len(whole.text), True, whole.text[context:])
    t1, t2 = p1.text, p2.text
    d1 = Document(doc_id="d", text=t1, entities=[
        _entity("e1", "Karim Ouali", "PER", [(0, 11)], t1),
        _entity("e2", "Direction de la documentation et de la sécurité extérieure", "ORG", [(22, 26)], t1,
                identity="entry:dz-ddse", country="DZ"),
        _entity("e3", "DGSI", "ORG", [(32, 36)], t1, identity="entry:fr-dgsi", country="FR"),
        _entity("e4", "Alger", "LOC", [(57, 62)], t1, identity="entry:loc-dz-alger", country="DZ")])
    d1.relations = [Relation("head_of", "e1", "e2", _span(t1, "Karim Ouali dirige la DDSE."))]
    at = t2.index("Ouali a")
    d2 = Document(doc_id="d", text=t2, entities=[
        _entity("e1", "DGSI", "ORG", [(3, 7)], t2, identity="entry:fr-dgsi", country="FR"),
        _entity("e2", "Alger", "LOC", [(28, 33), (at + 52, at + 57)], t2, identity="entry:loc-dz-alger",
                country="DZ"),
        _entity("e3", "Ouali", "PER", [(at, at + 5)], t2),
        _entity("e4", "DGSI", "ORG", [(at + 34, at + 38)], t2, identity="entry:dz-dgsi", country="DZ"),
        _entity("e5", "DDSE", "ORG", [(t2.index("DDSE"), t2.index("DDSE") + 4)], t2, identity="entry:dz-ddse",
                country="DZ")])
    d2.relations = [
        Relation("visits", "e1", "e2", _span(t2, "La DGSI française surveille Alger.")),      # the context's
        Relation("meets", "e3", "e4", _span(t2, "Ouali a rencontré le patron de la DGSI algérienne à Alger."))]
    meeting = _span(t2, "Ouali a rencontré le patron de la DGSI algérienne à Alger.")
    d2.events = [Event("v1", "MEETING", "040", ["e3", "e4"], meeting, place="e2", attribution=Attribution())]
    return whole, [(p1, d1), (p2, d2)]


def test_joined_pieces_give_one_record_with_offsets_into_the_whole_text():
    whole, parts = _two_pieces()
    doc = join(whole, parts)
    assert doc is whole and doc.parsed is None
    for e in doc.entities:
        assert all(doc.text[m.start:m.end] == m.text for m in e.mentions)
    for item in doc.relations + doc.events:
        assert doc.text[item.evidence.start:item.evidence.end] == item.evidence.text
    assert [e.id for e in doc.entities] == [f"e{n}" for n in range(1, len(doc.entities) + 1)]


def test_entities_of_the_pieces_are_merged_by_name_identity_and_surname_but_not_across_states():
    doc = join(*_two_pieces())
    by_name = {e.name: e for e in doc.entities}
    ouali = by_name["Karim Ouali"]
    assert ouali.aliases == ["Ouali"] and len(ouali.mentions) == 2
    ddse = [e for e in doc.entities if e.identity == "entry:dz-ddse"]
    assert len(ddse) == 1 and len(ddse[0].mentions) == 2
    dgsi = sorted((e.country, len(e.mentions)) for e in doc.entities if e.name == "DGSI")
    assert dgsi == [("DZ", 1), ("FR", 1)]                    # the context's mention is counted once
    [alger] = [e for e in doc.entities if e.name == "Alger"]
    assert len(alger.mentions) == 2


def test_what_the_context_holds_belongs_to_the_piece_before():
    doc = join(*_two_pieces())
    names = {e.id: e.name for e in doc.entities}
    told = [(r.type, names[r.subject], names[r.object]) for r in doc.relations]
    assert told == [("head_of", "Karim Ouali", "Direction de la documentation et de la sécurité extérieure"),
                    ("meets", "Karim Ouali", "DGSI")]
    [meeting] = doc.events
    assert meeting.id == "v1" and [names[p] for p in meeting.participants] == ["Karim Ouali", "DGSI"]
    assert names[meeting.place] == "Alger"


def test_one_event_told_in_two_pieces_is_one_event_and_a_relation_is_kept_once():
    whole = Document(doc_id="d", text="A rencontre B.\n\nA rencontre B.")
    halves = []
    for n, start in enumerate((0, 16)):
        text = whole.text[start:start + 14 + (2 if n == 0 else 0)]
        d = Document(doc_id="d", text=text, entities=[
            _entity("e1", "Karim Ouali", "PER", [(0, 1)], text), _entity("e2", "Nadia Sahli", "PER", [(11, 12)], text)])
        evidence = TextSpan(0, 14, text[:14])
        d.relations = [Relation("meets", "e2" if n else "e1", "e1" if n else "e2", evidence)]
        d.events = [Event("v1", "MEETING", "040", ["e1", "e2"], evidence, date=None if n == 0 else "2024-03",
                          date_text=None if n == 0 else "en mars")]
        halves.append((Piece(whole, start, start, start + len(text), n == 1, text), d))
    doc = join(whole, halves)
    assert len(doc.relations) == 1 and doc.relations[0].evidence.start == 0        # symmetric: once
    [event] = doc.events
    assert event.evidence.start == 0 and (event.date, event.date_text) == ("2024-03", "en mars")


def test_a_lone_first_name_borne_by_two_people_stays_apart():
    text = "Karim Ouali et Karim Sahli.\n\nKarim a parlé."
    whole = Document(doc_id="d", text=text)
    first = Document(doc_id="d", text=text[:29], entities=[
        _entity("e1", "Karim Ouali", "PER", [(0, 11)], text), _entity("e2", "Karim Sahli", "PER", [(15, 26)], text)])
    second = Document(doc_id="d", text=text[29:], entities=[_entity("e1", "Karim", "PER", [(0, 5)], text[29:])])
    doc = join(whole, [(Piece(whole, 0, 0, 29, False, text[:29]), first),
                       (Piece(whole, 29, 29, len(text), True, text[29:]), second)])
    assert sorted(e.name for e in doc.entities) == ["Karim", "Karim Ouali", "Karim Sahli"]


# ---------------------------------------------------------------- through the real pipeline

def _dossier(paragraphs: int) -> str:
    """A long dossier written for these tests: a lead naming the people in full, then numbered
    paragraphs that name them by surname."""
    lead = ("La directrice de la DDSE, Nadia Ferhat, et le patron de la DGSE, Bernard Emié, "
            "se sont rencontrés à Alger, selon nos sources.")
    body = [f"Le {n} mars, Ferhat s'est rendue à Bamako avec des officiers de la DDSE, affirme El Watan. "
            f"Emié a démenti toute rencontre avec la DGSI algérienne." for n in range(1, paragraphs + 1)]
    return "\n\n".join([lead, *body])


@pytest.mark.model
def test_a_long_document_in_pieces_is_one_valid_record_the_same_as_read_whole(nlp_model):
    text = _dossier(12)
    pipeline = Pipeline(Settings(), model=nlp_model, piece_chars=600)
    assert len(cut_points(text, 600)) > 4
    report = Report()
    [doc] = list(pipeline.extract([Document(doc_id="dossier", text=text, published="2024-03-20")], report))
    assert report.extracted == 1 and not report.failures
    ids = {e.id for e in doc.entities}
    for e in doc.entities:
        assert e.mentions and all(doc.text[m.start:m.end] == m.text for m in e.mentions)
    for item in doc.relations + doc.events:
        assert doc.text[item.evidence.start:item.evidence.end] == item.evidence.text
    assert all({r.subject, r.object} <= ids for r in doc.relations)
    assert all(set(v.participants) <= ids for v in doc.events)
    [ferhat] = [e for e in doc.entities if e.name == "Nadia Ferhat"]
    assert len(ferhat.mentions) == 13 and ferhat.aliases == ["Ferhat"]
    assert len([e for e in doc.entities if e.identity == "entry:dz-ddse"]) == 1
    visits = [v for v in doc.events if v.type == "VISIT" and ferhat.id in v.participants]
    assert len(visits) == 12 and visits[-1].evidence.start > 1_200      # told in the last pieces
    whole = Pipeline(Settings(), model=nlp_model, piece_chars=10 ** 9)
    [read_whole] = list(whole.extract([Document(doc_id="dossier", text=text, published="2024-03-20")], Report()))
    assert doc.to_record() == read_whole.to_record()


@pytest.mark.model
def test_a_document_longer_than_the_model_accepts_is_extracted_in_pieces(nlp_model, monkeypatch):
    """spaCy refuses a text longer than ``max_length`` (1,000,000 characters by default: a 1.2 MB
    file): the limit is lowered here, so that a 120 KB dossier stands for it in seconds."""
    monkeypatch.setattr(nlp_model, "max_length", 50_000)
    text = _dossier(700)
    assert len(text) > 2 * nlp_model.max_length
    doc = Document(doc_id="tres-long", text=text, origin="tres-long.txt", published="2024-03-20")
    whole = Report()
    assert list(Pipeline(Settings(), model=nlp_model, piece_chars=10 ** 9).extract([doc], whole)) == []
    assert "failed to parse" in whole.failures[0].reason
    report = Report()
    [found] = list(Pipeline(Settings(), model=nlp_model).extract(
        [Document(doc_id="tres-long", text=text, origin="tres-long.txt", published="2024-03-20")], report))
    assert not report.failures and found.text == text
    assert found.entities[-1].mentions[-1].end > nlp_model.max_length
    assert len([e for e in found.entities if e.name == "Nadia Ferhat"]) == 1



# ---------------------------------------------------------------- search on long documents

def _stored(store, doc_id: str, text: str):
    from veille.store.ingest import store_document
    store_document(store, Document(doc_id=doc_id, text=text, title=f"Dossier {doc_id}", published="2024-03-20"))


def test_a_search_reads_a_bounded_start_of_long_documents_for_its_snippets(store_url, monkeypatch):
    from veille.store import Store
    from veille.store import search as search_module
    read = []
    snip = search_module.snip

    def recording(text, wanted, size=search_module.SNIPPET_CHARS, length=None):
        read.append((len(text), length))
        return snip(text, wanted, size, length)

    monkeypatch.setattr(search_module, "snip", recording)
    filler = "Rien à signaler ce jour-là à la frontière. "
    long_text = filler * 40 + "Karim Ouali dirige la DDSE depuis mars. " + filler * 50_000
    later = filler * 2_000 + "Le colonel Djebbar a quitté Alger. " + filler * 10
    with Store.open(store_url) as store:
        _stored(store, "long", long_text)
        _stored(store, "plus-loin", later)
        _stored(store, "court", "Karim Ouali a rencontré le patron de la DGSE à Rabat.")
        found = search_module.search(store, '"Karim Ouali"')["documents"]
        assert sorted(d["doc_id"] for d in found) == ["court", "long"]
        [long_hit] = [d for d in found if d["doc_id"] == "long"]
        assert long_hit["snippet"].startswith("…") and long_hit["snippet"].endswith("…")
        assert [long_hit["snippet"][s:e] for s, e in long_hit["highlights"]] == ["Karim", "Ouali"]
        assert all(n <= search_module.SNIPPET_SCAN for n, _ in read) and (search_module.SNIPPET_SCAN, len(long_text)) in read
        # a word the index holds only among a long text's later words: found, its snippet the text's start
        [far] = search_module.search(store, "Djebbar")["documents"]
        assert far["doc_id"] == "plus-loin" and far["highlights"] == [] and far["snippet"].startswith("Rien")


def test_tiny_pieces_still_end_and_cover_the_text():
    text = "Le 3 mars. La DGSE. " * 5
    for size in (1, 2, 7):
        parts = _pieces_of(text, size)
        assert "".join(parts) == text and all(0 < len(p) <= size for p in parts)


def test_the_length_benchmark_writes_dossiers_of_the_size_asked():
    import importlib.util
    from pathlib import Path
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "length.py"
    spec = importlib.util.spec_from_file_location("benchmark_length", path)
    length = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(length)
    for size in (10, 120):
        doc = length.dossier(size)
        assert size * 1000 - 2_000 < len(doc.text.encode("utf-8")) <= size * 1000
        paragraphs = doc.text.split("\n\n")
        assert len(set(paragraphs)) > 0.9 * len(paragraphs) and doc.published
    assert len(cut_points(length.dossier(120).text, 10_000)) - 1 >= 12
