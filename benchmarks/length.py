"""Extraction cost against document length: seconds per 100 KB, from 10 KB to 2 MB.

Usage::

    python benchmarks/length.py [--sizes 10,30,100,300,1000,2000] [--whole-up-to KB] [--quick] [--json OUT]

Each document is one long dossier in the genre: generated articles of ``synthetic.py`` one after
the other, each its title on a line of its own and its paragraphs, cut at a paragraph to the size
asked (KB of UTF-8, 1 KB = 1,000 bytes). Each size is extracted once by ``Pipeline.extract``
(cleaning included) after a warm-up on a short article, and timed on the clock; the pipeline
cuts a document longer than ``pieces.PIECE_CHARS`` into pieces (``veille/pieces.py``).

The figure is seconds per 100 KB at each size, on the clock and in the process's CPU time (which
other work on a shared machine moves less), and the largest CPU figure over the smallest: flat
cost is 1.0, the target at most 1.5. ``--whole-up-to KB`` also times the sizes up to KB read in
one piece, as before pieces (default 100; 0: none; spaCy refuses a text over 1,000,000
characters, and below that a whole reading grows with the square of the length).
"""

import argparse
import json
import sys
import time
from pathlib import Path

from veille.extract import pieces
from veille.model import Document
from veille.pipeline import Pipeline, Report
from veille.settings import Settings

if str(Path(__file__).resolve().parent) not in sys.path:     # benchmarks/ is no package
    sys.path.append(str(Path(__file__).resolve().parent))
import memory                                   # noqa: E402
import synthetic                                # noqa: E402

SIZES_KB = (10, 30, 100, 300, 1000, 2000)
QUICK_SIZES_KB = (10, 30, 100)
WHOLE_UP_TO_KB = 100
TARGET = 1.5
#: a piece size no document reaches: the document read whole, as before pieces
WHOLE = 10 ** 9
#: generated articles asked for per KB of dossier (one is about 0.8 KB): more than it needs
ARTICLES_PER_KB = 2


def dossier(size_kb: int, seed: int = 11) -> Document:
    """A document of about ``size_kb`` KB (UTF-8): generated articles one after the other, cut at
    the last paragraph that fits."""
    limit, paragraphs, used = size_kb * 1000, [], 0
    for record in synthetic.articles(ARTICLES_PER_KB * size_kb + 10, seed):  # the cast is built for as many
        for paragraph in [record["title"], *record["text"].split("\n\n")]:
            cost = len(paragraph.encode("utf-8")) + 2
            if used + cost > limit:
                return Document(doc_id=f"dossier-{size_kb}kb", text="\n\n".join(paragraphs),
                                published=record["published"], origin=f"dossier-{size_kb}kb")
            paragraphs.append(paragraph)
            used += cost
    raise AssertionError("synthetic.articles ran out")


def timed(pipeline: Pipeline, doc: Document) -> dict:
    """One extraction of ``doc``, timed; what it found."""
    report = Report()
    began, cpu = time.perf_counter(), time.process_time()
    found = list(pipeline.extract([doc], report))
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    size = len(doc.text.encode("utf-8"))
    out = {"bytes": size, "chars": len(doc.text), "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
           "s_per_100kb": round(seconds / (size / 100_000), 2),
           "cpu_s_per_100kb": round(cpu / (size / 100_000), 2),
           "pieces": len(pieces.cut_points(doc.text, pipeline.piece_chars)) - 1,
           "failed": [f"{f.origin}: {f.reason}" for f in report.failures]}
    if found:
        out.update(entities=len(found[0].entities), relations=len(found[0].relations), events=len(found[0].events))
    return out


def run(sizes: tuple[int, ...] = SIZES_KB, whole_up_to: int = WHOLE_UP_TO_KB, quick: bool = False) -> dict:
    """Time each size in pieces (and, up to ``whole_up_to`` KB, whole); the figures as a dict."""
    sizes = QUICK_SIZES_KB if quick else tuple(sizes)
    settings = Settings()
    pipeline = Pipeline(settings)
    whole = Pipeline(settings, model=pipeline.model, piece_chars=WHOLE)
    list(pipeline.extract([dossier(3, seed=1)], Report()))                  # warm-up
    rows = []
    for size in sizes:
        doc = dossier(size)
        row = {"size_kb": size, "pieces": timed(pipeline, doc)}
        if size <= whole_up_to:
            row["whole"] = timed(whole, dossier(size))
        rows.append(row)
        print(f"{size:>6} KB  {row['pieces']['cpu_s_per_100kb']:>6.2f} CPU s/100 KB"
              + (f"  (whole: {row['whole']['cpu_s_per_100kb']:.2f})" if "whole" in row else ""),
              file=sys.stderr, flush=True)
    rates = [r["pieces"]["cpu_s_per_100kb"] for r in rows]
    ratio = max(rates) / min(rates)
    return {"sizes_kb": list(sizes), "piece_chars": pipeline.piece_chars, "context_chars": pieces.CONTEXT_CHARS,
            "rows": rows, "ratio_max_over_min": round(ratio, 2), "target": TARGET, "met": ratio <= TARGET,
            "peak_rss_mib": memory.peak_rss_mib()}


def print_table(r: dict) -> None:
    print(f"pieces of at most {r['piece_chars']:,} characters (context {r['context_chars']:,})\n")
    print(f"{'size':>8}{'pieces':>8}{'seconds':>10}{'CPU s':>8}{'s/100 KB':>10}{'CPU s/100 KB':>14}"
          f"{'whole CPU s/100 KB':>20}{'entities':>10}{'relations':>10}{'events':>8}")
    for row in r["rows"]:
        p, w = row["pieces"], row.get("whole")
        print(f"{row['size_kb']:>5} KB{p['pieces']:>8}{p['seconds']:>10.1f}{p['cpu_seconds']:>8.1f}"
              f"{p['s_per_100kb']:>10.2f}{p['cpu_s_per_100kb']:>14.2f}"
              f"{(format(w['cpu_s_per_100kb'], '.2f') if w else '-'):>20}"
              f"{p.get('entities', '-'):>10}{p.get('relations', '-'):>10}{p.get('events', '-'):>8}"
              + (f"  FAILED: {p['failed']}" if p["failed"] else ""))
    print(f"\nlargest / smallest CPU s per 100 KB: {r['ratio_max_over_min']:.2f} "
          f"(target at most {r['target']}: {'met' if r['met'] else 'MISSED'})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES_KB)), help="sizes in KB, comma-separated")
    parser.add_argument("--whole-up-to", type=int, default=WHOLE_UP_TO_KB, metavar="KB",
                        help="also time the sizes up to KB read whole, as before pieces (0: none)")
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES_KB} only")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the figures to OUT")
    args = parser.parse_args(argv)
    result = run(tuple(int(s) for s in args.sizes.split(",")), args.whole_up_to, args.quick)
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if not any(r["pieces"]["failed"] for r in result["rows"]) else 1


if __name__ == "__main__":
    sys.exit(main())
