"""Long documents in bounded pieces, so that extraction costs time in proportion to length.

Several steps of the extraction stages compare each mention, sentence or acronym with every
other of the document; on a news article that costs nothing, on a 1 MB report it is hours, and
spaCy refuses texts over a million characters. A document longer than ``PIECE_CHARS`` is cut
into pieces, each run through the nlp and extraction stages on its own, and the pieces' findings
are joined into one document record (ONTOLOGY.md) with offsets into the whole text.

1. cut (:func:`cut`): at a paragraph start (a blank line), else at a line start after final
   punctuation, else at a sentence start (the rule of ``nlp.mark_sentence_bounds``), and only
   where no such boundary exists in a whole piece, at a space: never inside a sentence that has
   an end. A document at most ``PIECE_CHARS`` long is one piece, the document itself, and goes
   through the stages exactly as before;
2. context: each piece after the first is read with the paragraph before it (at most
   ``CONTEXT_CHARS``): the attribution stage's lead rule ("a first paragraph without a source
   takes the body's") then falls on that context, not on the piece's own first paragraph, and
   the recogniser sees the words before the cut. What is found in the context belongs to the
   piece before and is dropped (mentions, relations and events whose sentence starts there);
3. join (:func:`join`): offsets moved into the whole text; the entities of the pieces merged
   (same identity — gazetteer entry, descriptive name of one state's service, or normalised
   name —, or a name or alias in common, unless their entries or states differ; a lone surname
   or first name joins the one person of the document who bears it); relations once per type
   and pair, the first told; one event told in two pieces is one event, as within a piece. The
   last stage, ``resolve``, runs on the joined document: it weighs the states the whole text names.

Lost at a cut, compared with a whole reading: coreference that needs the other piece (an
acronym whose expansion only the other piece gives is joined only when the two share a name, a
misspelt surname is not joined — ``resolution.py`` still compares them across documents —, a
descriptive name is not tied to the one service of its function named in the other piece); in
a paragraph longer than a piece, a cue further back than the context does not cover the
sentences past the cut. Dates are read sentence by sentence against ``published``, the lead
is the first piece's, and no paragraph shorter than a piece is ever cut: those lose nothing.
"""

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence

from .coref import _Groups
from ..model import Document, Entity, Event, Relation, TextSpan
from .nlp import ABBREVIATIONS
from ..ontology import RELATION_TYPES
from ..text import is_acronym, key

#: Characters of one piece: a long article is one piece. Below spaCy's ``max_length`` and small
#: enough that the stages' costs that grow faster than length stay small (measured with
#: ``benchmarks/length.py``).
PIECE_CHARS = 10_000
#: Characters of context read before a piece (the paragraph before the cut, or its end).
CONTEXT_CHARS = 1_500

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*(?=\S)")
_LINE = re.compile(r"(\S?)[ \t]*\n\s*(?=(\S))")
_SENTENCE = re.compile(r"(\S+)[.!?][ \t]+(?=(\S))")
_SPACE = re.compile(r"\s+(?=\S)")
#: what ends a line that ends a paragraph (``attribution.paragraph_spans``: else a hard wrap,
#: when the next line starts in lower case)
_FINAL = frozenset(".!?…»”\"):;")


@dataclass
class Piece:
    """Characters ``start:end`` of ``whole.text``, read with the context ``context:start``
    before them. ``text`` and ``parsed`` are what the nlp stage reads and sets."""

    whole: Document
    context: int
    start: int
    end: int
    last: bool
    text: str
    parsed: Any = field(default=None, repr=False)

    @property
    def alone(self) -> bool:
        """The piece is the whole document."""
        return self.start == 0 and self.end == len(self.whole.text)

    def document(self) -> Document:
        """The piece as a document for the extraction stages: the whole document itself when it
        is one piece, else a document of the piece's text with the whole one's metadata."""
        if self.alone:
            self.whole.parsed = self.parsed
            return self.whole
        w = self.whole
        return Document(doc_id=w.doc_id, text=self.text, origin=w.origin, title=w.title, published=w.published,
                        source=w.source, authors=list(w.authors), url=w.url, language=w.language,
                        parsed=self.parsed)


# ---------------------------------------------------------------- 1, 2. cutting

