"""The attribution stage: who says so, sentence by sentence (ONTOLOGY.md, "Attribution").

Needs a spaCy ``Doc`` of the cleaned text with the full French pipeline (sentences, lemmas,
morphology, dependencies) and, when the entities stage has run, the entity mentions as
``(start_char, end_char, type, kind)``; gives one :class:`SentenceAttribution` per sentence. The
relation and event stages read the attribution of their evidence sentence, and call
:func:`is_hedged` and :func:`is_negated` on the clause of each item.

The French cues are data: ``data/attribution_fr.json``, compiled once by :func:`load_rules`.

How a sentence gets its attribution:

1. the text is cut into paragraphs: blank lines separate paragraphs, and so does a single line
   break (title lines and subheadings stand on their own line in the cleaned texts), except a
   hard wrap inside a sentence: a line without final punctuation followed by one that starts in
   lower case. Each spaCy sentence is clipped to its paragraph;
2. the cues of each sentence are found: fixed phrases ("a-t-on appris", "lit-on dans l'email"),
   a speaker introduced by "selon"/"d'après", the subject of a reporting verb ("confie une
   source", "le rapport indique"), and continuations that tie the sentence back to the report in
   progress ("la même source", "on y apprend", "a-t-il ajouté");
3. within a paragraph a cue covers its sentence and the following ones until another cue. A
   quotation « … » takes the cue that opens or closes it ("« … . … », confie une source": every
   quoted sentence); cues inside the quotation nest inside that one, so an anonymous source quoted
   in an e-mail is kind ``anonymous`` via ``["document"]``. A new paragraph starts with no source;
4. heuristic for headlines and leads: when the first paragraph has no cue, it takes the
   attribution of the first attributed sentence of the next two paragraphs (the body usually
   attributes what the headline announces).

``attribution.text`` holds the innermost cue's words verbatim; ``hedged`` and ``negated`` come
from the sentence's main verbs (conditional mood, negation, denial) and hedging words.
"""

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from .arguments import infinitive
from .constructions import NICKNAME_CUES
from ..errors import InvalidModel
from ..knowledge.read import load_json
from ..model import Attribution
from ..ontology import ATTRIBUTION_KINDS
from ..text import straighten

#: Dependencies through which the claim of a clause continues into another verb.
_CLAUSE_DEPS = frozenset({"conj", "ccomp", "xcomp", "parataxis"})
#: Dependencies whose subtree is a side remark, not the claim of the clause.
_SIDE_DEPS = frozenset({"acl:relcl"})
_MAX_NP_TOKENS = 15
_NP_STOPS = set(",;:()[]«»“”„\"")


# ---------------------------------------------------------------- data

@dataclass(frozen=True)
class Rules:
    """The compiled cues of ``data/attribution_fr.json``."""

    phrases: tuple[tuple[str, re.Pattern], ...]
    continuations: tuple[tuple[re.Pattern, str, frozenset[str]], ...]
    pronoun_continuation: tuple[str, frozenset[str]]
    not_sources: re.Pattern
    not_document: re.Pattern
    relay_order: tuple[str, ...]
    indef: frozenset[str]
    anaphoric: frozenset[str]
    anaphoric_adjectives: frozenset[str]
    source_nouns: frozenset[str]
    anonymous_speakers: frozenset[str]
    document_nouns: frozenset[str]
    media_nouns: frozenset[str]
    media_names: frozenset[str]
    official_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    framed_verbs: frozenset[str]
    speaker_prepositions: re.Pattern
    pronoun_speakers: frozenset[str]
    impersonal_speakers: frozenset[str]
    hedging: re.Pattern
    #: a sentence that opens on the news just told: its source is the one of the sentences before
    told_back: re.Pattern
    particles: frozenset[str]
    negative_words: frozenset[str]
    negative_alone: frozenset[str]
    negative_determiners: frozenset[str]
    privatives: frozenset[str]
    denial_verbs: frozenset[str]
    denial_forms: frozenset[str]
    rejecting_verbs: frozenset[str]       # deny what their object names: 'rejette les accusations de …'
    allegations: frozenset[str]
    quotes: tuple[tuple[str, str], ...]
    #: any opening or closing mark of ``quotes``
    quote_marks: re.Pattern




