"""The pipeline: prepare → cut → parse → the extraction stages (``veille.extract.STAGES``).

1. ``veille.prepare``: read, clean and fingerprint each document once; skip the ones seen already;
2. ``extract/pieces.py``: cut the long ones into pieces (a news article is one piece, itself);
3. ``extract/nlp.py``: parse the pieces with spaCy in batches;
4. ``veille.extract.STAGES``, in order: entities, attribution, relations, events over each piece;
   resolve over the whole document, once its pieces are joined.

This module keeps the per-process resources (the model, the French knowledge of
``veille.knowledge``) and counts what happened in a :class:`Report`. A document that fails never
stops the batch.
"""

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .errors import InputError, VeilleError
from .extract import STAGES, Run, nlp, pieces
from .knowledge import Knowledge
from .model import Document
from .prepare import prepare
from .prepare.read import read_paths
from .settings import Settings

#: the stages run over each piece of a document; the last one runs over the joined document
PIECE_STAGES, WHOLE_STAGES = STAGES[:-1], STAGES[-1:]


@dataclass
class Report:
    """What a run read, extracted, skipped as duplicate and failed on."""

    read: int = 0
    extracted: int = 0
    duplicates: list[str] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    #: files of a folder that are not articles (unknown suffix), left unread
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"read {self.read} document(s): {self.extracted} extracted, "
                f"{len(self.duplicates)} duplicate(s) skipped, {len(self.failures)} failed")
        return text + (f"; {len(self.skipped)} other file(s) ignored" if self.skipped else "")


def tokenizer_of(model):
    def tokenize(text: str) -> list[str]:
        return [t.text for t in model.tokenizer(text)]
    return tokenize


def load_knowledge(model) -> Knowledge:
    """The French knowledge, tokenised with the model's own tokenizer."""
    return Knowledge.load(tokenizer_of(model))


class Pipeline:
    """The model and resources, loaded once, and the stages run over a stream of documents."""

    def __init__(self, settings: Settings, model=None, piece_chars: int = pieces.PIECE_CHARS):
        self.settings = settings
        #: documents longer than this are extracted in pieces (``pieces.py``)
        self.piece_chars = piece_chars
        self.model = model if model is not None else nlp.load_model(settings.model)
        self.knowledge = load_knowledge(self.model)

    def extract_paths(self, paths: Iterable[str], report: Report) -> Iterator[Document]:
        return self.extract(read_paths(paths, self.settings, report.skipped), report)

    def extract(self, items: Iterable[Document | InputError], report: Report) -> Iterator[Document]:
        """Run every step over ``items`` (documents, or the errors of those that could not be read),
        numbered as in the module's docstring."""
        fresh = self._cleaned(items, report)                                        # 1
        cut = pieces.cut(fresh, self.piece_chars)                                   # 2
        done: list[tuple[pieces.Piece, Document]] = []
        failed = None
        for piece in nlp.parse(cut, self.model, self.settings.batch_size):          # 3
            if piece.whole is failed:
                continue
            doc, problem = self._extracted(piece, done)                             # 4
            if problem:
                report.failures.append(InputError(piece.whole.origin or piece.whole.doc_id, problem))
                done, failed = [], piece.whole
            elif doc is not None:
                done = []
                report.extracted += 1
                yield doc

    def _extracted(self, piece: pieces.Piece, done: list) -> tuple[Document | None, str | None]:
        """The extraction of one parsed piece: the document when it was its last piece, or what
        went wrong (the whole document fails with one of its pieces). A document in pieces is
        resolved once joined: ``resolve`` weighs the states the whole text names."""
        if piece.parsed is None:
            return None, "the language model failed to parse it; please report it"
        try:
            if piece.alone:
                return self.extract_one(piece.document()), None
            done.append((piece, self.extract_piece(piece.document())))
            return (self.run_stages(pieces.join(piece.whole, done), WHOLE_STAGES) if piece.last else None), None
        except VeilleError as exc:
            return None, str(exc)
        except Exception as exc:      # a bug must not cost the rest of the batch
            return None, f"internal error ({type(exc).__name__}: {exc}); please report it"

    def extract_one(self, doc: Document) -> Document:
        """The extraction stages over one parsed document, in order."""
        return self.run_stages(self.extract_piece(doc), WHOLE_STAGES)

    def extract_piece(self, doc: Document) -> Document:
        """The extraction stages but the last (``resolve``) over a parsed document or piece of one;
        the parse and the per-sentence attribution are let go once they are read."""
        doc = self.run_stages(doc, PIECE_STAGES)
        doc.parsed, doc.sentences = None, []
        return doc

    def run_stages(self, doc: Document, stages) -> Document:
        run = Run(self.knowledge, self.settings)
        for stage in stages:
            doc = stage(doc, run)
        return doc

    def _cleaned(self, items: Iterable[Document | InputError], report: Report) -> Iterator[Document]:
        seen: dict[str, str] = {}
        for item in items:
            report.read += 1
            if isinstance(item, InputError):
                report.failures.append(item)
                continue
            doc = prepare(item)          # a document prepared already is not cleaned again
            if not doc.text.strip():
                report.failures.append(InputError(doc.origin or doc.doc_id, "no text left after cleaning"))
                continue
            print_key = doc.fingerprint
            if print_key in seen:
                report.duplicates.append(f"{doc.origin or doc.doc_id}: duplicate of {seen[print_key]}")
                continue
            seen[print_key] = doc.origin or doc.doc_id
            yield doc
