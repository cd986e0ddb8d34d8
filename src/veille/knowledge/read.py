"""The one reader of veille's French knowledge: the JSON files of ``data/`` beside this module."""

import json
from pathlib import Path

#: the folder of the knowledge files (gazetteer, lexicons, frames, cues, rules, scorer weights)
DATA = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    return DATA / name


def load_json(name: str) -> dict:
    """The content of one knowledge file, read as UTF-8 JSON."""
    with data_path(name).open(encoding="utf-8") as fh:
        return json.load(fh)
