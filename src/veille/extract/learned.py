"""A learned relation scorer over the rules' relations (``VEILLE_RELATION_SCORER``).

Every ordered pair of distinct entities named in one sentence is a *candidate*; its features come
from the parse: the entity types and kinds, their order and distance, the dependency path between
the heads of the two mentions (its labels, the lemmas on it, the word that governs both), the
words between them, and the relations the rules found for that pair. A multinomial logistic
regression (``data/relation_scorer.json``: a feature vocabulary with one weight per relation type,
the intercepts and the two thresholds) gives each candidate a probability per relation type. It is
trained on the corpus's develop split by ``scripts/train_relation_scorer.py`` and applied here in
plain Python: the installed package needs neither scikit-learn nor the corpus.

Modes:

- ``off``: the rules' relations as they are;
- ``add``: the rules' relations, plus every candidate whose best type reaches the add threshold
  (a type the ontology allows between the two entity types, not found by the rules already);
- ``filter``: the rules' relations, less those whose type the model gives a probability under the
  filter threshold in their own sentence.
"""

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .attribution import is_hedged, is_negated, sentence_at
from ..errors import SettingsError, VeilleError
from ..knowledge.read import data_path
from ..model import Attribution, Relation
from ..ontology import RELATION_TYPES
from ..settings import RELATION_SCORER_MODES as MODES
from .view import DocView, Span

MODEL_FILE = data_path("relation_scorer.json")
#: paths longer than this many arcs are one feature, 'long'
MAX_PATH = 5
#: the words between two mentions are features when they are at most this many
MAX_BETWEEN = 8


class ScorerModelError(VeilleError):
    """The scorer's model file is missing or malformed."""


@dataclass(frozen=True)
class Candidate:
    """Two entities named in one sentence, in this order (subject, object), with their features."""

    subject: str
    object: str
    sentence: int
    features: tuple[str, ...]
    #: the word governing both mentions (the clause whose mood and negation qualify the pair)
    governor: object = field(default=None, compare=False)


@dataclass(frozen=True)
class Scorer:
    """A multinomial logistic regression over candidate features, with its thresholds."""

    labels: tuple[str, ...]                       # 'none' and the relation types
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    add_threshold: float
    filter_threshold: float

    @classmethod
    def from_record(cls, record: dict) -> "Scorer":
        try:
            labels = tuple(record["labels"])
            weights = {f: tuple(float(x) for x in w) for f, w in record["weights"].items()}
            scorer = cls(labels, tuple(float(x) for x in record["intercepts"]), weights,
                         float(record["add_threshold"]), float(record["filter_threshold"]))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ScorerModelError(f"relation scorer model: malformed ({exc})") from None
        if "none" not in labels or any(len(w) != len(labels) for w in (scorer.intercepts, *weights.values())):
            raise ScorerModelError("relation scorer model: weights and labels do not agree")
        unknown = set(labels) - {"none"} - set(RELATION_TYPES)
        if unknown:
            raise ScorerModelError(f"relation scorer model: unknown relation types {sorted(unknown)}")
        return scorer

    def probabilities(self, features) -> dict[str, float]:
        """The softmax of the linear scores: a probability per label."""
        scores = list(self.intercepts)
        for f in sorted(set(features)):  # one summation order, whatever the hash seed
            for k, w in enumerate(self.weights.get(f, ())):
                scores[k] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps)}


