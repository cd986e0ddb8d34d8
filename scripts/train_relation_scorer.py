#!/usr/bin/env python3
"""Train the learned relation scorer (``src/veille/learned.py``) on the corpus's develop split.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/train_relation_scorer.py [--corpus ../shared/corpus] [--out src/veille/knowledge/data/relation_scorer.json]

1. run the real pipeline (rules only) over the develop documents, keeping every candidate pair of
   entities sharing a sentence with its features (``learned.candidates``);
2. align the predicted entities to the gold ones by the shared scorer's rules (``eval/score.py``,
   imported from the corpus folder) and label each ordered pair with the gold relation type
   between them, or ``none``;
3. choose the regularisation by cross-validation grouped by document (GroupKFold) and, on the
   out-of-fold probabilities, the add threshold (the best relation F1 of rules + added pairs
   while the added pairs keep precision >= 0.70) and the filter threshold (the best F1 of the
   rules less the pairs scored under it);
4. fit on every develop document and write the weights, the vocabulary and the thresholds as JSON.

Deterministic: documents in sorted order, fixed folds, a deterministic solver; the same corpus
and rules give the same file. Only the develop split is read.
"""

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

import veille.extract.relations as relation_stage
from veille.extract import learned
from veille import settings
from veille.ontology import RELATION_TYPES
from veille.pipeline import Pipeline, Report
from veille.prepare.read import read_paths

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("none", *sorted(RELATION_TYPES))
C_GRID = (0.1, 0.3, 1.0, 3.0)
ADD_GRID = tuple(round(x, 2) for x in np.arange(0.30, 0.96, 0.05))
FILTER_GRID = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3)
MIN_PRECISION = 0.70
NEVER = 1.01            # an add threshold above any probability
MIN_COUNT = 2           # features seen fewer times in training are left out of the vocabulary
FOLDS = 5


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--out", default=str(learned.MODEL_FILE))
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not (corpus / "splits.json").exists():
        print(f"error: no corpus at {corpus} (splits.json missing)", file=sys.stderr)
        return 1
    began = time.perf_counter()
    score = _shared_scorer(corpus)
    docs = _extracted(corpus)                                                       # 1
    rows = _labelled(corpus, docs, score)                                           # 2
    vocab = _vocabulary(rows)
    x, y, groups = _matrix(rows, vocab)
    print(f"{len(docs)} documents, {len(rows)} candidates, {int((y > 0).sum())} positive, "
          f"{len(vocab)} features", file=sys.stderr)
    choice = _cross_validated(rows, x, y, groups, docs)                                # 3
    model = _fit(x, y, choice["C"])                                                 # 4
    record = _record(model, vocab, choice)
    Path(args.out).write_text(json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                              encoding="utf-8")
    print(json.dumps({**choice["report"], "seconds": round(time.perf_counter() - began, 1),
                      "bytes": Path(args.out).stat().st_size}, indent=2), file=sys.stderr)
    return 0


def _shared_scorer(corpus: Path):
    path = corpus.parent / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- 1. the pipeline's candidates

def _extracted(corpus: Path) -> dict[str, dict]:
    """doc_id → the rules' relations, the candidates and the entities' forms, per develop document."""
    develop = set(json.loads((corpus / "splits.json").read_text(encoding="utf-8"))["develop"])
    paths = sorted(str(p) for p in (corpus / "docs").iterdir() if p.stem in develop or p.name in develop)
    seen: dict[str, dict] = {}
    original = relation_stage.relations

    def recording(doc, cues, view, demonym, scorer="off"):
        # the stage as the pipeline runs it, rules only; the view still holds the parse here
        doc = original(doc, cues, view, demonym, "off")
        entry = seen.setdefault(doc.doc_id, {"candidates": [], "rules": [], "entities": {}, "types": {}})
        entry["candidates"] += learned.candidates(view, doc.relations)
        entry["rules"] += [(r.type, r.subject, r.object, learned.sentence_of(view, r)) for r in doc.relations]
        for e in doc.entities:
            entry["types"][e.id] = e.type
            entry["entities"][e.id] = {"name": e.name, "aliases": list(e.aliases),
                                       "mentions": [{"text": m.text} for m in e.mentions]}
        return doc

    relation_stage.relations = recording
    try:
        pipe = Pipeline(settings.load().with_overrides(relation_scorer="off"))
        report = Report()
        for _ in pipe.extract(read_paths(paths, pipe.settings, report.skipped), report):
            pass
    finally:
        relation_stage.relations = original
    return dict(sorted(seen.items()))