def cut(docs: Iterable[Document], size: int = PIECE_CHARS, context: int = CONTEXT_CHARS) -> Iterator[Piece]:
    """The pieces of each document, in order; the last piece of a document says so."""
    for doc in docs:
        bounds = cut_points(doc.text, size)
        for n, (start, end) in enumerate(zip(bounds, bounds[1:])):
            before = context_start(doc.text, start, context) if n else 0
            yield Piece(doc, before, start, end, end == len(doc.text), doc.text[before:end])


def cut_points(text: str, size: int) -> list[int]:
    """Offsets ``0 = b0 < b1 < … < bn = len(text)``; pieces ``bi:bi+1`` are at most ``size``
    long, and about equal (a 12,000-character text in two of 6,000, not 10,000 and 2,000)."""
    bounds, boundaries = [0], _Boundaries(text)
    while len(text) - bounds[-1] > size:
        start = bounds[-1]
        left = len(text) - start
        target = start + left // -(-left // size)
        bounds.append(boundaries.best(start + max(1, (target - start) // 2), target, start + size))
    bounds.append(len(text))
    return bounds


def context_start(text: str, start: int, context: int) -> int:
    """Where the context of a piece starting at ``start`` begins: the start of the paragraph
    before it when that paragraph is at most ``context`` long, else its earliest sentence (or,
    failing one, word) within ``context``."""
    boundaries = _Boundaries(text[max(0, start - context - 1):start], max(0, start - context - 1))
    lines = [b for b in boundaries.classes[0] + boundaries.classes[1] if b >= start - context]
    if lines:
        return max(lines)
    for found in boundaries.classes[2:]:
        inside = [b for b in found if b >= start - context]
        if inside:
            return min(inside)
    return start


class _Boundaries:
    """The places a text may be cut, best first: paragraph starts, line starts after final
    punctuation, sentence starts, word starts; each list sorted."""

    def __init__(self, text: str, offset: int = 0):
        self.classes = [[m.end() + offset for m in _PARAGRAPH.finditer(text)],
                        [m.end() + offset for m in _LINE.finditer(text) if _ends_line(m)],
                        [m.end() + offset for m in _SENTENCE.finditer(text) if _ends_sentence(m)],
                        [m.end() + offset for m in _SPACE.finditer(text)]]

    def best(self, low: int, target: int, high: int) -> int:
        """The boundary of the best class in ``low..high``, nearest ``target``; ``high`` when
        there is none (a text without a space)."""
        for found in self.classes:
            inside = found[bisect.bisect_left(found, low):bisect.bisect_right(found, high)]
            if inside:
                return min(inside, key=lambda b: abs(b - target))
        return high


def _ends_line(m: re.Match) -> bool:
    """A line break between paragraphs: after final punctuation, or before a capital."""
    return m.group(1) in _FINAL or m.group(2).isupper()


def _ends_sentence(m: re.Match) -> bool:
    """A sentence start by the rule of ``nlp.mark_sentence_bounds``: a capital after a full
    stop, a question or an exclamation mark that follows a word of two letters or more, not an
    abbreviation ('M. Ouali', 'Dr', 'etc.') nor a bracket ('(2019). Le')."""
    word = re.search(r"\w+$", m.group(1))
    return m.group(2).isupper() and word is not None and len(word.group()) > 1 \
        and word.group() not in ABBREVIATIONS


# ---------------------------------------------------------------- 3. joining

def join(whole: Document, parts: Sequence[tuple[Piece, Document]]) -> Document:
    """One document from the extracted pieces of ``whole`` (see the module's docstring), before
    ``resolve``, the last stage, which the pipeline runs on the joined document."""
    if len(parts) == 1 and parts[0][0].alone:
        return parts[0][1]
    own = [_own(piece, doc) for piece, doc in parts]
    groups = _merge_entities([e for entities, _, _ in own for e in entities])
    whole.entities, ids = _entities(groups)
    whole.relations = _relations([r for _, relations, _ in own for r in relations], ids)
    whole.events = _events([v for _, _, events in own for v in events], ids)
    whole.parsed, whole.sentences = None, []
    return whole


@dataclass
class _Found:
    """An entity of one piece, offsets in the whole text; ``ref`` is unique across pieces."""

    ref: str
    entity: Entity


def _own(piece: Piece, doc: Document) -> tuple[list[_Found], list[Relation], list[Event]]:
    """What a piece found in its own characters, offsets moved into the whole text and entity
    ids made unique across pieces. An entity named only in the context is kept when something
    found in the piece's own text refers to it."""
    own, shift, tag = piece.start - piece.context, piece.context, f"p{piece.start}:"
    relations = [r for r in doc.relations if r.evidence.start >= own]
    events = [v for v in doc.events if v.evidence.start >= own]
    cited = {x for r in relations for x in (r.subject, r.object)} | \
        {x for v in events for x in (*v.participants, v.place) if x}
    found = []
    for e in doc.entities:
        mentions = [m for m in e.mentions if m.start >= own] or (e.mentions if e.id in cited else [])
        if mentions:
            e.mentions = [_moved(m, shift) for m in mentions]
            found.append(_Found(tag + e.id, e))
    for r in relations:
        r.subject, r.object, r.evidence = tag + r.subject, tag + r.object, _moved(r.evidence, shift)
    for v in events:
        v.participants = [tag + p for p in v.participants]
        v.place = tag + v.place if v.place else None
        v.evidence = _moved(v.evidence, shift)
    return found, relations, events


def _moved(span: TextSpan, shift: int) -> TextSpan:
    return TextSpan(span.start + shift, span.end + shift, span.text)


class _Group:
    """Entities of several pieces taken for one: what must agree for another to join them."""

    def __init__(self, found: _Found):
        e = found.entity
        self.members = [found]
        self.type = e.type
        self.keys = {key(n) for n in (e.name, *e.aliases)}
        self.entries = {e.identity} if e.identity and e.identity.startswith("entry:") else set()
        self.countries = {e.country} if e.country else set()
        self.full_names = {k for k in self.keys if len(k.split()) > 1} if e.type == "PER" else set()

    def agrees(self, other: "_Group") -> bool:
        """Same type, and no two different gazetteer entries, states or full names of a person."""
        def apart(a: set, b: set) -> bool:
            return bool(a and b and not a & b)
        return self.type == other.type and not apart(self.entries, other.entries) \
            and not apart(self.countries, other.countries) and not apart(self.full_names, other.full_names)

    def absorb(self, other: "_Group") -> None:
        self.members += other.members
        self.keys |= other.keys
        self.entries |= other.entries
        self.countries |= other.countries
        self.full_names |= other.full_names


class _Merger(_Groups):
    """Union-find over the pieces' entities (coref's), a :class:`_Group` at each root, joined
    only where the two groups agree."""

    def __init__(self, found: list[_Found]):
        super().__init__(len(found))
        self.groups = [_Group(f) for f in found]

    def join(self, i: int, j: int) -> None:
        a, b = sorted((self.find(i), self.find(j)))
        if a != b and self.groups[a].agrees(self.groups[b]):
            self.groups[a].absorb(self.groups[b])
            self.parent[b] = a

    def roots(self) -> list[_Group]:
        return [self.groups[i] for i in range(len(self.parent)) if self.parent[i] == i]


def _merge_entities(found: list[_Found]) -> list[_Group]:
    """Groups of the pieces' entities that are one entity of the document, in piece order.

    1. same identity key, or a name or alias in common (for a person, a name of two words or more);
    2. a person known by one word only ('Djebbar') joins the one person of the document whose
       name begins or ends with it, when there is exactly one."""
    merger, first = _Merger(found), {}
    for i, f in enumerate(found):                                                   # 1
        for k in _join_keys(f.entity):
            if k in first:
                merger.join(first[k], i)
            else:
                first[k] = i
    bearers: dict[str, set[int]] = {}
    for i in range(len(found)):
        if merger.find(i) == i:
            for name in merger.groups[i].full_names:
                for word in {name.split()[0], name.split()[-1]}:
                    bearers.setdefault(word, set()).add(i)
    for i in range(len(found)):                                                     # 2
        group = merger.groups[i]
        if merger.find(i) == i and group.type == "PER" and not group.full_names:
            roots = {merger.find(j) for k in group.keys for j in bearers.get(k, ())}
            if len(roots) == 1:
                merger.join(roots.pop(), i)
    return merger.roots()


def _join_keys(e: Entity) -> list[tuple]:
    keys = [("identity", e.type, e.identity)] if e.identity else []
    names = {key(n) for n in (e.name, *e.aliases)}
    if e.type == "PER":
        names = {n for n in names if len(n.split()) > 1}
    return keys + [("name", e.type, n) for n in sorted(names)]


def _entities(groups: list[_Group]) -> tuple[list[Entity], dict[str, str]]:
    """One entity per group, numbered in order of first mention; the new id of each piece's."""
    merged = sorted((_entity(g) for g in groups), key=lambda pair: pair[0].mentions[0].start)
    ids = {}
    for n, (entity, group) in enumerate(merged, 1):
        entity.id = f"e{n}"
        ids.update({f.ref: entity.id for f in group.members})
    return [entity for entity, _ in merged], ids


def _entity(group: _Group) -> tuple[Entity, _Group]:
    """The group's entity: every mention once, the best of its pieces' names, the others aliases."""
    parts = [f.entity for f in group.members]
    mentions = sorted({(m.start, m.end): m for e in parts for m in e.mentions}.values(), key=lambda m: m.start)
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m.text] = counts.get(m.text, 0) + 1
    name = max(parts, key=lambda e: _name_rank(e, counts)).name
    first = parts[0]
    identity = next((e.identity for e in parts if e.identity and e.identity.startswith("entry:")), None) \
        or (first.identity if all(e.identity and e.identity.startswith("desc:") for e in parts) else None) \
        or f"name:{group.type}:{key(name)}"
    entity = Entity(id="", name=name, type=group.type,
                    kind=next((e.kind for e in parts if e.kind), None),
                    country=next((e.country for e in parts if e.country), None),
                    aliases=list(dict.fromkeys(m.text for m in mentions if m.text != name)),
                    mentions=mentions, identity=identity,
                    function=next((e.function for e in parts if e.function), None),
                    stated_country=next((e.stated_country for e in parts if e.stated_country), None))
    return entity, group


def _name_rank(e: Entity, counts: dict[str, int]) -> tuple:
    """Among the names the pieces chose (each the best of its piece, see ``entities._best_name``):
    a person's fullest; an organisation's own name (a gazetteer entry's) over a description and
    spelt out over its acronym; then the most used."""
    if e.type == "PER":
        return (len(e.name.split()), counts.get(e.name, 0), len(e.name))
    if e.type == "ORG":
        identity = e.identity or ""
        return (not identity.startswith("desc:"), identity.startswith("entry:"), not is_acronym(e.name),
                len(e.name), counts.get(e.name, 0))
    return (counts.get(e.name, 0), len(e.name))


def _relations(found: list[Relation], ids: dict[str, str]) -> list[Relation]:
    """The pieces' relations on the merged entities: one per type and pair, the first told, as
    within a piece; none between an entity and itself."""
    out, seen = [], set()
    for r in found:
        r.subject, r.object = ids[r.subject], ids[r.object]
        pair = tuple(sorted((r.subject, r.object))) if RELATION_TYPES[r.type].symmetric else (r.subject, r.object)
        if r.subject == r.object or (r.type, pair) in seen:
            continue
        seen.add((r.type, pair))
        out.append(r)
    return out


def _events(found: list[Event], ids: dict[str, str]) -> list[Event]:
    """The pieces' events on the merged entities; one told in two pieces (same type and parties,
    no different day or place) is one event, the first telling completed by the other, as
    within a piece."""
    kept: list[Event] = []
    told: dict[tuple, list[Event]] = {}
    for v in found:
        v.participants = list(dict.fromkeys(ids[p] for p in v.participants))
        v.place = ids[v.place] if v.place else None
        parties = told.setdefault((v.type, frozenset(v.participants)), [])
        same = next((k for k in parties if _compatible(k, v)), None)
        if same is None:
            parties.append(v)
            kept.append(v)
            continue
        same.place = same.place or v.place
        if same.date is None and v.date:
            same.date, same.date_text = v.date, v.date_text
    for n, v in enumerate(kept, 1):
        v.id = f"v{n}"
    return kept


def _compatible(a: Event, b: Event) -> bool:
    """Not two days ('hier jeudi' and 'ce vendredi' are two even without a year) nor two places."""
    day_a, day_b = a.date or key(a.date_text or ""), b.date or key(b.date_text or "")
    if day_a and day_b and day_a != day_b:
        return False
    return not (a.place and b.place and a.place != b.place)