@lru_cache(maxsize=4)
def load(path: str | Path = MODEL_FILE) -> Scorer:
    """The scorer of the model file, read once."""
    try:
        record = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ScorerModelError(f"relation scorer model {Path(path).name}: unreadable ({exc})") from None
    return Scorer.from_record(record)


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise SettingsError(f"VEILLE_RELATION_SCORER must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


# ---------------------------------------------------------------- candidates and their features

def candidates(view: DocView, found: list[Relation]) -> list[Candidate]:
    """Every ordered pair of distinct entities named in one sentence, with its features."""
    rules = _rule_types(view, found)
    out = []
    for s, sent in enumerate(view.sents):
        spans = _first_spans(view, sent)
        for a, sa in spans.items():
            for b, sb in spans.items():
                if a != b:
                    feats, governor = _features(view, sa, sb, rules, s)
                    out.append(Candidate(a, b, s, feats, governor))
    return out


def _first_spans(view: DocView, sent) -> dict[str, Span]:
    """Each entity named in the sentence, with its first mention there."""
    spans: dict[str, Span] = {}
    for i in range(sent.start, sent.end):
        span = view.span_at[i]
        if span is not None and span.entity not in spans:
            spans[span.entity] = span
    return spans


def sentence_of(view: DocView, relation: Relation) -> int:
    """The index in ``view.sents`` of the sentence a relation's evidence starts in."""
    return max(0, _bisect([s.start_char for s in view.sents], relation.evidence.start))


def _rule_types(view: DocView, found: list[Relation]) -> dict[tuple, set[str]]:
    """(subject, object, sentence or None for the whole document) → the rules' relation types."""
    out: dict[tuple, set[str]] = {}
    for r in found:
        for place in (sentence_of(view, r), None):
            out.setdefault((r.subject, r.object, place), set()).add(r.type)
    return out


def _bisect(starts: list[int], char: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= char:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def _features(view: DocView, sa: Span, sb: Span, rules: dict, s: int) -> tuple[tuple[str, ...], object]:
    """1. types, kinds, order, distance; 2. the dependency path; 3. the words between;
    4. the rules' findings for the pair, in this sentence and elsewhere in the document."""
    ea, eb = view.entities[sa.entity], view.entities[sb.entity]
    types = f"{ea.type}>{eb.type}"
    first, second = sorted((sa, sb), key=lambda x: x.start)
    gap = max(0, second.start - first.end)
    feats = [f"types={types}", f"kinds={ea.kind or '-'}>{eb.kind or '-'}",       # 1
             f"order={'ab' if sa.start < sb.start else 'ba'}", f"dist={_bucket(gap)}"]
    ra, rb = view.parsed[sa.start:sa.end].root, view.parsed[sb.start:sb.end].root
    path, on_path, governor = _path(ra, rb)                                        # 2
    feats += [f"path={path}", f"dep_a={ra.dep_}", f"dep_b={rb.dep_}",
              f"gov={governor.lemma_.lower()}", f"govpos={governor.pos_}",
              f"types|gov={types}|{governor.lemma_.lower()}", f"types|path={types}|{path}"]
    feats += [f"on={t.lemma_.lower()}" for t in on_path]
    if gap <= MAX_BETWEEN:                                                          # 3
        feats += [f"bw={t.lemma_.lower()}" for t in view.parsed[first.end:second.start]]
    for place, tag in ((s, "rule"), (None, "rule_doc")):                           # 4
        feats += [f"{tag}={t}" for t in rules.get((sa.entity, sb.entity, place), ())]
        feats += [f"{tag}_rev={t}" for t in rules.get((sb.entity, sa.entity, place), ())]
    return tuple(sorted(set(feats))), governor


def _bucket(n: int) -> str:
    return next(label for bound, label in ((0, "0"), (2, "1-2"), (5, "3-5"), (10, "6-10"), (20, "11-20"))
                if n <= bound) if n <= 20 else "21+"


def _path(ra, rb) -> tuple[str, list, object]:
    """The arcs from ``ra`` up to the lowest word governing both, then down to ``rb``; the words
    strictly between; that governing word."""
    up_a, up_b = _ancestry(ra), _ancestry(rb)
    common = next((t for t in up_a if t.i in {u.i for u in up_b}), up_a[-1])
    left = up_a[:[t.i for t in up_a].index(common.i)]
    right = up_b[:[t.i for t in up_b].index(common.i)] if common.i in {u.i for u in up_b} else up_b
    arcs = [f"{t.dep_}^" for t in left] + [f"{t.dep_}_" for t in reversed(right)]
    path = "|".join(arcs) if len(arcs) <= MAX_PATH else "long"
    between = [t for t in (*left[1:], common, *right[1:]) if t.i not in (ra.i, rb.i)]
    return path or "-", between, common


def _ancestry(token) -> list:
    """The token and its heads up to the root of its sentence."""
    out = [token]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


# ---------------------------------------------------------------- the stage's hook

def revise(view: DocView, found: list[Relation], mode: str, scorer: Scorer | None = None) -> list[Relation]:
    """The rules' relations ``found`` revised by the scorer in ``mode`` (see the module)."""
    if check_mode(mode) == "off":
        return found
    scorer = scorer or load()
    scored = [(c, scorer.probabilities(c.features)) for c in candidates(view, found)]
    if mode == "filter":
        return _filtered(view, found, scored, scorer.filter_threshold)
    return found + _added(view, found, scored, scorer.add_threshold)


def _filtered(view: DocView, found: list[Relation], scored: list, threshold: float) -> list[Relation]:
    at = {(c.subject, c.object, c.sentence): p for c, p in scored}
    kept = []
    for r in found:
        p = at.get((r.subject, r.object, sentence_of(view, r)))
        if p is None or p.get(r.type, 0.0) >= threshold:
            kept.append(r)
    return kept


def _added(view: DocView, found: list[Relation], scored: list, threshold: float) -> list[Relation]:
    have = {_key(r.type, r.subject, r.object) for r in found}
    out = []
    for c, p in sorted(scored, key=lambda cp: cp[0].sentence):
        rtype, prob = max(((t, x) for t, x in p.items() if t != "none"), key=lambda tx: tx[1])
        k = _key(rtype, c.subject, c.object)
        if prob < threshold or k in have or not _allowed(view, rtype, c):
            continue
        have.add(k)
        out.append(_relation(view, rtype, c))
    return out


def _key(rtype: str, a: str, b: str) -> tuple:
    return (rtype, *sorted((a, b))) if RELATION_TYPES[rtype].symmetric else (rtype, a, b)


def _allowed(view: DocView, rtype: str, c: Candidate) -> bool:
    kind = RELATION_TYPES[rtype]
    return view.type_of(c.subject) in kind.subjects and view.type_of(c.object) in kind.objects


def _relation(view: DocView, rtype: str, c: Candidate) -> Relation:
    """A relation the scorer adds: the sentence's attribution, the governing clause's mood."""
    clause = list(c.governor.subtree)
    sentence = sentence_at(view.doc.sentences, view.sents[c.sentence].start_char)
    base = sentence.attribution if sentence is not None else Attribution()
    said = Attribution(base.kind, list(base.via), base.text, base.hedged or is_hedged(clause))
    return Relation(rtype, c.subject, c.object, view.evidence(c.sentence), said, negated=is_negated(clause))
