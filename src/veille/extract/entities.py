"""The entities stage: mentions recognised, grouped, named and typed per ONTOLOGY.md.

Needs ``doc.parsed`` (the nlp stage); adds ``doc.entities``.
"""

from collections import Counter

from .coref import Cluster, cluster
from ..model import Document, Entity, Mention
from ..knowledge import Knowledge
from .recognise import Candidate, recognise, states_inside
from .resolve import identity
from ..text import is_acronym, key


def entities(doc: Document, res: Knowledge) -> Document:
    """Fill ``doc.entities`` from ``doc.parsed``; compute first, then set."""
    parsed = doc.parsed
    tokens = list(parsed)                # read once: spaCy builds a token at each access
    words, starts = [t.text for t in tokens], [bool(t.is_sent_start) for t in tokens]
    sent_of, sentence = [], -1
    for i, start in enumerate(starts):
        sentence += start or i == 0
        sent_of.append(sentence)
    cands = recognise(words, [(e.start, e.end, e.label_) for e in parsed.ents], [t.pos_ for t in tokens], starts,
                      res, _metadata_tokens(doc))
    cands = sorted(cands + states_inside(cands, words, res), key=lambda c: (c.start, -c.end))   # nested states
    found = [_entity(n, cl, parsed, doc.text) for n, cl in enumerate(cluster(cands, words, sent_of, res), 1)]
    doc.entities = found
    return doc


def mentions(parsed, res: Knowledge, excluded: frozenset[int] = frozenset()) -> list[Candidate]:
    """veille's recogniser over a spaCy Doc: the model's entities reconciled with the domain
    layer, as token spans typed PER, ORG, LOC or MISC (MISC is not an entity of the ontology and
    is dropped from extraction, but kept here for comparisons with NER benchmarks)."""
    return recognise([t.text for t in parsed], [(e.start, e.end, e.label_) for e in parsed.ents],
                     [t.pos_ for t in parsed], [bool(t.is_sent_start) for t in parsed], res, excluded)


def _metadata_tokens(doc: Document) -> frozenset[int]:
    """Tokens inside an occurrence of the outlet's name in the body ('confie à Maghreb-intelligence')."""
    if not doc.source:
        return frozenset()
    spans, at = [], doc.text.find(doc.source)
    while at >= 0:
        spans.append((at, at + len(doc.source)))
        at = doc.text.find(doc.source, at + 1)
    return frozenset(t.i for t in doc.parsed for s, e in spans if s <= t.idx < e)


def _mention(c: Candidate, parsed, text: str) -> Mention:
    start = parsed[c.start].idx
    last = parsed[c.end - 1]
    end = last.idx + len(last.text)
    return Mention(start, end, text[start:end])


def _entity(n: int, cl: Cluster, parsed, text: str) -> Entity:
    mentions = sorted((_mention(c, parsed, text) for c in cl.members), key=lambda m: m.start)
    name = _best_name(cl, [(_mention(c, parsed, text).text, c) for c in cl.members])
    aliases = list(dict.fromkeys(m.text for m in mentions if m.text != name))
    descriptive = all(c.origin == "descriptive" for c in cl.members)
    return Entity(id=f"e{n}", name=name, type=cl.type, kind=cl.kind, country=cl.country,
                  aliases=aliases, mentions=mentions,
                  identity=identity(cl.type, name, cl.kind, cl.country, cl.entry.id if cl.entry else None,
                                    cl.function, descriptive),
                  function=cl.function, stated_country=cl.stated_country)


def _best_name(cl: Cluster, forms: list[tuple[str, Candidate]]) -> str:
    """The fullest, best-spelled form: the organisation's own name over its acronym over a
    description; a person's longest name in its most frequent spelling (the first given, when
    two are as frequent); a place's usual name."""
    counts = Counter(text for text, _ in forms)
    official = {key(n) for n in (cl.entry.names + cl.entry.acronyms)} if cl.entry else set()
    if cl.type == "ORG":
        def rank(item):
            text, c = item
            return (c.origin != "descriptive", key(text) in official, not is_acronym(text), len(text), counts[text])
    elif cl.type == "PER":
        first = {}
        for n, (text, _) in enumerate(forms):
            first.setdefault(text, n)

        def rank(item):      # between spellings as frequent, the one the text gives first
            text, _ = item
            return (len(text.split()), counts[text], -first[text])
    else:
        def rank(item):
            text, _ = item
            return (counts[text], len(text))
    return max(forms, key=rank)[0]
