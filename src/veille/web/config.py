"""What the web application is given: its store, settings, bearer token, read-only mode and limits.

The token and read-only mode come from ``VEILLE_TOKEN`` and ``VEILLE_READ_ONLY`` when the caller
gives none (:func:`from_environ`). They are read here rather than in ``settings.py`` because they
only concern the web application; :func:`from_environ` is the one place that reads them.
"""

import os
from dataclasses import dataclass

from ..errors import SettingsError

#: Room for the multipart envelope and form fields of an upload, over the file itself.
BODY_OVERHEAD = 64 * 1024
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


@dataclass(frozen=True)
class WebConfig:
    #: When set, every route but ``/api/health`` and static files requires it (``guard.py``).
    token: str | None = None
    #: Every write route answers 403.
    read_only: bool = False
    #: Largest uploaded file, in bytes (``VEILLE_MAX_BYTES`` by default, as for ``veille ingest``).
    max_upload_bytes: int = 5 * 1024 * 1024

    @property
    def max_body_bytes(self) -> int:
        """Largest request body: an upload of the largest file, and its envelope."""
        return self.max_upload_bytes + BODY_OVERHEAD


def from_environ(environ=None) -> dict:
    """``token`` and ``read_only`` as ``VEILLE_TOKEN`` and ``VEILLE_READ_ONLY`` set them."""
    environ = os.environ if environ is None else environ
    token = environ.get("VEILLE_TOKEN", "").strip() or None
    raw = environ.get("VEILLE_READ_ONLY", "").strip().lower()
    if raw not in _TRUE + _FALSE:
        raise SettingsError(f"VEILLE_READ_ONLY must be true or false, not {raw!r}")
    return {"token": token, "read_only": raw in _TRUE}
