"""The veille command end to end, in a subprocess like a user runs it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
VEILLE = [sys.executable, "-m", "veille.cli"]


def veille(*args, stdin=None):
    return subprocess.run([*VEILLE, *args], capture_output=True, text=True, input=stdin, cwd=REPO)


def test_help_lists_every_command():
    out = veille("--help")
    assert out.returncode == 0
    assert "extract" in out.stdout


def test_every_command_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    from veille.cli import main
    for name in main.commands:
        assert f"veille {name}" in readme, f"command {name} missing from README"


@pytest.mark.model
def test_extract_json_contract(tmp_path):
    article = tmp_path / "note.txt"
    article.write_text("Le général Karim Ouali, patron de la DGSE, a rencontré à Rabat le chef de la "
                       "Direction générale de la surveillance du territoire (DGST).", encoding="utf-8")
    out = veille("extract", str(article), "--format", "json")
    assert out.returncode == 0, out.stderr
    [record] = json.loads(out.stdout)
    assert record["doc_id"] == "note"
    assert set(record) >= {"doc_id", "title", "published", "source", "authors", "language", "text",
                           "entities", "relations", "events"}
    names = {e["name"]: e for e in record["entities"]}
    dgst = names["Direction générale de la surveillance du territoire"]
    assert "DGST" in dgst["aliases"] and dgst["country"] == "MA" and dgst["kind"] == "intelligence_service"
    for ent in record["entities"]:
        assert ent["canonical"] and ent["id"].startswith("e")
        for m in ent["mentions"]:
            assert record["text"][m["start"]:m["end"]] == m["text"]
    assert "read 1 document(s): 1 extracted" in out.stderr


@pytest.mark.model
def test_extract_bad_inputs_one_line_each_and_batch_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("La DGSE enquête à Bamako sur un réseau d'espions.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (tmp_path / "feed.jsonl").write_text('{"text": "Le FSB a arrêté un agent à Moscou."}\n{broken\n',
                                         encoding="utf-8")
    out = veille("extract", str(tmp_path), "--format", "jsonl")
    assert out.returncode == 1
    assert len(out.stdout.strip().splitlines()) == 2
    errors = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert "Traceback" not in out.stderr


@pytest.mark.model
def test_same_article_twice_is_processed_once(tmp_path):
    body = "Selon nos sources, la DGST a démantelé une cellule à Tanger."
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "b.txt").write_text("  " + body.upper().lower() + "\n", encoding="utf-8")
    out = veille("extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "jsonl")
    assert out.returncode == 0
    assert len(out.stdout.strip().splitlines()) == 1
    assert "1 duplicate(s) skipped" in out.stderr


def test_missing_path_is_a_clean_error(tmp_path):
    out = veille("extract", str(tmp_path / "nope.txt"))
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert "nope.txt" in out.stderr
