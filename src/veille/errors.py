"""One root error for everything veille raises on purpose.

User errors (bad input, bad settings) are subclasses of :class:`VeilleError`; the CLI prints
their message on one line and never a traceback. Anything else is a bug.
"""


class VeilleError(Exception):
    """Root of every error veille raises deliberately."""


class InputError(VeilleError):
    """A document could not be read: binary, empty, too large, undecodable, malformed."""

    def __init__(self, origin: str, reason: str):
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class SettingsError(VeilleError):
    """A setting has a value veille cannot use."""


class InvalidModel(VeilleError):
    """The ontology or a data file contradicts itself (checked when it is loaded)."""


class StoreError(VeilleError):
    """The store cannot be opened, read or written: a bad URL, no server, a database error."""


class UnknownEntity(StoreError):
    """A relation or an event of a document names an entity the document does not have."""


class Refused(StoreError):
    """The database refused a value of a document (a constraint, a character it cannot hold)."""


class JudgementRefused(VeilleError):
    """An analyst's judgement that cannot hold: a merge of entities of different types (a person
    with an organisation, an organisation with a place)."""


class QueryError(VeilleError):
    """A query of the store cannot be answered as asked: a malformed date, an unknown type, a
    name that several entities bear."""
