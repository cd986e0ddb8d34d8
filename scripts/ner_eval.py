"""veille's recogniser against bare spaCy on a CoNLL NER set (IOB2; PER, ORG, LOC, MISC).

Usage::

    python scripts/ner_eval.py [../shared/ner/fr_dev.conll] [--limit N] [--json OUT]
    python scripts/ner_eval.py --final          # the held-out test set: for a release, not for tuning

Each sentence becomes a spaCy ``Doc`` built from the file's own words, so tokenisation matches
the annotation, and goes once through the full ``fr_core_news_md`` pipeline. Both systems are
then read off the same parsed sentence: bare spaCy is ``doc.ents``; veille is
``veille.extract.entities.mentions`` (spaCy's entities reconciled with the gazetteer and the lexicon).

Scores are strict: a mention counts when its token span and its type both equal a gold one;
micro precision, recall and F1 overall and per type, as seqeval's strict IOB2 mode gives them
(the file has no orphan ``I-`` tags, see ``SOURCE.md``; one would open a new mention here).
The disagreements between the two systems, grouped into patterns, are what a developer tunes
the domain layer from.

The test file (``fr_test.conll``) is read only with ``--final``: tuning on it would make its
score meaningless.
"""

import argparse
import hashlib
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.tokens import Doc

from veille.extract.entities import mentions
from veille.pipeline import load_knowledge

MODEL = "fr_core_news_md"
NER_DIR = Path(__file__).resolve().parents[2] / "shared" / "ner"
DEV_FILE = NER_DIR / "fr_dev.conll"
TEST_FILE = NER_DIR / "fr_test.conll"
TYPES = ("PER", "ORG", "LOC", "MISC")
SYSTEMS = ("spacy", "veille")
BATCH_SIZE = 256
TOP_PATTERNS = 15

#: A mention: (sentence index, start token, end token, type).
Span = tuple[int, int, int, str]


@dataclass
class Sentence:
    words: list[str]
    gold: list[tuple[int, int, str]]


# ---------------------------------------------------------------- reading the file

def read_conll(path: Path, limit: int | None = None) -> list[Sentence]:
    """The sentences of a ``token<TAB>tag`` file, blank line between sentences."""
    sentences, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            word, tag = line.split("\t")
            words.append(word)
            tags.append(tag)
        elif words:
            sentences.append(Sentence(words, iob2_spans(tags)))
            words, tags = [], []
    if words:
        sentences.append(Sentence(words, iob2_spans(tags)))
    return sentences[:limit] if limit else sentences


