"""The pipeline's guard rails: a document the language model cannot parse is a failure of its
own; the rest of the batch goes on."""

import pytest

from veille.extract import nlp
from veille import pipeline as pipeline_module
from veille.model import Document
from veille.extract.pieces import cut_points
from veille.pipeline import Pipeline, Report
from veille.settings import Settings


class Fussy:
    """A stand-in model that fails on any batch holding "BOUM", and on that text alone."""

    def pipe(self, texts, batch_size):
        texts = list(texts)
        if any("BOUM" in t for t in texts):
            raise ValueError("parser crashed")
        return [t.upper() for t in texts]

    def __call__(self, text):
        if "BOUM" in text:
            raise ValueError("parser crashed")
        return text.upper()


def test_a_document_the_model_cannot_parse_costs_no_other():
    docs = [Document(doc_id=str(n), text=text) for n, text in enumerate(["un", "BOUM", "trois", "quatre"])]
    parsed = list(nlp.parse(docs, Fussy(), batch_size=2))
    assert [d.parsed for d in parsed] == ["UN", None, "TROIS", "QUATRE"]


@pytest.mark.model
def test_the_pipeline_reports_an_unparsed_document_and_goes_on(nlp_model, monkeypatch):
    parse = nlp.parse

    def failing_on_the_second(docs, model, batch_size):
        for n, doc in enumerate(parse(docs, model, batch_size)):
            if n == 1:
                doc.parsed = None
            yield doc

    monkeypatch.setattr(pipeline_module.nlp, "parse", failing_on_the_second)
    texts = ["La DGSE a recruté un agent à Alger.", "Le DGSI enquête à Paris.", "Le SVR russe observe Berlin."]
    report = Report()
    found = list(Pipeline(Settings(), model=nlp_model).extract(
        [Document(doc_id=f"d{n}", text=t, origin=f"d{n}.txt") for n, t in enumerate(texts)], report))
    assert [d.doc_id for d in found] == ["d0", "d2"] and report.extracted == 2
    [failure] = report.failures
    assert failure.origin == "d1.txt" and "failed to parse" in failure.reason


class Recording(Pipeline):
    """A pipeline whose extraction only records the texts it is given (no stage runs)."""

    def extract_piece(self, doc: Document) -> Document:
        self.seen.append(doc.text)
        doc.parsed = None
        return doc


def test_a_long_document_fails_whole_when_one_of_its_pieces_does_and_the_batch_goes_on(blank, monkeypatch):
    parse = nlp.parse

    def failing_on_boum(docs, model, batch_size):
        for piece in parse(docs, model, batch_size):
            if "BOUM" in piece.text[piece.start - piece.context:]:
                piece.parsed = None
            yield piece

    monkeypatch.setattr(pipeline_module.nlp, "parse", failing_on_boum)
    paragraph = "La DGSE a recruté un agent à Alger le {} mars, selon nos sources."
    long_text = "\n\n".join([paragraph.format(n) for n in range(1, 4)] + ["BOUM."]
                            + [paragraph.format(n) for n in range(4, 10)])
    pipeline = Recording(Settings(), model=blank, piece_chars=130)
    pipeline.seen = []
    report = Report()
    docs = [Document(doc_id="long", text=long_text, origin="long.txt"),
            Document(doc_id="court", text=paragraph.format(20), origin="court.txt")]
    found = list(pipeline.extract(docs, report))
    assert [d.doc_id for d in found] == ["court"] and report.extracted == 1
    [failure] = report.failures
    assert failure.origin == "long.txt" and "failed to parse" in failure.reason
    assert pipeline.seen[-1] == paragraph.format(20)
    # the pieces before the one that failed, none after it
    assert pipeline.seen[:-1] and all(t in long_text.split("BOUM")[0] for t in pipeline.seen[:-1])
    assert len(pipeline.seen) - 1 < len(cut_points(long_text, 130)) - 1
