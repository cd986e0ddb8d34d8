"""A parsed document seen through its entities: which token belongs to which entity mention.

The relation and event stages read the dependency parse and need, at every token, the entity
it names; :class:`DocView` computes that once per document.
"""

from dataclasses import dataclass

from ..model import Document, Entity, Evidence
from ..text import key


@dataclass(frozen=True)
class Span:
    """Tokens start:end name entity ``entity``."""

    start: int
    end: int
    entity: str


class DocView:
    def __init__(self, doc: Document):
        self.doc = doc
        self.parsed = doc.parsed
        self.entities: dict[str, Entity] = {e.id: e for e in doc.entities}
        tokens = list(self.parsed)           # one pass over the parse; spaCy builds tokens anew each time
        #: the parse's tokens, built once: iterate these, not the parse
        self.tokens = tokens
        n = len(tokens)
        self.span_at: list[Span | None] = [None] * n
        #: the token starting at each character offset
        self.token_at_char = starts = {t.idx: t.i for t in tokens}
        spans = []
        for e in doc.entities:
            for m in e.mentions:
                first = starts.get(m.start)
                if first is None:
                    continue
                last = first
                while last + 1 < n and tokens[last + 1].idx < m.end:
                    last += 1
                spans.append(Span(first, last + 1, e.id))
        # the longer first: a country named inside a descriptive name ('services … du Maroc') leaves
        # its tokens to that name
        for span in sorted(spans, key=lambda sp: sp.start - sp.end):
            if all(self.span_at[i] is None for i in range(span.start, span.end)):
                for i in range(span.start, span.end):
                    self.span_at[i] = span
        #: matching keys of each token's text and lemma ('entretiens' / 'entretien')
        self.keys = [key(t.text) for t in tokens]
        self.lemmas = [key(t.lemma_) for t in tokens]
        self.sents = list(self.parsed.sents)
        self.sent_of = [0] * n
        for s, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = s

    def entity_at(self, i: int) -> str | None:
        span = self.span_at[i] if 0 <= i < len(self.span_at) else None
        return span.entity if span else None

    def type_of(self, entity_id: str | None) -> str | None:
        return self.entities[entity_id].type if entity_id else None

    def entities_in(self, tokens) -> list[str]:
        """Entities named by any of ``tokens`` (token objects or indices), in text order, once each."""
        found = []
        for t in sorted(tokens, key=lambda t: t if isinstance(t, int) else t.i):
            eid = self.entity_at(t if isinstance(t, int) else t.i)
            if eid and eid not in found:
                found.append(eid)
        return found

    def evidence(self, sentence: int) -> Evidence:
        """The sentence as it stands in the text, trimmed of surrounding space."""
        sent = self.sents[sentence]
        text = self.doc.text
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Evidence(start, end, text[start:end])
