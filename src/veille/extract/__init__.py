"""The extraction stages, in the order they run, each with what it needs and what it adds.

Before them, ``veille.prepare`` reads, cleans and fingerprints a document once, ``pieces.py``
cuts a long one into pieces and ``nlp.py`` parses them with spaCy (``doc.parsed``). Then:

=============  ==================  ===========================  =============================
stage          file                needs                        adds
=============  ==================  ===========================  =============================
entities       ``entities.py``     parsed                       entities
attribution    ``attribution.py``  parsed, entities             sentences (who says so)
relations      ``relations.py``    parsed, entities, sentences  relations
events         ``events.py``       parsed, entities, sentences  events
resolve        ``resolve.py``      entities                     entity identities and names
=============  ==================  ===========================  =============================

Their helpers: ``recognise.py``, ``constructions.py``, ``known_names.py``, ``acronyms.py`` and
``coref.py`` (entities); ``view.py`` (one reading of the parse), ``frames.py`` (the frame
lexicon's triggers), ``arguments.py`` (the one argument finder) and ``learned.py`` (relations
and events); ``dates.py`` (events); ``resolution.py`` (the same entity across documents).

Every stage is a function ``(doc, run) -> doc``: ``run`` carries the French knowledge
(``veille.knowledge``), the settings and what the stages of one document share (the view of its
parse). :data:`STAGES` is the pipeline; :func:`check_order` proves at import that each stage
finds what it needs, as spaCy's ``requires``/``assigns`` do for components.
"""

from dataclasses import dataclass, field, fields
from typing import Callable

from ..errors import InvalidModel
from ..knowledge import Knowledge
from ..model import Document
from ..settings import Settings
from . import attribution, entities, events, relations, resolve
from .view import DocView


@dataclass
class Run:
    """What the stages of one document share: the knowledge, the settings, the view of the parse."""

    knowledge: Knowledge
    settings: Settings
    _view: DocView | None = field(default=None, repr=False)

    def view(self, doc: Document) -> DocView:
        """One reading of ``doc``'s parse for all the stages that read it."""
        if self._view is None or self._view.doc is not doc:
            self._view = DocView(doc)
        return self._view


@dataclass(frozen=True)
class Stage:
    name: str
    #: the fields of :class:`veille.model.Document` it reads
    requires: tuple[str, ...]
    #: the fields it fills
    assigns: tuple[str, ...]
    run: Callable[[Document, Run], Document]

    def __call__(self, doc: Document, run: Run) -> Document:
        return self.run(doc, run)


def _entities(doc: Document, run: Run) -> Document:
    return entities.entities(doc, run.knowledge)


def _attribution(doc: Document, run: Run) -> Document:
    doc.sentences = attribution.attribute(doc.parsed, [(m.start, m.end, e.type, e.kind)
                                                       for e in doc.entities for m in e.mentions])
    return doc


def _relations(doc: Document, run: Run) -> Document:
    k = run.knowledge
    return relations.relations(doc, k.cues, run.view(doc), k.gazetteer.demonym, run.settings.relation_scorer)


def _events(doc: Document, run: Run) -> Document:
    return events.events(doc, run.knowledge.cues, run.view(doc))


def _resolve(doc: Document, run: Run) -> Document:
    return resolve.resolve(doc)


#: the fields a document has before the stages: prepared (veille.prepare) and parsed (nlp.py)
PREPARED = ("doc_id", "text", "origin", "title", "published", "source", "authors", "url", "language", "parsed")

STAGES: tuple[Stage, ...] = (
    Stage("entities", ("parsed",), ("entities",), _entities),
    Stage("attribution", ("parsed", "entities"), ("sentences",), _attribution),
    Stage("relations", ("parsed", "entities", "sentences"), ("relations",), _relations),
    Stage("events", ("parsed", "entities", "sentences"), ("events",), _events),
    Stage("resolve", ("entities",), ("entities",), _resolve),
)


def check_order(stages: tuple[Stage, ...] = STAGES) -> None:
    """Raise InvalidModel when a stage needs a field that no earlier stage (nor preparation) fills."""
    declared = {f.name for f in fields(Document)}
    known = set(PREPARED)
    for stage in stages:
        unknown = [f for f in (*stage.requires, *stage.assigns) if f not in declared]
        if unknown:
            raise InvalidModel(f"stage {stage.name} names {', '.join(unknown)}, which a Document has not")
        missing = [f for f in stage.requires if f not in known]
        if missing:
            raise InvalidModel(f"stage {stage.name} needs {', '.join(missing)}, which no earlier stage adds")
        known.update(stage.assigns)


check_order()
