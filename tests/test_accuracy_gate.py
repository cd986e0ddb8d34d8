"""The accuracy gate: extraction of the shared corpus, scored by the shared scorer on each split
(``develop``, ``check``), must not fall below the floors pinned in ``accuracy_floors.json``."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from veille.pipeline import Pipeline, Report
from veille.settings import Settings

from .conftest import shared_or_skip

FLOORS = Path(__file__).with_name("accuracy_floors.json")
SPLITS = ("develop", "check")
#: figures that are not "section.field" scores of the scorer
SPECIAL = ("precision_per_relation_type", "distinct_merged")


def figure(scores: dict, dotted: str) -> float:
    section, field = dotted.split(".")
    return scores[section][field]


def test_every_target_is_pinned_by_a_floor():
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    for split, targets in data["targets"].items():
        assert set(targets) <= set(data["floors"][split]), f"a target of {split} has no floor"
    for split in SPLITS:
        assert set(data["floors"][split]) >= set(SPECIAL), f"{split} lacks {SPECIAL}"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory, nlp_model):
    shared = shared_or_skip()
    pipeline = Pipeline(Settings(), model=nlp_model)
    report = Report()
    docs = list(pipeline.extract_paths([str(shared / "corpus" / "docs")], report))
    assert not report.failures
    out = tmp_path_factory.mktemp("gate") / "extract.json"
    out.write_text(json.dumps([d.to_record() for d in docs], ensure_ascii=False), encoding="utf-8")
    return shared, out


@pytest.mark.model
@pytest.mark.parametrize("split", SPLITS)
def test_corpus_scores_above_floors(extracted, split):
    shared, out = extracted
    run = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(out),
                          str(shared / "corpus" / "gold"), "--split", split, "--json"],
                         capture_output=True, text=True, check=True)
    scores = json.loads(run.stdout)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["floors"][split]
    low = {name: (figure(scores, name), floor) for name, floor in floors.items()
           if name not in SPECIAL and figure(scores, name) < floor}
    assert not low, f"{split}: below the pinned floors (score, floor): {low}"
    imprecise = {name: v["p"] for name, v in scores.items()
                 if name.startswith("rel_") and v["pred"] and v["p"] < floors["precision_per_relation_type"]}
    assert not imprecise, f"{split}: relation types emitted with precision under the floor: {imprecise}"
    merged = scores["resolution"]["distinct_merged"]
    assert merged <= floors["distinct_merged"], f"{split}: {merged} look-alike pairs merged"