# ---------------------------------------------------------------- 2. labels from the gold

def _labelled(corpus: Path, docs: dict, score) -> list[dict]:
    rows = []
    for doc_id, entry in docs.items():
        gold_file = corpus / "gold" / f"{doc_id}.json"
        if not gold_file.exists():
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        to_gold, gold_keys = _alignment(score, gold, entry["entities"])
        entry["gold_keys"], entry["to_gold"] = gold_keys, to_gold
        for c in entry["candidates"]:
            label = _label(score, gold_keys, to_gold.get(c.subject), to_gold.get(c.object))
            rows.append({"doc": doc_id, "candidate": c, "label": label})
    return rows


def _alignment(score, gold: dict, entities: dict) -> tuple[dict, set]:
    """Predicted entity id → gold entity index (the scorer's many-to-one), and the gold keys."""
    ids = list(entities)
    _, many = score.align(gold.get("entities", []), [entities[i] for i in ids])
    to_gold = {ids[i]: j for i, j in many.items()}
    index = {}
    for j, g in enumerate(gold.get("entities", [])):
        for f in score.forms(g):
            index.setdefault(f, j)
    keys = set()
    for r in gold.get("relations", []):
        a, b = index.get(score.norm(r["subject"])), index.get(score.norm(r["object"]))
        if a is not None and b is not None:
            keys.add(score.key(r["type"], a, b))
    return to_gold, keys


def _label(score, gold_keys: set, a, b) -> str:
    if a is None or b is None or a == b:
        return "none"
    return next((t for t in LABELS[1:] if score.key(t, a, b) in gold_keys), "none")


def _vocabulary(rows: list[dict]) -> list[str]:
    counts = Counter(f for r in rows for f in r["candidate"].features)
    return sorted(f for f, n in counts.items() if n >= MIN_COUNT)


def _matrix(rows: list[dict], vocab: list[str]):
    column = {f: k for k, f in enumerate(vocab)}
    cells = [(i, column[f]) for i, r in enumerate(rows) for f in r["candidate"].features if f in column]
    x = sparse.csr_matrix((np.ones(len(cells)), ([i for i, _ in cells], [k for _, k in cells])),
                          shape=(len(rows), len(vocab)))
    y = np.array([LABELS.index(r["label"]) for r in rows])
    groups = np.array([r["doc"] for r in rows])
    return x, y, groups


# ---------------------------------------------------------------- 3. cross-validation

def _fit(x, y, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    return model.fit(x, y)


def _out_of_fold(x, y, groups, c: float) -> np.ndarray:
    """Probabilities per label (LABELS order) of each row, from a model that never saw its document."""
    probs = np.zeros((len(y), len(LABELS)))
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        model = _fit(x[train], y[train], c)
        probs[np.ix_(test, model.classes_)] = model.predict_proba(x[test])
    return probs


def _cross_validated(rows, x, y, groups, docs: dict) -> dict:
    """The C and thresholds of the best out-of-fold relation F1 (add variant, precision-bound)."""
    docs = {d: e for d, e in docs.items() if "gold_keys" in e}
    best = None
    table = []
    for c in C_GRID:
        probs = _out_of_fold(x, y, groups, c)
        add = _best_add(rows, probs, docs)
        filt = _best_filter(rows, probs, docs)
        table.append({"C": c, "add": add, "filter": filt})
        if best is None or add["f1"] > best["add"]["f1"]:          # a tie keeps the smaller C
            best = {"C": c, "add": add, "filter": filt}
    rules = _prf(*_counts(docs, _rules(docs)))
    report = {"cv_folds": FOLDS, "by_C": table, "chosen_C": best["C"], "rules_only_cv": rules}
    return {"C": best["C"], "add_threshold": best["add"]["threshold"],
            "filter_threshold": best["filter"]["threshold"], "report": report}


def _counts(docs: dict, predicted: dict) -> tuple[int, int, int]:
    """tp, predicted, gold over the documents, keyed as the shared scorer keys relations."""
    tp = n_pred = n_gold = 0
    for doc_id, entry in docs.items():
        keys = set()
        for k, (t, a, b) in enumerate(sorted(predicted.get(doc_id, ()))):  # the same pair once
            ga, gb = entry["to_gold"].get(a), entry["to_gold"].get(b)
            keys.add(_gold_key(t, ga, gb) if ga is not None and gb is not None else (t, "?", k))
        tp += len(keys & entry["gold_keys"])
        n_pred += len(keys)
        n_gold += len(entry["gold_keys"])
    return tp, n_pred, n_gold


def _gold_key(t, a, b):
    return (t, *sorted((a, b))) if RELATION_TYPES[t].symmetric else (t, a, b)


def _prf(tp, n_pred, n_gold) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "pred": n_pred, "gold": n_gold}


