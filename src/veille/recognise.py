"""Entity mentions: spaCy's recogniser plus the domain layer, reconciled.

Four sources propose mentions over a tokenised document, from the most to the least trusted:

1. descriptive names (``descriptive``): a head noun of the lexicon with a nationality, such as
   "les services secrets algériens", "le renseignement extérieur algérien", "l’Armée algérienne",
   "la DGSE algérienne" (the Algerian counterpart of the DGSE, not the DGSE);
2. the gazetteer (``gazetteer``) and the expansions of acronyms learned from the text (``expansion``);
3. spaCy's statistical recogniser (``model``), trimmed of titles and articles.

:func:`recognise` computes them all, then keeps the best non-overlapping set. It returns
:class:`Candidate` token spans; grouping them into entities is ``coref``'s job.
"""

from dataclasses import dataclass, field, replace
from typing import Sequence

from . import acronyms
from .gazetteer import Entry, Gazetteer
from .lexicon import Lexicon
from .text import is_acronym, is_capitalised, key

PRIORITY = {"descriptive": 4, "gazetteer": 3, "expansion": 3, "model": 1}
MODEL_LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})
#: a one-word name found by the model must be tagged as a name or a noun, not a verb or an
#: adjective ('Attaquer', 'Exclusif' at the head of a paragraph are no places)
NAME_POS = frozenset({"PROPN", "NOUN", "X", ""})


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    origin: str
    kind: str | None = None
    country: str | None = None
    function: str | None = None
    entries: tuple[Entry, ...] = ()
    #: descriptive names that need another mention to lean on ("renseignement intérieur")
    weak: bool = False
    #: an acronym's token index and its expansion's span are tied here by the acronym learner
    tied_to: list[int] = field(default_factory=list)
    #: the country comes from the text itself (a demonym, 'de la France'), not from knowledge
    stated: bool = False
    #: entries for which the words are only a former name
    former: frozenset[str] = frozenset()

    @property
    def size(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Candidate") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Resources:
    """What recognition needs besides the text: loaded once per process by the pipeline."""

    gazetteer: Gazetteer
    lexicon: Lexicon


def recognise(words: Sequence[str], model_spans: Sequence[tuple[int, int, str]], pos: Sequence[str],
              sent_starts: Sequence[bool], res: Resources, excluded: frozenset[int] = frozenset()) -> list[Candidate]:
    """The mentions of one document, as non-overlapping token spans, in text order.

    ``model_spans`` are spaCy's entities as (start, end, label) token spans, ``pos`` the
    coarse part of speech of each token, ``excluded`` the indices of tokens that are metadata
    (the outlet named in the body) and never part of an entity.

    1. Propose descriptive names, gazetteer matches, learned expansions, trimmed model spans.
    2. Keep the best non-overlapping ones (priority, then length).
    3. Drop what is not an entity: stop phrases, demonyms, metadata, lower-case leftovers.
    """
    keys = [key(w) for w in words]
    proposed = [
        *_descriptive(words, keys, res),                                    # 1
        *_gazetteer(words, keys, res),
        *_model(words, keys, model_spans, pos, sent_starts, res),
    ]
    proposed += _expansions(words, res, proposed)
    kept = _select(proposed, words, res)                                    # 2
    return [c for c in kept if _is_entity(c, words, keys, pos, sent_starts, res, excluded)]   # 3


# --- 1. proposals -------------------------------------------------------------------------------

def _nationality_at(words, keys, j: int, res: Resources) -> tuple[str | None, int]:
    """A nationality starting at token j: a demonym ('algérien') or 'de/du/de la' + country."""
    if j < len(words):
        country = res.gazetteer.demonym(words[j])
        if country:
            return country, j + 1
        for prep in (("de", "la"), ("de", "l'"), ("du",), ("de",), ("d'",)):
            if tuple(keys[j:j + len(prep)]) == prep:
                found, end = res.gazetteer.country_at(words, j + len(prep))
                if found:
                    return found, end
    return None, j


def _descriptive(words, keys, res: Resources) -> list[Candidate]:
    """'services secrets algériens', 'renseignement extérieur algérien', 'Armée algérienne'."""
    lex, out, i = res.lexicon, [], 0
    while i < len(words):
        for size in range(min(lex.longest_head, len(words) - i), 0, -1):
            head = tuple(keys[i:i + size])
            if head in lex.heads:
                # 'service de renseignement de la France' names no service: a bare noun after 'de'
                # is a complement ('agent de renseignement'), not a name
                found = None if i and keys[i - 1] in ("de", "d'") else \
                    _descriptive_at(words, keys, i, size, head, res)
                if found:
                    out.append(found)
                    i = found.end - 1
                break
        i += 1
    return out


def _descriptive_at(words, keys, i, size, head, res: Resources) -> Candidate | None:
    kind, function = res.lexicon.heads[head]
    j = i + size
    if kind == "intelligence_service" and function is None and j < len(words) and keys[j] in res.lexicon.functions:
        function, j = res.lexicon.functions[keys[j]], j + 1
    country, end = _nationality_at(words, keys, j, res)
    if country is None:
        # "renseignement intérieur" in apposition to a service: kept only if coref finds it one
        if kind == "intelligence_service" and function and size + (j - i - size) >= 2:
            return Candidate(i, j, "ORG", "descriptive", kind, None, function, weak=True)
        # "le gouvernement de Bouteflika": a government named by its leader
        if kind == "government" and j + 1 < len(words) and keys[j] in ("de", "d'") and is_capitalised(words[j + 1]) \
                and not res.gazetteer.demonym(words[j + 1]):
            stop = j + 2
            while stop < len(words) and is_capitalised(words[stop]) and words[stop].isalpha():
                stop += 1
            return Candidate(i, stop, "ORG", "descriptive", kind, None, "led", weak=True)
        return None
    if head in res.lexicon.staff_heads:
        function = "staff"
    return Candidate(i, end, "ORG", "descriptive", kind, country, function, stated=True)


def _gazetteer(words, keys, res: Resources) -> list[Candidate]:
    """Gazetteer matches; a service followed by another state's demonym becomes descriptive."""
    out = []
    for m in res.gazetteer.match(words):
        first = m.entries[0]
        cand = Candidate(m.start, m.end, first.type, "gazetteer", first.kind, first.country,
                         first.function, m.entries, former=m.former)
        if first.type == "ORG":
            country, end = _nationality_at(words, keys, m.end, res)
            if country and end == m.end + 1:
                own = tuple(e for e in m.entries if e.country == country)
                cand = replace(cand, end=end, country=country, entries=own, stated=True) if own else \
                    Candidate(m.start, end, "ORG", "descriptive", first.kind, country, first.function, stated=True)
            elif m.start >= 2 and words[m.start - 1] == "(" and res.gazetteer.demonym(words[m.start - 2]):
                # 'la sécurité intérieure française (DGSI)': the nationality stands before the acronym
                country = res.gazetteer.demonym(words[m.start - 2])
                own = tuple(e for e in m.entries if e.country == country)
                if own:
                    cand = replace(cand, country=country, entries=own, stated=True)
        out.append(cand)
    return out


def _trim(words, keys, start, end, label, res: Resources, sent_starts) -> tuple[int, int]:
    """Titles and articles off a model span; a capitalised article inside a sentence is part of
    the name ('La Réunion', 'Le Caire'), and titles of works (MISC) are left whole."""
    lex = res.lexicon
    while end > start and not any(c.isalnum() for c in words[end - 1]):
        end -= 1
    if label == "MISC":
        return start, end
    if label in ("ORG", "LOC"):         # 'Département de surveillance et de sécurité de 2013': a date
        cut = end
        while cut - start > 1 and words[cut - 1].isdigit():
            cut -= 1
        if cut < end and cut - start > 1 and keys[cut - 1] in ("de", "du", "en", "depuis", "d'"):
            end = cut - 1
    changed = True
    while changed and end - start > 1:
        changed = False
        if (keys[start] in lex.particles and (not is_capitalised(words[start]) or _starts_sentence(start, words, sent_starts))) \
                or not any(c.isalnum() for c in words[start]):
            start, changed = start + 1, True
        elif label == "PER":
            for size in range(min(4, end - start - 1), 0, -1):
                if " ".join(keys[start:start + size]).replace(" - ", "-") in lex.titles:
                    start, changed = start + size, True
                    break
    return start, end


def _titled(keys, start, end, res: Resources) -> bool:
    """Whether a span begins with a person's title ('ministre de l'Intérieur', 'directeur de la
    CIA'): the statistical model sometimes takes such a role for an organisation."""
    return any(" ".join(keys[start:start + size]).replace(" - ", "-") in res.lexicon.titles
               for size in range(1, min(3, end - start) + 1))


def _model(words, keys, spans, pos, sent_starts, res: Resources) -> list[Candidate]:
    """spaCy's entities, cut at line breaks, trimmed, persons' names completed on the right."""
    out = []
    for start, end, label in spans:
        for s, e in _split_lines(words, start, end):
            s, e = _trim(words, keys, s, e, label, res, sent_starts)
            if e <= s or (label == "ORG" and _titled(keys, s, e, res)):
                continue                  # 'le ministre de l'Intérieur X': a role, no organisation
            if label == "PER":
                while e < len(words) and _continues_name(words[e], pos[e], words[e - 1]):
                    e += 1
            cand = Candidate(s, e, label if label in MODEL_LABELS else "MISC", "model")
            if cand.type == "LOC" and e - s > 1 and res.lexicon.org_heads.get(keys[s], "other") != "other":
                cand.type = "ORG"         # 'ministère russe de la Défense' is no place
            if cand.type == "ORG":
                cand.kind = "armed_group" if _after_armed_group_cue(keys, s, res) else \
                    res.lexicon.org_heads.get(keys[s], "other")
                cand.country = res.gazetteer.demonym(words[e - 1]) if e - s > 1 else None
                cand.stated = cand.country is not None
            elif cand.type == "PER":
                cand.kind = "person"
            out.append(cand)
    return out


def _after_armed_group_cue(keys, start: int, res: Resources) -> bool:
    """'le groupe terroriste « X »', 'la katiba X': a name the text calls an armed group."""
    j = start - 1
    while j >= 0 and keys[j] in ("«", "“", '"', "'", "‘"):
        j -= 1
    return any(tuple(keys[j + 1 - len(cue):j + 1]) == cue for cue in res.lexicon.armed_group_cues if j + 1 >= len(cue))


def _split_lines(words, start, end):
    piece = start
    for i in range(start, end):
        if "\n" in words[i]:
            if i > piece:
                yield piece, i
            piece = i + 1
    if end > piece:
        yield piece, end


def _continues_name(word: str, pos: str, previous: str) -> bool:
    """'Djebbar' after 'M’henna': a capitalised proper noun right after a word of the name
    (the parser's sentence starts are not trusted here: it often cuts inside names)."""
    return word[:1].isupper() and word.isalpha() and not is_acronym(word) and pos == "PROPN" \
        and previous[-1:].isalpha()


def _expansions(words, res: Resources, proposed: list[Candidate]) -> list[Candidate]:
    """Spans that the acronym learner ties to an acronym of the text."""
    lex = res.lexicon
    demonyms = frozenset(k for k in res.gazetteer.demonyms)
    pairs = acronyms.learn(words, demonyms, rejected_starts=lex.titles,
                           ignored=frozenset(w.upper() for w in lex.not_entities))
    out = {}
    for p in pairs:
        cand = out.get((p.start, p.end))
        if cand is None:
            cand = out[(p.start, p.end)] = Candidate(p.start, p.end, "ORG", "expansion",
                                                     lex.org_heads.get(key(words[p.start]), "other"))
        cand.tied_to.append(p.acronym)
    return list(out.values())


# --- 2. selection -------------------------------------------------------------------------------

def _rank(c: Candidate) -> tuple:
    return (PRIORITY[c.origin], c.size, c.type != "MISC")


def _select(proposed: list[Candidate], words, res: Resources) -> list[Candidate]:
    """The best non-overlapping candidates. A name found by the model keeps its words when a place
    of the gazetteer covers only part of it ('Université d'Alger', 'Jeux de Barcelone', 'Europe du
    Nord')."""
    ordered = sorted(proposed, key=_rank, reverse=True)
    kept: list[Candidate] = []
    for cand in ordered:
        clash = [k for k in kept if k.overlaps(cand)]
        if not clash:
            kept.append(cand)
        elif cand.origin == "expansion":   # the gazetteer knew the expansion: keep the tie to its acronym
            for k in clash:
                if (k.start, k.end) == (cand.start, cand.end):
                    k.tied_to.extend(cand.tied_to)
        elif cand.origin == "model" and \
                all(k.origin == "gazetteer" and k.type == "LOC" and cand.start <= k.start and k.end <= cand.end
                    and k.size < cand.size for k in clash) and _uncovered_words(cand, clash, words):
            kept = [k for k in kept if k not in clash] + [cand]
    return sorted(kept, key=lambda c: c.start)


def _uncovered_words(cand: Candidate, covered: list[Candidate], words) -> bool:
    inside = {i for k in covered for i in range(k.start, k.end)}
    return any(i not in inside and words[i][:1].isalpha() and is_capitalised(words[i])
               for i in range(cand.start, cand.end))


# --- 3. filters ---------------------------------------------------------------------------------

def _is_entity(c: Candidate, words, keys, pos, sent_starts, res: Resources, excluded: frozenset[int]) -> bool:
    text_key = " ".join(keys[c.start:c.end])
    if c.type == "MISC":
        return True                       # kept for NER evaluation; entities() drops them
    if text_key in res.lexicon.not_entities or any(i in excluded for i in range(c.start, c.end)):
        return False
    if c.origin != "model":
        return True
    span = words[c.start:c.end]
    if not any(is_capitalised(w) for w in span):
        return False
    if c.size == 1 and res.gazetteer.demonym(span[0]):
        return False
    if c.size == 1 and pos[c.start] not in NAME_POS and _starts_sentence(c.start, words, sent_starts) \
            and not is_acronym(span[0]):
        return False                      # 'Exclusif.', 'Attaquer les intérêts…' heading a paragraph
    return True


def _starts_sentence(i: int, words, sent_starts) -> bool:
    """At the head of a sentence, a line or a quotation, where any word takes a capital."""
    return i == 0 or sent_starts[i] or "\n" in words[i - 1] or words[i - 1] in ("«", "“", '"', "(", ":", "-", "–")