def _doc_text(doc) -> str:
    """``doc.text``, computed once per document: spaCy rebuilds it from every token at each read."""
    cached = doc.user_data.get("veille_text")
    if cached is None:
        cached = doc.user_data["veille_text"] = doc.text
    return cached


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Compile ``data/attribution_fr.json`` (once per process)."""
    raw = load_json("attribution_fr.json")
    fill = _placeholders(raw)
    phrases = tuple((kind, _compile(p, fill)) for kind, ps in raw["phrases"].items() for p in ps)
    continuations = tuple((_compile(c["pattern"], fill), c["fallback"], frozenset(c["continues"]))
                          for c in raw["continuations"])
    pronoun = raw["pronoun_speaker"]
    rules = Rules(
        phrases=phrases, continuations=continuations,
        pronoun_continuation=(pronoun["fallback"], frozenset(pronoun["continues"])),
        not_sources=_compile("|".join(raw["not_sources"]), fill),
        not_document=_compile("|".join(raw["not_document"]), fill),
        relay_order=tuple(raw["relay_order"]),
        indef=_words(raw["indef"]), anaphoric=_words(raw["anaphoric"]),
        anaphoric_adjectives=_words(raw["anaphoric_adjectives"]),
        source_nouns=_words(raw["source_nouns"]), anonymous_speakers=_words(raw["anonymous_speakers"]),
        document_nouns=_words(raw["document_nouns"]), media_nouns=_words(raw["media_nouns"]),
        media_names=_words(raw["media_names"]), official_nouns=_words(raw["official_nouns"]),
        reporting_verbs=_words(raw["reporting_verbs"]),
        framed_verbs=_words(raw["framed_reporting_verbs"]),
        speaker_prepositions=_compile(_alternation(raw["speaker_prepositions"]), fill),
        pronoun_speakers=_words(raw["pronoun_speakers"]), impersonal_speakers=_words(raw["impersonal_speakers"]),
        hedging=_compile("|".join(raw["hedging"]), fill),
        told_back=re.compile(raw["told_back"], re.IGNORECASE),
        particles=_words(raw["negation_particles"]), negative_words=_words(raw["negative_words"]),
        negative_alone=_words(raw["negative_words_alone"]),
        negative_determiners=_words(raw["negative_determiners"]), privatives=_words(raw["privatives"]),
        denial_verbs=_words(raw["denial_verbs"]), denial_forms=_words(raw["denial_forms"]),
        rejecting_verbs=_words(raw["rejecting_verbs"]), allegations=_words(raw["allegations"]),
        quotes=tuple((o, c) for o, c in raw["quotes"]),
        quote_marks=re.compile("[" + re.escape("".join(sorted({m for pair in raw["quotes"] for m in pair}))) + "]"),
    )
    _check(rules)
    return rules


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(straighten(w).lower() for w in items)


def _alternation(words: Iterable[str], plural: bool = False) -> str:
    """A regex alternation of ``words``, longest first, spaces flexible, plural s/x optional."""
    forms = sorted({straighten(w).lower() for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms)
    return f"(?:{body})" + ("[sx]?" if plural else "")


def _determiners(words: Iterable[str]) -> str:
    """An alternation of determiners with the space after them ("une ", "l'", "d'")."""
    words = [straighten(w) for w in words]
    elided = [w for w in words if w.endswith("'")]
    parts = [_alternation(w for w in words if w not in elided) + r"\s+"]
    if elided:
        parts.append(_alternation(elided) + r"\s*")
    return "(?:" + "|".join(parts) + ")"


def _placeholders(raw: dict) -> dict[str, str]:
    return {
        "det": _determiners(raw["det"]), "indef": _determiners(raw["indef"]),
        "anaphoric": _determiners(raw["anaphoric"]),
        "document_nouns": _alternation(raw["document_nouns"], plural=True),
        "media_nouns": _alternation(raw["media_nouns"], plural=True),
        "official_nouns": _alternation(raw["official_nouns"], plural=True),
        "source_nouns": _alternation(raw["source_nouns"], plural=True),
    }


def _compile(pattern: str, fill: dict[str, str]) -> re.Pattern:
    pattern = straighten(pattern).replace(" ", r"\s+")
    for name, alternation in fill.items():
        pattern = pattern.replace("{" + name + "}", alternation)
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", re.IGNORECASE)


def _check(rules: Rules) -> None:
    kinds = {k for k, _ in rules.phrases} | {f for _, f, _ in rules.continuations}
    kinds |= {k for _, _, ks in rules.continuations for k in ks} | set(rules.relay_order)
    unknown = kinds - set(ATTRIBUTION_KINDS)
    if unknown:
        raise InvalidModel(f"attribution_fr.json: unknown attribution kinds {sorted(unknown)}")


# ---------------------------------------------------------------- cues on strings (no model)

@dataclass(frozen=True)
class Cue:
    """Words that name the source of a sentence, at ``start:end`` of the text they were found in.

    A continuation (``continues`` not None) points back to the report in progress: it takes that
    report when the report's kinds meet ``continues`` (any kind when empty), else it is a cue of
    its own ``kind``.
    """

    start: int
    end: int
    kind: str
    continues: frozenset[str] | None = None
    #: a pronoun speaker ("a-t-il ajouté"): inside a quotation it names the people quoted
    #: about, not a source, unless a source was given before it in the quotation
    pronoun: bool = False

    @property
    def is_continuation(self) -> bool:
        return self.continues is not None


def phrase_cues(text: str) -> list[Cue]:
    """The cues of ``text`` that fixed phrases give, without a parse ("a-t-on appris",
    "selon nos sources", "lit-on dans l'email", "la même source"), merged and without the ones
    inside a longer cue. Offsets index into ``text``."""
    rules = load_rules()
    plain = straighten(text)
    found = [Cue(m.start(), m.end(), kind) for kind, rx in rules.phrases for m in rx.finditer(plain)]
    found += [Cue(m.start(), m.end(), fallback, continues)
              for rx, fallback, continues in rules.continuations for m in rx.finditer(plain)]
    return merge_cues([c for c in found if not _excluded(plain, c, rules)], plain)


def _excluded(plain: str, cue: Cue, rules: Rules) -> bool:
    """A source or document noun used in another sense ("source de revenus", "rapports de force")."""
    for rx in (rules.not_sources, rules.not_document):
        for m in rx.finditer(plain):
            if m.start() < cue.end and cue.start < m.end():
                return True
    return False


def merge_cues(cues: Sequence[Cue], text: str) -> list[Cue]:
    """Drop cues inside a longer one; join cues of one kind that touch ("a-t-on appris" + "de
    plusieurs sources bien informées"). Sorted by position."""
    kept = [c for c in cues if not any(_inside(c, o) and not _relayed(c, o) for o in cues if o is not c)]
    kept = sorted(set(kept), key=lambda c: (c.start, c.end))
    merged: list[Cue] = []
    for cue in kept:
        last = merged[-1] if merged else None
        if last and last.kind == cue.kind and last.continues == cue.continues and _touch(last, cue, text):
            merged[-1] = Cue(last.start, max(last.end, cue.end), last.kind, last.continues, last.pronoun and cue.pronoun)
        else:
            merged.append(cue)
    return merged


def _relayed(cue: Cue, relay: Cue) -> bool:
    """'rapporte l'agence Reuters citant des sources proches du dossier', 'un responsable cité par
    le Washington Post': a source named inside a relay's cue is the origin, the relay its via."""
    if cue.is_continuation or relay.is_continuation or (cue.start, cue.end) == (relay.start, relay.end) or \
            cue.kind == relay.kind:
        return False
    # and a relay inside a source's cue: 'un responsable cité par le Washington Post', 'un document
    # consulté par Le Monde'
    return relay.kind in ("media", "document") or cue.kind in ("media", "document")


def _inside(cue: Cue, other: Cue) -> bool:
    longer = (other.end - other.start) > (cue.end - cue.start)
    same = (other.start, other.end) == (cue.start, cue.end)
    return other.start <= cue.start and cue.end <= other.end and (
        longer or (same and other.is_continuation and not cue.is_continuation))


_GAP = re.compile(r"\s*(?:(?:de|d'|du|des|auprès\s+de|auprès\s+d'|à|par)\s*)?", re.IGNORECASE)


def _touch(a: Cue, b: Cue, text: str) -> bool:
    if b.start <= a.end:
        return True
    return bool(_GAP.fullmatch(straighten(text[a.end:b.start])))


def speaker_kind(noun: str, determiners: Sequence[str] = (), entity: tuple | None = None) -> Cue | None:
    """The kind of a speaker named by ``noun`` (head word, lemma or surface), its determiners
    and the entity mention it belongs to (``(type, kind)`` or ``(type, kind, text)``), as a
    :class:`Cue` at 0:0, or None when it names no source ("selon toute vraisemblance", "Les deux
    responsables ont insisté").

    Order: a source noun (anonymous, or a continuation with an anaphoric determiner); a named
    entity (an outlet: media, by its kind or, without one, by name; PER: named_person; other
    ORG: official; LOC used as an actor: official); a
    document, media or official noun; an unnamed person with an indefinite determiner
    (anonymous); a pronoun (continuation); the impersonal "on" (anonymous).
    """
    rules = load_rules()
    word, dets = _norm(noun), " ".join(_norm(d) for d in determiners)
    if _noun_in(word, rules.source_nouns):
        if dets in rules.anaphoric or set(dets.split()) & rules.anaphoric_adjectives:
            return Cue(0, 0, "anonymous", frozenset())
        return Cue(0, 0, "anonymous")
    kind = _entity_speaker(entity, word, rules) or _noun_speaker(word, dets, rules)
    if kind:
        return Cue(0, 0, kind)
    if entity is None and _unnamed_again(word, dets, rules):
        return Cue(0, 0, "anonymous", frozenset({"anonymous"}))
    if word in rules.pronoun_speakers:
        fallback, continues = rules.pronoun_continuation
        return Cue(0, 0, fallback, continues)
    if word in rules.impersonal_speakers:
        return Cue(0, 0, "anonymous")
    return None


def _entity_speaker(entity, word: str, rules: Rules) -> str | None:
    if entity is None:
        return "media" if word in rules.media_names else None
    etype, ekind, name = (tuple(entity) + (word,))[:3]
    if ekind == "media" or (ekind is None and rules.media_names & {word, _norm(name)}):
        return "media"
    if etype == "PER":
        return "named_person"
    if etype == "ORG":
        return "official"
    if etype in ("LOC", "GPE"):
        return "official"
    return None


def _noun_speaker(word: str, dets: str, rules: Rules) -> str | None:
    for kind, nouns in (("document", rules.document_nouns), ("media", rules.media_nouns),
                        ("official", rules.official_nouns)):
        if _noun_in(word, nouns):
            return kind
    indefinite = dets.split()[:1] and dets.split()[0] in rules.indef
    if indefinite and _noun_in(word, rules.anonymous_speakers):
        return "anonymous"
    return None


def _unnamed_again(word: str, dets: str, rules: Rules) -> bool:
    """'Un responsable américain a déclaré … « … », a expliqué le responsable américain': an
    unnamed speaker taken up again by a definite determiner continues the unnamed report in
    progress, and is an unnamed source where there is none."""
    first = dets.split()[:1]
    return bool(first) and first[0] in ("le", "la", "l'", "ce", "cet", "cette") and \
        _noun_in(word, rules.anonymous_speakers)          # not 'les deux responsables': people named before


def _norm(word: str) -> str:
    return straighten(word).lower().strip("-")


def _noun_in(word: str, nouns: frozenset[str]) -> bool:
    return word in nouns or (word[-1:] in ("s", "x") and word[:-1] in nouns)


# ---------------------------------------------------------------- paragraphs and quotations

_FINAL = re.compile(r"[.!?…:»”\"+)]\s*$")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of ``text``: blank lines separate them, and so does a
    single line break unless it is a hard wrap (no final punctuation before it, a lower-case
    letter after it). Spans exclude surrounding whitespace; empty paragraphs are skipped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n", text):
        before, after = text[start:m.start()], text[m.end():m.end() + 1]
        if not before.strip():
            start = m.end()
        elif not _hard_wrap(before, after):
            spans.append(_stripped(text, start, m.start()))
            start = m.end()
    if text[start:].strip():
        spans.append(_stripped(text, start, len(text)))
    return spans


def _hard_wrap(before: str, after: str) -> bool:
    """A line break inside a sentence: no final punctuation before it, lower case after it."""
    return not _FINAL.search(before) and after.islower()


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the outermost quotations of ``text[start:end]``, marks included; an opening mark
    left unclosed runs to ``end``."""
    end = len(text) if end is None else end
    rules = load_rules()
    spans, depth, opened, closer = [], 0, start, None
    for found in rules.quote_marks.finditer(text, start, end):      # other characters change nothing
        i, ch = found.start(), found[0]
        if depth and ch == closer:
            depth -= 1
            if not depth:
                spans.append((opened, i + 1))
        elif depth and ch == _opener_of(closer, rules) and ch != closer:
            depth += 1
        elif not depth:
            closer = next((c for o, c in rules.quotes if o == ch), None)
            if closer:
                depth, opened = 1, i
    if depth:
        spans.append((opened, end))
    return spans


def _opener_of(closer: str | None, rules: Rules) -> str | None:
    return next((o for o, c in rules.quotes if c == closer), None)


# ---------------------------------------------------------------- hedging and negation

def is_hedged(tokens) -> bool:
    """True when the clause ``tokens`` (a spaCy Span or tokens of one Doc) is marked uncertain:
    the conditional mood on a verb or auxiliary outside the relative clauses it contains
    ("aurait rencontré", "serait"; "permettraient" when the clause is that relative clause), or a
    hedging word ("présumé", "selon toute vraisemblance", "il semble que")."""
    tokens = list(tokens)
    if not tokens:
        return False
    ids = {t.i for t in tokens}
    if any(_conditional(t) and not _in_side_clause(t, ids) for t in tokens):
        return True
    return bool(load_rules().hedging.search(straighten(_text_of(tokens))))


def is_negated(tokens) -> bool:
    """True when the claim of the clause ``tokens`` is denied: "ne … pas/jamais/plus" on its main
    verb ("n'a jamais rencontré"), a negative determiner ("aucune rencontre n'a eu lieu"), "sans"
    on the verb ("sans rencontrer"), or a verb of denial over it ("a démenti avoir rencontré",
    "dément", "nie"). Negations inside relative clauses do not count."""
    tokens = list(tokens)
    if not tokens:
        return False
    rules = load_rules()
    if not tokens[0].doc.has_annotation("DEP"):
        return _negated_words([t.lower_ for t in tokens], rules)
    roots = _roots(tokens)
    if any(_verb_negated(v, rules) for v in _main_verbs(tokens, roots)):
        return True
    ids = {t.i for t in tokens}
    if any(_is_denial(t, rules) and not _in_side_clause(t, ids, _SIDE_DEPS | {"advcl"}) for t in tokens):
        return True
    return any(_denied_from_above(root, rules) for root in roots) or _denial_before(tokens[0], rules)


def _denial_before(trigger, rules: Rules) -> bool:
    """'La DGSE dément toute rencontre …' where the tagger lost the verb of denial: a denial form
    right before the trigger, with only determiners and adjectives between them."""
    j = trigger.i - 1
    while j >= 0 and j >= trigger.i - 3:
        word = trigger.doc[j]
        if _is_denial(word, rules):
            return True
        if word.pos_ not in ("DET", "ADJ") and word.lower_ not in ("tout", "toute", "tous", "toutes"):
            return False
        j -= 1
    return False


def _conditional(token) -> bool:
    """A verb in the conditional; not a word of a name that the tagger took for one ("M’henna")."""
    return (token.pos_ in ("VERB", "AUX") and "Cnd" in token.morph.get("Mood")
            and not token.dep_.startswith("flat"))


def _text_of(tokens) -> str:
    return "".join(t.text_with_ws for t in tokens)


def _roots(tokens) -> list:
    ids = {t.i for t in tokens}
    heads = _heads(tokens[0].doc) if tokens else []
    return [t for t in tokens if heads[t.i] == t.i or heads[t.i] not in ids]


def _heads(doc) -> list[int]:
    """The index of each token's head, read once per document (``token.head`` builds a token)."""
    cached = doc.user_data.get("veille_heads")
    if cached is None or len(cached) != len(doc):
        cached = doc.user_data["veille_heads"] = [t.head.i for t in doc]
    return cached


def _main_verbs(tokens, roots=None) -> list:
    """The roots of the clause and the verbs its claim continues into (conj, ccomp, xcomp,
    parataxis), inside the clause."""
    ids = {t.i for t in tokens}
    todo, seen = list(roots) if roots is not None else _roots(tokens), []
    while todo:
        t = todo.pop()
        if t in seen:
            continue
        seen.append(t)
        todo += [c for c in t.children if c.i in ids and c.dep_ in _CLAUSE_DEPS]
    return seen


def _with_auxiliaries(verbs) -> list:
    return [x for v in verbs for x in [v, *(c for c in v.children if c.dep_.split(":")[0] in ("aux", "cop"))]]


def _verb_negated(verb, rules: Rules) -> bool:
    near = _with_auxiliaries([verb])[1:] + list(verb.children)
    words = {c.lower_ for c in near}
    has_ne = bool(words & rules.particles)
    if words & rules.negative_alone or (has_ne and words & rules.negative_words):
        return True
    args = [c for c in verb.children if c.dep_.split(":")[0] in ("nsubj", "obj")]
    if has_ne and any(d.lower_ in rules.negative_determiners for a in args for d in a.children):
        return True
    if any(c.lower_ in rules.privatives and c.dep_ in ("mark", "case") for c in verb.children):
        return True
    return _is_denial(verb, rules)


def _is_denial(token, rules: Rules) -> bool:
    return token.lemma_.lower() in rules.denial_verbs or token.lower_ in rules.denial_forms


def _in_side_clause(token, ids: set[int], deps: frozenset[str] = _SIDE_DEPS) -> bool:
    """``token`` stands in a clause of kind ``deps`` that hangs inside the span ``ids``."""
    while token.head.i != token.i and token.head.i in ids:
        if token.dep_ in deps:
            return True
        token = token.head
    return False


def _denied_from_above(root, rules: Rules) -> bool:
    """A clause or a noun phrase that is the complement of a denial or of a negated modal ("a
    démenti [avoir rencontré X]", "n'a pas pu [rencontrer X]", "a démenti [toute rencontre entre
    X et Y]", "dément toute implication dans [l'attaque]", "rejette les accusations de
    [coopération]"), a few steps up the parse and never out of a relative clause."""
    for _ in range(4):
        if root.head.i == root.i or root.dep_ not in _DENIABLE:
            return False
        below, root = root, root.head
        if _is_denial(root, rules) or (below.dep_ in ("xcomp", "ccomp") and _verb_negated(root, rules)):
            return True
        if root.lemma_.lower() in rules.rejecting_verbs and below.dep_ == "obj" and \
                below.lemma_.lower() in rules.allegations:
            return True
    return False


#: how a denied claim hangs below its denial: a clause, an object, a noun's complement
_DENIABLE = frozenset({"xcomp", "ccomp", "obj", "nmod", "obl:arg", "obl"})


def _negated_words(words: list[str], rules: Rules) -> bool:
    """Negation read from words alone, for tokens without a parse."""
    plain = [straighten(w) for w in words]
    if set(plain) & (rules.negative_alone | rules.denial_forms | rules.negative_determiners):
        return True
    return bool(set(plain) & rules.particles and set(plain) & rules.negative_words)


# ---------------------------------------------------------------- the stage

@dataclass
class SentenceAttribution:
    """Who says so in one sentence (``start:end`` in ``doc.text``) of paragraph ``paragraph``."""

    start: int
    end: int
    paragraph: int
    attribution: Attribution
    quoted: bool
    negated: bool
    #: the sentence's own source cues, not continuations: (start, end, kind) in ``doc.text``
    cues: tuple[tuple[int, int, str], ...] = ()


#: A source chain, outermost first: (kind, cue text) links.
Chain = tuple[tuple[str, str], ...]


@dataclass
class _Sentence:
    start: int
    end: int
    paragraph: int
    span: object
    cues: list[Cue]
    quote: tuple[int, int] | None = None
    chain: Chain = ()


@dataclass
class _Quote:
    base: Chain
    inner: Chain = ()


@dataclass
class _State:
    """What the walk over the paragraphs carries: the last attributed chain, and the quotations
    under way with their outer source."""

    last: Chain = ()
    quotes: dict = field(default_factory=dict)


def attribute(doc, entities=None) -> list[SentenceAttribution]:
    """One :class:`SentenceAttribution` per sentence of ``doc`` (a parsed spaCy Doc).

    ``entities``: the entity mentions as ``(start_char, end_char, type, kind)``; without them
    the model's own entities are used (no ORG kind, so media are known by name and noun only).

    1. cut the text into paragraphs and clip the sentences to them; find each one's cues;
    2. walk each paragraph, giving each sentence its chain of sources (quotations nest); a
       sentence opened by the news just told ('L'information a été livrée par …') gives its
       source to the unsourced sentences before it;
    3. give a headline or lead without cue the body's first attribution;
    4. write the records, with hedging and negation from the sentence's main verbs.
    """
    rules = load_rules()
    at = _entity_index(doc, entities)
    paragraphs = paragraph_spans(_doc_text(doc))
    sentences = _sentences(doc, paragraphs, at)                                   # 1
    state = _State()
    for n, (start, end) in enumerate(paragraphs):                                 # 2
        quotes = [q for q in quote_spans(_doc_text(doc), start, end) if _is_speech(_doc_text(doc), q)]
        _walk_paragraph([s for s in sentences if s.paragraph == n], quotes, state, rules, _doc_text(doc))
    _told_back(sentences, rules, _doc_text(doc))
    _lead_takes_body(sentences)                                                   # 3
    return [_record(s) for s in sentences]                                        # 4


def sentence_at(sentences: Sequence[SentenceAttribution], char: int) -> SentenceAttribution | None:
    """The sentence of ``attribute``'s result that holds the character offset ``char`` (a
    trigger token's ``idx``, an evidence start), or the last one that starts before it.

    The result is not one record per ``doc.sents``: sentences are clipped to paragraphs and the
    pieces the parser cut inside a sentence are joined, so look sentences up by offset."""
    starts = [s.start for s in sentences]
    i = bisect.bisect_right(starts, char) - 1
    return sentences[i] if i >= 0 else None


def _sentences(doc, paragraphs, at) -> list[_Sentence]:
    """The sentences of ``doc`` clipped to the paragraphs, with their cues."""
    pieces = []
    for sent in doc.sents:
        for n, (p_start, p_end) in enumerate(paragraphs):
            start, end = _stripped(_doc_text(doc), max(sent.start_char, p_start), min(sent.end_char, p_end))
            if start < end:
                pieces.append((start, end, n))
    out = []
    for start, end, n in _glue_fragments(pieces, _doc_text(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        out.append(_Sentence(start, end, n, span, sentence_cues(span, at)))
    return out


def _glue_fragments(pieces: list[tuple[int, int, int]], text: str) -> list[tuple[int, int, int]]:
    """Join the pieces the parser cut inside a sentence: a piece that does not end a sentence
    (no final punctuation: "le général" | "-major M’henna Djebbar séjourne …") or that the next
    piece continues (", indique enfin le rapport", a lone "«") is joined to the next piece of its
    paragraph."""
    out: list[tuple[int, int, int]] = []
    for start, end, n in pieces:
        if out and out[-1][2] == n and not _ends_sentence(text, out[-1], start):
            start = out.pop()[0]
        out.append((start, end, n))
    return out


_SENTENCE_END = re.compile(r"[.!?…]+[\s»”\")\]]*$")
_CONTINUED = re.compile(r"^[\s,;:)\]»”\-–]|^[a-zà-ÿ]")


def _ends_sentence(text: str, piece: tuple[int, int, int], next_start: int) -> bool:
    if not _letters(text, piece[0], piece[1]):
        return False
    ended = _SENTENCE_END.search(text[piece[0]:piece[1]])
    return bool(ended) and not _CONTINUED.search(text[next_start:next_start + 1])


def _is_speech(text: str, quote: tuple[int, int]) -> bool:
    """A quotation that reports words, not a title or a scare-quoted term: four words or more."""
    return len(re.findall(r"\w+", text[quote[0]:quote[1]])) >= 4


# ---------------------------------------------------------------- 1. cues of a sentence

def sentence_cues(span, at: dict | None = None) -> list[Cue]:
    """The cues of a sentence (spaCy Span), in ``doc.text`` offsets: fixed phrases, speakers of
    "selon"/"d'après", subjects of reporting verbs; each widened to the end of its noun phrase."""
    at = at if at is not None else {}
    text, base = _doc_text(span.doc), span.start_char
    words = text[span.start_char:span.end_char]           # span.text, without rebuilding it from tokens
    tokens = list(span)                                   # built once for every pass below
    cues = [Cue(c.start + base, c.end + base, c.kind, c.continues, c.pronoun) for c in phrase_cues(words)]
    cues += _preposition_cues(span, tokens, words, at) + _verb_cues(tokens, at)
    cues = [_widen(c, span, tokens) for c in cues]
    return merge_cues(cues, text)


def _preposition_cues(span, tokens, words: str, at) -> list[Cue]:
    rules = load_rules()
    plain = straighten(words)
    out = []
    for m in rules.speaker_prepositions.finditer(plain):
        head = _head_after(tokens, span.start_char + m.end())
        cue = head is not None and _speaker(head, at)
        if cue:
            out.append(Cue(span.start_char + m.start(), _np_end(head), cue.kind, cue.continues))
    return out


def _head_after(tokens, char: int):
    """The noun (or pronoun) a preposition introduces: the first one after ``char``, before any
    punctuation."""
    for t in tokens:
        if t.idx >= char and t.pos_ in ("NOUN", "PROPN", "PRON", "X"):
            return t
        if t.idx >= char and t.is_punct:
            return None
    return None


def _verb_cues(tokens, at) -> list[Cue]:
    rules = load_rules()
    out = []
    for verb in tokens:
        if not _reports(verb, rules):
            continue
        for speaker in _speakers(verb):
            cue = _speaker(speaker, at)
            if cue and _speaks(speaker):
                left = min([verb.idx, _np_start(speaker)] + [a.idx for a in _with_auxiliaries([verb])])
                end = verb.idx + len(verb.text)
                if speaker.i > verb.i:                                  # "confie une source …"
                    end = max(end, _np_end(speaker))
                out.append(Cue(left, end, cue.kind, cue.continues, cue.is_continuation and speaker.pos_ == "PRON"))
                break
    return out


def _reports(verb, rules: Rules) -> bool:
    """A finite reporting verb; a framed one only with a clause or an inverted speaker."""
    if verb.pos_ not in ("VERB", "AUX") or "Inf" in verb.morph.get("VerbForm"):
        return False
    lemmas = _verb_lemmas(verb)
    if not lemmas & (rules.reporting_verbs | rules.framed_verbs) or _nickname(verb):
        return False
    if lemmas & rules.reporting_verbs:
        return True
    if _bare_participle(verb):      # 'l'ANL, soutenue par l'Egypte': who supports, not who says
        return False
    # a clause ('a affirmé que …'), or an infinitive that states the fact ('a affirmé avoir rencontré')
    clause = any(c.dep_ == "ccomp" or (c.dep_ == "xcomp" and infinitive(c)) for c in verb.children)
    inverted = any(s.i > verb.i for s in _speakers(verb))
    return clause or inverted or verb.dep_ == "parataxis"


def _nickname(verb) -> bool:
    """'Mohamed Mediene dit Toufik', 'le colonel X, dit Y,': 'dit' between a name and a name gives
    another name of the person, not what they say."""
    doc, i = verb.doc, verb.i
    if (verb.lower_,) not in NICKNAME_CUES or i + 1 >= len(doc) or i == 0:
        return False
    before = doc[i - 2] if doc[i - 1].text == "," and i >= 2 else doc[i - 1]
    after = doc[i + 1]
    return before.pos_ == "PROPN" and after.text[:1].isupper() and after.pos_ in ("PROPN", "NOUN")


_ENDINGS = (("aient", "er"), ("ait", "er"), ("ent", "er"), ("ées", "er"), ("és", "er"), ("ée", "er"),
            ("é", "er"), ("e", "er"), ("it", "ire"), ("t", "re"))


def _verb_lemmas(verb) -> set[str]:
    """The lemma the model gives and, since it leaves some forms as they are ("indique"), the
    infinitive guessed from the ending."""
    word = verb.lower_
    guesses = {word[: -len(end)] + inf for end, inf in _ENDINGS if word.endswith(end)}
    return {verb.lemma_.lower()} | guesses


def _speakers(verb) -> list:
    """Who speaks through ``verb``: its subject, the agent of a passive, an inverted pronoun
    ("a-t-il"), and in an incise the noun after the verb that the parser often takes for an
    object ("», indique enfin le rapport")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "expl:subj")]
    # "Interrogé par l'AFP, X a affirmé": the parser makes the fronted participle the subject
    # and hangs the speaker on it
    subjects = [a for s in subjects
                for a in ([g for g in s.children if g.dep_ == "appos"] if s.pos_ == "VERB" else [s])]
    agents = [c for c in verb.children if c.dep_ == "obl:agent"]
    inverted = [c for c in verb.children if c.text.startswith("-") and c.pos_ == "PRON"]
    pronouns = [g for s in inverted for g in s.children if g.pos_ == "PRON"]
    incise = [c for c in verb.children if c.dep_ == "obj" and c.i > verb.i] if _in_incise(verb) else []
    # '…, a indiqué à l'AFP un diplomate': the speaker after the addressee, hung on it by the parser
    told = [g for c in verb.children if c.i > verb.i and any(x.dep_ == "case" and x.lower_ in ("à", "au", "aux")
                                                             for x in c.children)
            for g in c.children if g.dep_ == "appos" and g.i > c.i] if not subjects and verb.i > 0 else []
    return subjects + agents + inverted + pronouns + incise + told + _antecedent(verb, subjects)


def _antecedent(verb, subjects) -> list:
    """The noun a reporting verb hangs from when it has no nominal subject of its own: the
    antecedent of "qui" ("une source qui affirme que"), or the subject the parser attached the
    verb to ("Le site … rapporte que", parsed as a clause of "site")."""
    nominal = [s for s in subjects if "Rel" not in s.morph.get("PronType")]
    if nominal or not verb.dep_.startswith("acl") or verb.head.i > verb.i or _bare_participle(verb):
        return []
    return [verb.head]


def _bare_participle(verb) -> bool:
    """'La DGSE accusée d'avoir …': a past participle without auxiliary describes its noun, which
    undergoes it (the accused), and is no speaker."""
    return "Part" in verb.morph.get("VerbForm") and not any(c.dep_.startswith("aux") for c in verb.children)


def _in_incise(verb) -> bool:
    first = min([verb] + _with_auxiliaries([verb])[1:], key=lambda t: t.i)
    return first.i > 0 and first.doc[first.i - 1].text in (",", "»", "”", "\"")


def _speaks(speaker) -> bool:
    """An expletive "il" ("Il est à noter", "Il est fini le temps") names no speaker; the
    inverted "-il" of "a-t-il déclaré" does."""
    return not (speaker.dep_ == "expl:subj" and not speaker.text.startswith("-"))


def _speaker(token, at) -> Cue | None:
    dets = [c.text for c in token.children if c.dep_ in ("det", "nummod") and c.i < token.i]
    dets += [c.text for c in token.children if c.dep_ == "amod" and _norm(c.text) in load_rules().anaphoric_adjectives]
    entity = at.get(token.i)
    word = _norm(token.text).lstrip("-")
    if entity is not None and entity[0] == "PER" and _office_holder(token):
        return Cue(0, 0, "official")     # a named office-holder speaks for the office (ONTOLOGY.md)
    return speaker_kind(word, dets, entity) or (
        speaker_kind(_norm(token.lemma_), dets, entity) if token.lemma_ else None)


def entity_source(token, entity) -> str:
    """The kind of source an entity is when it speaks at ``token`` (one of its mentions): a named
    office-holder is official, a person named_person, an outlet media, another body official."""
    if entity.type == "PER" and _office_holder(token):
        return "official"
    cue = speaker_kind(entity.name, (), (entity.type, entity.kind, entity.name))
    return cue.kind if cue else "none"


def _office_holder(name) -> bool:
    """A person named with an official title: 'le porte-parole Dimitri Peskov', 'le procureur
    fédéral X', 'X, porte-parole du SVR': the title before the name (up to three words back, no
    punctuation between), in apposition to it, or the noun the name stands in apposition to."""
    rules = load_rules()
    official = lambda t: _noun_in(_norm(t.text), rules.official_nouns) or \
        _noun_in(_norm(t.lemma_), rules.official_nouns)  # noqa: E731
    if any(c.dep_ == "appos" and official(c) for c in name.children):
        return True
    if name.dep_ in ("appos", "nmod", "flat:name") and name.head.i < name.i and official(name.head):
        return True
    if name.dep_ == "conj" and name.head.i < name.i and official(name.head) and \
            not any(c.dep_ == "cc" for c in name.children) and name.doc[name.i - 1].text == ",":
        return True              # 'le Premier ministre roumain, X': an apposition the parser made a conjunct
    doc = name.doc
    for j in range(name.i - 1, max(-1, name.i - 4), -1):
        if doc[j].is_punct:
            return False
        if official(doc[j]):
            return True
    return False


def _np_start(head) -> int:
    left = head.left_edge
    while left.i < head.i and (left.is_punct or left.dep_ == "mark"):
        left = left.doc[left.i + 1]
    return left.idx


def _np_end(head) -> int:
    """End of the noun phrase of ``head``: its right dependents up to punctuation, a quotation
    mark or a relative clause, at most ``_MAX_NP_TOKENS`` tokens."""
    doc, end = head.doc, head.idx + len(head.text)
    for t in doc[head.i + 1:min(head.right_edge.i + 1, head.i + 1 + _MAX_NP_TOKENS)]:
        if t.text in _NP_STOPS or (t.is_punct and t.text not in "-'’") or _branch(t, head).dep_ in _SIDE_DEPS:
            break
        end = t.idx + len(t.text)
    return end


def _branch(token, head):
    while token.head.i != head.i and token.head.i != token.i:
        token = token.head
    return token


def _widen(cue: Cue, span, tokens) -> Cue:
    """Extend a phrase cue that ends on a noun to the end of its noun phrase ("une source" →
    "une source sécuritaire algérienne")."""
    last = [t for t in tokens if cue.start <= t.idx < cue.end]
    if last and last[-1].pos_ in ("NOUN", "PROPN"):
        return Cue(cue.start, max(cue.end, min(_np_end(last[-1]), span.end_char)), cue.kind, cue.continues, cue.pronoun)
    return cue


def _entity_index(doc, entities) -> dict:
    """token index -> (type, kind, text) of the entity mention it belongs to."""
    if entities is None:
        entities = [(e.start_char, e.end_char, e.label_, None) for e in doc.ents]
    index = {}
    for start, end, etype, kind in entities:
        span = doc.char_span(start, end, alignment_mode="expand")
        for t in span or ():
            index[t.i] = (etype, kind, _doc_text(doc)[start:end])
    return index


# ---------------------------------------------------------------- 2. the walk

def _walk_paragraph(sentences: list[_Sentence], quotes, state: _State, rules: Rules, text: str) -> None:
    """Give each sentence of one paragraph its chain; a cue runs until the next one."""
    running: Chain = ()
    for s in sentences:
        s.quote = _quote_of(s, quotes, text)
        outer = [c for c in s.cues if not _in_quotes(c, quotes)]
        if s.quote:
            s.chain = _quoted_chain(s, sentences, quotes, running, state, rules)
            if s.quote[1] <= s.end:
                running = state.quotes[s.quote].base
        else:
            if outer:
                running = _chain(outer, (), state.last, text, rules)
            s.chain = running
        if s.chain:
            state.last = s.chain


def _quote_of(s: _Sentence, quotes, text: str):
    """The quotation this sentence mostly stands in (more quoted letters than letters outside
    quotes and cues), if any."""
    best, inside = None, 0
    for q in quotes:
        n = _letters(text, max(s.start, q[0]), min(s.end, q[1]))
        if n > inside:
            best, inside = q, n
    if best is None:
        return None
    outside = _letters(text, s.start, s.end) - sum(_letters(text, max(s.start, q[0]), min(s.end, q[1])) for q in quotes)
    outside -= sum(_letters(text, c.start, c.end) for c in s.cues if not _in_quotes(c, quotes))
    return best if inside >= outside else None


def _letters(text: str, start: int, end: int) -> int:
    return sum(ch.isalnum() for ch in text[start:end]) if start < end else 0


def _in_quotes(cue: Cue, quotes) -> bool:
    return any(q[0] <= cue.start < q[1] for q in quotes)


def _quoted_chain(s, sentences, quotes, running, state: _State, rules) -> Chain:
    """The chain of a quoted sentence: the quotation's outer source, then the sources quoted
    inside it (which run on to the end of the quotation)."""
    text = _doc_text(s.span.doc)
    q = s.quote
    if q not in state.quotes:
        around = _outer_cues_of(q, sentences, quotes)
        state.quotes[q] = _Quote(_chain(around, (), state.last, text, rules) if around else running)
    quote = state.quotes[q]
    inner = [c for c in s.cues if q[0] <= c.start < q[1] and (quote.inner or not c.pronoun)]
    if inner:
        quote.inner = _chain(inner, (), quote.inner, text, rules)
    return _extend(quote.base, quote.inner)


def _outer_cues_of(q, sentences, quotes) -> list[Cue]:
    """Cues outside quotations in the sentence that closes ``q`` (after it: "», confie une
    source") or, failing that, in the one that opens it (before it: "a déclaré : «")."""
    closing = [c for s in sentences if s.start < q[1] <= s.end + 1
               for c in s.cues if c.start >= q[1] - 1 and not _in_quotes(c, quotes)]
    if closing:
        return closing
    return [c for s in sentences if s.start <= q[0] < s.end
            for c in s.cues if c.end <= q[0] + 1 and not _in_quotes(c, quotes)]


def _chain(cues: list[Cue], base: Chain, last: Chain, text: str, rules: Rules) -> Chain:
    """The chain of one level of cues, after ``base``: continuations first (they resume
    ``last``), then relays (media, document), then the other cues in text order."""
    def order(c: Cue):
        relay = c.kind in rules.relay_order and not c.is_continuation
        return (not c.is_continuation, rules.relay_order.index(c.kind) if relay else len(rules.relay_order), c.start)

    chain = base
    for cue in sorted(cues, key=order):
        words = text[cue.start:cue.end]
        if cue.is_continuation and last and _continues(cue, last):
            chain = _extend(chain, last[:-1] + ((last[-1][0], words),))
        else:
            chain = _extend(chain, ((cue.kind, words),))
    return chain


def _continues(cue: Cue, last: Chain) -> bool:
    return not cue.continues or bool(cue.continues & {k for k, _ in last})


def _extend(chain: Chain, links: Chain) -> Chain:
    """``chain`` followed by ``links``, a link of the same kind as the one before it folded in
    (the innermost words kept)."""
    out = list(chain)
    for kind, words in links:
        if out and out[-1][0] == kind:
            out[-1] = (kind, words)
        else:
            out.append((kind, words))
    return tuple(out)


def _told_back(sentences: list[_Sentence], rules: Rules, text: str) -> None:
    """'… X a été démis de ses fonctions. L'information a été livrée à travers un communiqué …':
    the sentences before one opened by a noun of the news just told, with no source of their own
    and after the headline, rest on its source."""
    for n, s in enumerate(sentences):
        if not s.chain or s.quote or not rules.told_back.search(text[s.start:s.end]):
            continue
        for before in reversed(sentences[:n]):
            if before.chain or before.paragraph == 0:
                break
            before.chain = s.chain


# ---------------------------------------------------------------- 3. headline and lead

def _lead_takes_body(sentences: list[_Sentence]) -> None:
    """Heuristic: a first paragraph with no source of its own (a headline, a lead) announces
    what the body attributes; it takes the first attributed chain of paragraphs 1 and 2."""
    lead = [s for s in sentences if s.paragraph == 0]
    if not lead or any(s.chain for s in lead):
        return
    body = next((s.chain for s in sentences if s.paragraph in (1, 2) and s.chain), ())
    for s in lead:
        s.chain = body


# ---------------------------------------------------------------- 4. records

def _record(s: _Sentence) -> SentenceAttribution:
    tokens = list(s.span)
    inside = [_inside_cue(t, s.cues) for t in tokens] if s.cues else [False] * len(tokens)
    claim = [t for t, cued in zip(tokens, inside) if not cued]
    hedged = is_hedged(claim)
    rules = load_rules()
    denied = any(_is_denial(t, rules) for t, cued in zip(tokens, inside) if cued)
    negated = denied or is_negated(claim)
    if s.chain:
        kind, words = s.chain[-1]
        attribution = Attribution(kind, [k for k, _ in s.chain[:-1]], words, hedged)
    else:
        attribution = Attribution("none", [], None, hedged)
    own = tuple((c.start, c.end, c.kind) for c in s.cues if c.continues is None)
    return SentenceAttribution(s.start, s.end, s.paragraph, attribution, s.quote is not None, negated, own)


def _inside_cue(token, cues: list[Cue]) -> bool:
    return any(c.start <= token.idx < c.end for c in cues)