def iob2_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of each mention; an ``I-X`` not continuing an ``X`` opens a new one."""
    spans, start, label = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if start is not None and (prefix != "I" or kind != label):
            spans.append((start, i, label))
            start = None
        if prefix == "B" or (prefix == "I" and start is None):
            start, label = i, kind
    return spans


# ---------------------------------------------------------------- running both systems

def predict(sentences: list[Sentence], nlp) -> dict[str, list[Span]]:
    """The mentions of both systems, from one parse of each sentence.

    1. parse the sentences, built from their words, in batches;
    2. read spaCy's entities and veille's candidates off each parsed sentence.
    """
    resources = load_knowledge(nlp)
    found: dict[str, list[Span]] = {"spacy": [], "veille": [], "origin": []}
    docs = (Doc(nlp.vocab, words=s.words) for s in sentences)
    for n, doc in enumerate(nlp.pipe(docs, batch_size=BATCH_SIZE)):                  # 1
        found["spacy"] += [(n, e.start, e.end, e.label_) for e in doc.ents]          # 2
        for c in mentions(doc, resources):
            found["veille"].append((n, c.start, c.end, c.type))
            found["origin"].append(c.origin)
    return found


# ---------------------------------------------------------------- scores

def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(100 * f, 2),
            "tp": tp, "pred": n_pred, "gold": n_gold}


def score(gold: list[Span], pred: list[Span]) -> dict:
    """Micro P/R/F1 over all types and per type, strict span and type match."""
    gold_set, pred_set = set(gold), set(pred)
    hits = gold_set & pred_set
    result = {"all": prf(len(hits), len(pred_set), len(gold_set))}
    for t in TYPES:
        result[t] = prf(sum(h[3] == t for h in hits), sum(p[3] == t for p in pred_set),
                        sum(g[3] == t for g in gold_set))
    return result


def difference(veille: dict, bare: dict) -> dict:
    return {t: {m: round(veille[t][m] - bare[t][m], 2) for m in ("p", "r", "f1")} for t in veille}


# ---------------------------------------------------------------- disagreements

def groups(bare: list[Span], veille: list[Span]) -> list[tuple[list[Span], list[Span]]]:
    """Where the two systems differ: clusters of overlapping mentions of one sentence, as
    (spaCy's mentions, veille's mentions); clusters where both agree exactly are left out."""
    by_sentence = defaultdict(list)
    for side, spans in (("spacy", bare), ("veille", veille)):
        for span in spans:
            by_sentence[span[0]].append((span, side))
    out = []
    for n in sorted(by_sentence):
        for cluster in _overlap_clusters(by_sentence[n]):
            left = sorted(s for s, side in cluster if side == "spacy")
            right = sorted(s for s, side in cluster if side == "veille")
            if left != right:
                out.append((left, right))
    return out


def _overlap_clusters(items):
    items = sorted(items, key=lambda item: (item[0][1], item[0][2]))
    clusters, end = [], -1
    for span, side in items:
        if span[1] >= end:
            clusters.append([])
        clusters[-1].append((span, side))
        end = max(end, span[2]) if span[1] < end else span[2]
    return clusters


def pattern(bare: list[Span], veille: list[Span], origin: dict[Span, str]) -> str:
    """A name for a disagreement: span gained or lost, type changed, boundaries moved."""
    if not bare:
        return f"gained {'+'.join(s[3] for s in veille)} ({origin[veille[0]]})"
    if not veille:
        return f"lost {'+'.join(s[3] for s in bare)}"
    if len(bare) > 1 or len(veille) > 1:
        return f"split/merged {len(bare)}→{len(veille)} ({origin[veille[0]]})"
    (_, s0, e0, t0), (_, s1, e1, t1) = bare[0], veille[0]
    label = t0 if t0 == t1 else f"{t0}→{t1}"
    moves = [word for word, moved in (
        ("trimmed left", s1 > s0), ("extended left", s1 < s0),
        ("trimmed right", e1 < e0), ("extended right", e1 > e0)) if moved]
    what = ", ".join(moves) if moves else "type"
    return f"{what} {label} ({origin[veille[0]]})"


def side_score(spans: list[Span], gold: set[Span]) -> int:
    """Right mentions minus wrong ones: which side a disagreement favours."""
    return sum(1 if s in gold else -1 for s in spans)


def disagreements(sentences: list[Sentence], gold: list[Span], found: dict) -> list[dict]:
    """The most frequent patterns, each with how often veille or spaCy was right, and an example."""
    origin = dict(zip(found["veille"], found["origin"]))
    gold_set = set(gold)
    table: dict[str, dict] = {}
    for bare, veille in groups(found["spacy"], found["veille"]):
        name = pattern(bare, veille, origin)
        row = table.setdefault(name, {"pattern": name, "count": 0, "veille_better": 0,
                                      "spacy_better": 0, "tie": 0,
                                      "example": example(sentences, bare, veille, gold_set)})
        row["count"] += 1
        delta = side_score(veille, gold_set) - side_score(bare, gold_set)
        row["veille_better" if delta > 0 else "spacy_better" if delta < 0 else "tie"] += 1
    return sorted(table.values(), key=lambda r: -r["count"])[:TOP_PATTERNS]


def example(sentences: list[Sentence], bare: list[Span], veille: list[Span], gold: set[Span]) -> str:
    n = (bare or veille)[0][0]
    words = sentences[n].words
    lo = min(s[1] for s in bare + veille)
    hi = max(s[2] for s in bare + veille)
    inside = sorted(g for g in gold if g[0] == n and g[1] < hi and lo < g[2])

    def show(spans):
        return " ; ".join(f"«{' '.join(words[s[1]:s[2]])}»/{s[3]}" for s in spans) or "—"

    context = " ".join(words[max(0, lo - 6):hi + 6])
    return f"…{context}… | spaCy {show(bare)} | veille {show(veille)} | gold {show(inside)}"


# ---------------------------------------------------------------- report

def print_table(scores: dict, diff: dict) -> None:
    head = f"{'':8}{'':>7}" + "".join(f"{c:>8}" for c in ("P", "R", "F1")) + \
        "".join(f"{t + ' F1':>9}" for t in TYPES)
    print(head)
    for name in (*SYSTEMS, "Δ"):
        rows = diff if name == "Δ" else scores[name]
        cells = "".join(f"{rows['all'][m]:>+8.2f}" if name == "Δ" else f"{rows['all'][m]:>8.2f}"
                        for m in ("p", "r", "f1"))
        types = "".join(f"{rows[t]['f1']:>+9.2f}" if name == "Δ" else f"{rows[t]['f1']:>9.2f}"
                        for t in TYPES)
        label = "veille−spaCy" if name == "Δ" else name
        print(f"{label:15}{cells}{types}")


def print_patterns(rows: list[dict]) -> None:
    print(f"\nTop {len(rows)} disagreements, veille vs bare spaCy "
          "(better = right mentions minus wrong ones, against gold):")
    for row in rows:
        print(f"{row['count']:5}  {row['pattern']}  [veille better {row['veille_better']}, "
              f"spaCy better {row['spacy_better']}, tie {row['tie']}]")
        print(f"       {row['example']}")


def evaluate(path: Path, limit: int | None = None) -> dict:
    """Score bare spaCy and veille on ``path``; the figures and the disagreement patterns.

    1. read the sentences and load the model;
    2. parse once, read both systems' mentions;
    3. score both against gold, and list where they disagree.
    """
    sentences = read_conll(path, limit)                                         # 1
    nlp = spacy.load(MODEL)
    started = time.perf_counter()
    found = predict(sentences, nlp)                                              # 2
    seconds = time.perf_counter() - started
    gold = [(n, s, e, t) for n, sent in enumerate(sentences) for s, e, t in sent.gold]
    scores = {name: score(gold, found[name]) for name in SYSTEMS}                # 3
    return {
        "file": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "sentences": len(sentences), "tokens": sum(len(s.words) for s in sentences),
        "model": f"{MODEL} {nlp.meta['version']}", "spacy": spacy.__version__,
        "pipeline": "full (" + ", ".join(nlp.pipe_names) + ")", "seconds": round(seconds, 1),
        "scores": scores, "difference": difference(scores["veille"], scores["spacy"]),
        "disagreements": disagreements(sentences, gold, found),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, help=f"CoNLL file (default {DEV_FILE})")
    parser.add_argument("--limit", type=int, help="score only the first N sentences")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the figures to OUT")
    parser.add_argument("--final", action="store_true",
                        help=f"score the held-out test set ({TEST_FILE.name}); for releases only")
    args = parser.parse_args(argv)
    path = args.path or (TEST_FILE if args.final else DEV_FILE)
    if "test" in path.name and not args.final:
        parser.error(f"{path.name} is the held-out test set: pass --final to score it")
    result = evaluate(path, args.limit)
    print(f"{result['file']}: {result['sentences']} sentences, {result['tokens']} tokens; "
          f"{result['model']}, spaCy {result['spacy']}, {result['pipeline']}; "
          f"parse and recognise {result['seconds']} s\n")
    print_table(result["scores"], result["difference"])
    print_patterns(result["disagreements"])
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
