"""The pipeline's guard rails: a document the language model cannot parse is a failure of its
own; the rest of the batch goes on."""

import pytest

from veille import nlp, pipeline as pipeline_module
from veille.model import Document
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
