"""What the web application is given: its bearer token, read-only mode and limits (from the
settings, ``VEILLE_TOKEN`` and ``VEILLE_READ_ONLY``, unless the caller gives them)."""

from dataclasses import dataclass

#: Room for the multipart envelope and form fields of an upload, over the file itself.
BODY_OVERHEAD = 64 * 1024


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
