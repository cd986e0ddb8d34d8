"""Preparation: a document read by ``ingest``, cleaned and fingerprinted, once.

Every path into the pipeline (``veille extract``, ``veille ingest``, an upload, a distributed
ingest) needs the cleaned body twice: to know whether the store holds the document already (its
fingerprint is the store id) and to extract it. Cleaning is not idempotent (a cleaned body's first
line may read as a title or a dateline again), so a document must be cleaned exactly once:
:func:`prepare` does it and returns a :class:`Prepared` document, which carries its fingerprint
and which :func:`prepare` (and so the pipeline) hands back unchanged.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields

from . import clean
from ..errors import InputError
from ..model import Document


@dataclass
class Prepared(Document):
    """A cleaned document and the fingerprint of its body (``clean.fingerprint``)."""

    fingerprint: str = ""


def prepare(doc: Document) -> Prepared:
    """``doc`` cleaned (a copy: ``doc`` is left as it is) with its fingerprint; a document
    prepared already is returned as it is."""
    if isinstance(doc, Prepared):
        return doc
    copy = Document(**{f.name: getattr(doc, f.name) for f in fields(Document)})
    copy.authors = list(doc.authors)
    cleaned = clean.clean(copy)
    values = {f.name: getattr(cleaned, f.name) for f in fields(Document)}
    return Prepared(**values, fingerprint=clean.fingerprint(cleaned.text))


def prepare_all(items: Iterable[Document | InputError]) -> Iterator[Prepared | InputError]:
    """Each document of ``items`` prepared; the errors of those that could not be read pass."""
    for item in items:
        yield item if isinstance(item, InputError) else prepare(item)
