"""Document metadata and preparation: the date lines, bylines and credits of French news
articles read into ``published``, ``source``, ``authors`` and ``title``, and the one preparation
step (clean and fingerprint, once) that every ingest path shares. Articles written for these tests."""

from veille import clean as clean_module
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
