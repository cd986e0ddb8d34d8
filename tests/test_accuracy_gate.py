"""The accuracy gate: extraction of the shared dev corpus, scored by the shared scorer, must not
fall below the floors pinned in ``accuracy_floors.json``."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from veille.pipeline import Pipeline, Report
from veille.settings import Settings

from .conftest import shared_or_skip

FLOORS = Path(__file__).with_name("accuracy_floors.json")


def figure(scores: dict, dotted: str) -> float:
    section, field = dotted.split(".")
    return scores[section][field]


def test_floors_never_below_targets():
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    for name, target in data["targets"].items():
        assert data["floors"][name] >= target, f"floor {name} lowered below the target {target}"


@pytest.mark.model
def test_dev_corpus_scores_above_floors(tmp_path, nlp_model):
    shared = shared_or_skip()
    pipeline = Pipeline(Settings(), model=nlp_model)
    report = Report()
    docs = list(pipeline.extract_paths([str(shared / "corpus" / "docs")], report))
    assert not report.failures
    out = tmp_path / "extract.json"
    out.write_text(json.dumps([d.to_record() for d in docs], ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(out),
                          str(shared / "corpus" / "gold"), "--json"], capture_output=True, text=True, check=True)
    scores = json.loads(run.stdout)
    pinned = json.loads(FLOORS.read_text(encoding="utf-8"))
    floors = pinned["floors"]
    low = {name: (figure(scores, name), floor) for name, floor in floors.items() if figure(scores, name) < floor}
    assert not low, f"below the pinned floors (score, floor): {low}"
    imprecise = {name: v["p"] for name, v in scores.items()
                 if name.startswith("rel_") and v["pred"] and v["p"] < pinned["precision_per_relation_type"]}
    assert not imprecise, f"relation types emitted with precision under the floor: {imprecise}"
    assert scores["resolution"]["distinct_merged"] == 0, "look-alikes merged"
