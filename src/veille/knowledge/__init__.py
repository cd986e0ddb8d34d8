"""French knowledge, kept as data in ``data/`` and loaded once: what the stages know besides the text.

- ``gazetteer.py``: the world's services, armed groups, media, government bodies, international
  organisations (``organisations.json``), places (``places.json``) and countries with their
  demonyms (``countries.json``), matched over tokens;
- ``lexicon.py``: the heads and cues of descriptive names (``entity_lexicon.json``);
- ``cues.py``: the frame lexicon (``frames.json``: triggers, what they evoke, their argument
  slots) and the role and phrase cues (``relation_cues.json``);
- the rules compiled by the stage that reads them, from the same folder through the same reader
  (``read.py``): who says so (``attribution_fr.json``), dates (``dates_fr.json``), cleaning
  (``boilerplate.json``), cross-document resolution (``resolution_fr.json``), the relation
  scorer's weights (``relation_scorer.json``).

:class:`Knowledge` holds the first three, tokenised with the model's own tokenizer; the pipeline
loads it once and passes it to every stage.
"""

from dataclasses import dataclass
from typing import Callable, Sequence

from .cues import Cues
from .gazetteer import Gazetteer
from .lexicon import Lexicon


@dataclass(frozen=True)
class Knowledge:
    gazetteer: Gazetteer
    lexicon: Lexicon
    cues: Cues

    @classmethod
    def load(cls, tokenize: Callable[[str], Sequence[str]]) -> "Knowledge":
        return cls(Gazetteer.load(tokenize), Lexicon.load(tokenize), Cues.load(tokenize))
