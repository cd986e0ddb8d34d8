"""Throughput of veille's extraction against bare spaCy on the same texts.

Usage::

    python benchmarks/throughput.py [--docs N] [--texts auto|conll|samples|synthetic] [--passes P] [--json OUT]

The texts (``--texts``; ``auto`` by default) are pseudo-articles of about 25 sentences each,
rebuilt from the sentences of ``../shared/ner/fr_dev.conll`` (French Wikipedia; every document
distinct); without that file, the articles of ``samples/`` as ingest reads them, repeated with a
numbered first line so that no copy is skipped as a duplicate; or (``synthetic``) the generated
news articles of ``synthetic.py``, 80 to 150 words each, those ``ingest_growth.py`` stores. Both
sides run in this process on the same texts, after a warm-up of both:

- bare: ``list(nlp.pipe(texts, batch_size=32))``;
- veille: ``Pipeline(settings).extract(documents, Report())`` consumed fully (its own copy of the
  model, with veille's two small pipeline components)
  (clean, parse, entities, resolve).

Words are whitespace-separated tokens of the texts. Each side runs three times (``--passes``),
alternating, and the median pass counts; the ratio veille/bare is of words per second (below 1: veille is
slower).
"""

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

import spacy

import veille
from veille.prepare.read import read_paths
from veille.model import Document
from veille.pipeline import Pipeline, Report
from veille.settings import Settings

if str(Path(__file__).resolve().parent) not in sys.path:     # benchmarks/ is no package
    sys.path.append(str(Path(__file__).resolve().parent))
import memory                                   # noqa: E402
import synthetic                                # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CONLL = ROOT.parent / "shared" / "ner" / "fr_dev.conll"
SAMPLES = ROOT / "samples"
SENTENCES_PER_DOC = 25
SENTENCES_PER_PARAGRAPH = 5
PASSES = 3
BATCH_SIZE = 32
#: one full batch, so that the timed passes allocate nothing the warm-up did not
WARM_UP_DOCS = BATCH_SIZE
SAMPLE_SUFFIXES = (".txt", ".html", ".jsonl")

#: Rough French detokenisation: no space before closing punctuation and after opening
#: brackets or an elided word (``l' armée`` → ``l'armée``); « », ; : ! ? keep theirs.
_DETOKENISE = (
    (re.compile(r" ([,.)\]…])"), r"\1"),
    (re.compile(r"([(\[]) "), r"\1"),
    (re.compile(r"(\b\w+['’]) "), r"\1"),
)


# ---------------------------------------------------------------- texts

def conll_texts(path: Path) -> list[str]:
    """Pseudo-articles of SENTENCES_PER_DOC sentences of a CoNLL file, in paragraphs."""
    sentences = [_detokenise(block) for block in path.read_text(encoding="utf-8").split("\n\n")
                 if block.strip()]
    texts = []
    for at in range(0, len(sentences), SENTENCES_PER_DOC):
        group = sentences[at:at + SENTENCES_PER_DOC]
        paragraphs = [" ".join(group[p:p + SENTENCES_PER_PARAGRAPH])
                      for p in range(0, len(group), SENTENCES_PER_PARAGRAPH)]
        texts.append("\n\n".join(paragraphs))
    return texts


def _detokenise(block: str) -> str:
    text = " ".join(line.split("\t")[0] for line in block.split("\n") if line.strip())
    for pattern, replacement in _DETOKENISE:
        text = pattern.sub(replacement, text)
    return text


def sample_texts(folder: Path, settings: Settings) -> list[str]:
    """The raw texts ingest reads from the sample articles (HTML already extracted); the
    folder's README is no article."""
    paths = sorted(str(p) for p in folder.iterdir() if p.suffix in SAMPLE_SUFFIXES)
    return [d.text for d in read_paths(paths, settings) if isinstance(d, Document)]


def distinct(texts: list[str], n: int) -> list[str]:
    """``n`` texts cycling through ``texts``, each copy given a numbered first line (a last
    line would be lost after a comment form, which clean cuts off with all that follows)."""
    copies = []
    for i in range(n):
        text = texts[i % len(texts)]
        copies.append(text if i < len(texts) else f"Document {i}.\n\n{text}")
    return copies


# ---------------------------------------------------------------- timing

def time_bare(nlp, texts: list[str]) -> float:
    started = time.perf_counter()
    list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    return time.perf_counter() - started


def time_veille(pipeline: Pipeline, texts: list[str]) -> tuple[float, Report]:
    documents = [Document(doc_id=f"bench-{i}", text=t) for i, t in enumerate(texts)]
    report = Report()
    started = time.perf_counter()
    for _ in pipeline.extract(documents, report):
        pass
    return time.perf_counter() - started, report