def _best_add(rows, probs, docs) -> dict:
    # no threshold keeps the added pairs precise enough: one above any probability adds nothing
    best = {"threshold": NEVER, **_prf(*_counts(docs, _rules(docs))), "added": 0, "added_p": None, "curve": {}}
    for threshold in ADD_GRID:
        predicted = _rules(docs)
        added = {}
        for r, p in zip(rows, probs):
            k = int(np.argmax(p[1:])) + 1
            c = r["candidate"]
            if p[k] >= threshold and _allowed(docs[r["doc"]], LABELS[k], c):
                added.setdefault(r["doc"], set()).add((LABELS[k], c.subject, c.object))
        new = {d: {x for x in s if _sym(x) not in {_sym(y) for y in predicted.get(d, set())}} for d, s in added.items()}
        tp_new, n_new, _ = _counts(docs, new)
        for d, s in new.items():
            predicted.setdefault(d, set()).update(s)
        scores = _prf(*_counts(docs, {d: {_sym(x) for x in s} for d, s in predicted.items()}))
        added_p = tp_new / n_new if n_new else None
        best["curve"][str(threshold)] = f"{tp_new}/{n_new} added right, F1 {scores['f1']}"
        if n_new and added_p >= MIN_PRECISION and scores["f1"] > best["f1"]:
            best = {"threshold": threshold, **scores, "added": n_new, "added_p": round(added_p, 4),
                    "curve": best["curve"]}
    return best


def _best_filter(rows, probs, docs) -> dict:
    at = {(r["doc"], r["candidate"].subject, r["candidate"].object, r["candidate"].sentence): p
          for r, p in zip(rows, probs)}
    best = None
    for threshold in FILTER_GRID:
        predicted = {}
        for d, entry in docs.items():
            kept = set()
            for t, a, b, sentence in entry["rules"]:
                p = at.get((d, a, b, sentence))
                if p is None or p[LABELS.index(t)] >= threshold:
                    kept.add((t, a, b))
            predicted[d] = kept
        scores = _prf(*_counts(docs, predicted))
        if best is None or scores["f1"] > best["f1"]:
            best = {"threshold": threshold, **scores}
    return best


def _rules(docs) -> dict:
    return {d: {(t, a, b) for t, a, b, _ in e["rules"]} for d, e in docs.items()}


def _sym(x):
    t, a, b = x
    return (t, *sorted((a, b))) if RELATION_TYPES[t].symmetric else x


def _allowed(entry, rtype, c) -> bool:
    kind = RELATION_TYPES[rtype]
    types = entry["types"]
    return types.get(c.subject) in kind.subjects and types.get(c.object) in kind.objects


# ---------------------------------------------------------------- 4. the model file

def _record(model: LogisticRegression, vocab: list[str], choice: dict) -> dict:
    coef = np.zeros((len(LABELS), len(vocab)))
    intercepts = np.zeros(len(LABELS))
    coef[model.classes_] = model.coef_
    intercepts[model.classes_] = model.intercept_
    missing = sorted(set(range(len(LABELS))) - set(model.classes_))
    intercepts[missing] = -30.0            # a type never seen in training is never predicted
    weights = {f: [round(float(w), 3) for w in coef[:, k]] for k, f in enumerate(vocab)
               if np.abs(coef[:, k]).max() >= 1e-3}
    return {"labels": list(LABELS), "intercepts": [round(float(b), 3) for b in intercepts], "weights": weights,
            "add_threshold": choice["add_threshold"], "filter_threshold": choice["filter_threshold"],
            "trained_on": "develop split of ../shared/corpus (scripts/train_relation_scorer.py)",
            "C": choice["C"]}


if __name__ == "__main__":
    sys.exit(main())