def measure(nlp, pipeline: Pipeline, texts: list[str], passes: int = PASSES) -> dict:
    """Median seconds of each side over alternating passes, after a warm-up of both.

    1. warm up both sides on a few texts;
    2. run bare and veille in turn, ``passes`` times;
    3. keep the median of each, and the last veille report (it must have skipped nothing).
    """
    time_bare(nlp, texts[:WARM_UP_DOCS])                                         # 1
    time_veille(pipeline, texts[:WARM_UP_DOCS])
    bare, ours = [], []
    for _ in range(passes):                                                      # 2
        bare.append(time_bare(nlp, texts))
        seconds, report = time_veille(pipeline, texts)
        ours.append(seconds)
    return {"bare_s": [round(s, 3) for s in bare], "veille_s": [round(s, 3) for s in ours],   # 3
            "bare_median_s": statistics.median(bare), "veille_median_s": statistics.median(ours),
            "report": report.summary(), "skipped": len(report.duplicates) + len(report.failures)}


# ---------------------------------------------------------------- report

def machine() -> dict:
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {"cpu_count": os.cpu_count(), "usable_cores": affinity, "machine": platform.machine(),
            "processor": memory.cpu_model(), "python": platform.python_version(), "spacy": spacy.__version__,
            "veille": getattr(veille, "__version__", "?")}


def texts_for(source: str, n_docs: int | None, settings: Settings, seed: int = 7) -> tuple[list[str], str]:
    """The texts of ``source`` (auto, conll, samples, synthetic), ``n_docs`` of them or its
    default count, and where they come from."""
    if source == "auto":
        source = "conll" if CONLL.exists() else "samples"
    if source == "synthetic":
        records = synthetic.articles(n_docs or 200, seed)
        return [r["text"] for r in records], f"synthetic.py (seed {seed})"
    if source == "conll":
        base = conll_texts(CONLL)
        return distinct(base, n_docs or len(base)), str(CONLL)
    if source == "samples":
        base = sample_texts(SAMPLES, settings)
        return distinct(base, n_docs or 10 * len(base)), str(SAMPLES)
    raise ValueError(f"unknown texts {source!r} (auto, conll, samples, synthetic)")


def run(docs: int | None = None, texts: str = "auto", passes: int = PASSES, seed: int = 7) -> dict:
    """Build the texts, load the model once, time both sides; the figures as a dict."""
    settings = Settings(batch_size=BATCH_SIZE)
    chosen, origin = texts_for(texts, docs, settings, seed)
    nlp = spacy.load(settings.model)                      # bare spaCy, as a user would load it
    pipeline = Pipeline(settings)                         # veille loads its own copy, with its components
    words = sum(len(t.split()) for t in chosen)
    timing = measure(nlp, pipeline, chosen, passes)
    bare_wps = words / timing["bare_median_s"]
    veille_wps = words / timing["veille_median_s"]
    return {"texts": origin, "docs": len(chosen), "words": words,
            "model": f"{settings.model} {nlp.meta['version']}", "batch_size": BATCH_SIZE,
            "passes": passes, **timing, "bare_words_per_s": round(bare_wps),
            "veille_words_per_s": round(veille_wps), "ratio_veille_over_bare": round(veille_wps / bare_wps, 3),
            "machine": machine(), "peak_rss_mib": memory.peak_rss_mib()}


def benchmark(n_docs: int | None) -> dict:
    """The default run on ``n_docs`` documents (the name earlier scripts import)."""
    return run(docs=n_docs)


def print_table(r: dict) -> None:
    m = r["machine"]
    print(f"{r['docs']} documents, {r['words']} words from {r['texts']}; {r['model']}, batch {r['batch_size']}")
    print(f"{m['usable_cores']} usable cores ({m['cpu_count']} in all, {m['processor']}), "
          f"Python {m['python']}, spaCy {m['spacy']}, veille {m['veille']}\n")
    print(f"{'':10}{'median s':>10}{'words/s':>10}   passes (s)")
    print(f"{'bare':10}{r['bare_median_s']:>10.2f}{r['bare_words_per_s']:>10}   {r['bare_s']}")
    print(f"{'veille':10}{r['veille_median_s']:>10.2f}{r['veille_words_per_s']:>10}   {r['veille_s']}")
    print(f"\nveille/bare words/s: {r['ratio_veille_over_bare']:.3f}   (veille: {r['report']})")
    if r["skipped"]:
        print("warning: veille skipped some documents; the two sides did not do the same work")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, help="number of documents (default: every distinct one)")
    parser.add_argument("--texts", default="auto", choices=("auto", "conll", "samples", "synthetic"))
    parser.add_argument("--passes", type=int, default=PASSES)
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the figures to OUT")
    args = parser.parse_args(argv)
    result = run(docs=args.docs, texts=args.texts, passes=args.passes)
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
