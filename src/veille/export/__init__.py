"""Exports of the store's canonical graph: ``veille export --format ftm|graphml|gexf|csv``.

- ``graph.py``: the canonical graph read from the store once (entities, statements, documents,
  claims), for every format;
- ``ftm.py``: FollowTheMoney entities as JSON lines (Aleph, OpenAleph, ``ftm`` tools);
- ``network.py``: a networkx MultiDiGraph as GraphML or GEXF (Gephi);
- ``tables.py``: CSV tables of entities, relations, events, claims and documents;
- ``cli.py``: the ``export`` command, a thin wrapper over :func:`export`.

A file is written under a temporary name beside it and renamed when complete, so an export that
fails leaves no half-written file where the previous one was.
"""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import VeilleError
from ..store.db import Store
from .ftm import write_ftm
from .graph import CanonicalGraph, canonical_graph
from .network import write_gexf, write_graphml
from .tables import write_tables


class ExportError(VeilleError):
    """An export cannot be made as asked: an unknown format, a path it cannot write."""


def _ftm(graph: CanonicalGraph, stream: IO[bytes]) -> dict:
    return {"FtM entities": write_ftm(graph, stream)}


def _graphml(graph: CanonicalGraph, stream: IO[bytes]) -> dict:
    network = write_graphml(graph, stream)
    return {"nodes": network.number_of_nodes(), "edges": network.number_of_edges()}


def _gexf(graph: CanonicalGraph, stream: IO[bytes]) -> dict:
    network = write_gexf(graph, stream)
    return {"nodes": network.number_of_nodes(), "edges": network.number_of_edges()}


#: The formats written to one stream, and what writes each; ``csv`` writes several files.
STREAMED: dict[str, Callable[[CanonicalGraph, IO[bytes]], dict]] = {
    "ftm": _ftm, "graphml": _graphml, "gexf": _gexf}
FORMATS = (*STREAMED, "csv")


@dataclass
class ExportReport:
    """What an export wrote: the format, where, and how many of each thing."""

    format: str
    out: str
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        counted = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        return f"exported {counted} as {self.format} to {self.out}"


def check_request(fmt: str, out: str | None) -> None:
    """Raise :class:`ExportError` for an unknown format, or for CSV without a place to write
    its several tables (they cannot share standard output)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    if fmt == "csv" and not out:
        raise ExportError("csv writes several tables: give --out FOLDER or --out FILE.zip")


def export(store: Store, fmt: str, out: str | None = None, stream: IO[bytes] | None = None) -> ExportReport:
    """Write the canonical graph of ``store`` in the format ``fmt`` to the path ``out``, or to
    the binary ``stream`` (standard output) when no path is given.

    1. check the request, and that the place to write can be written, before reading anything;
    2. read the canonical graph (``graph.canonical_graph``);
    3. write it (a file under a temporary name, renamed when complete).
    """
    check_request(fmt, out)                                                              # 1
    if fmt == "csv":
        target = _folder_or_zip(Path(out))
        graph = canonical_graph(store)                                                   # 2
        with _writing(target):
            write_tables(graph, target)                                                  # 3
        return ExportReport(fmt, str(target), _counts(graph))
    with _output(out, stream) as target:
        graph = canonical_graph(store)                                                   # 2
        written = STREAMED[fmt](graph, target)                                           # 3
    return ExportReport(fmt, out or "standard output", {**_counts(graph), **written})


def _counts(graph: CanonicalGraph) -> dict[str, int]:
    return {"entities": len(graph.entities), "relations": len(graph.relations), "events": len(graph.events),
            "claims": len(graph.claims), "documents": len(graph.documents)}


# ---------------------------------------------------------------- where to write

@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """OS errors while writing ``path`` as one :class:`ExportError` line."""
    try:
        yield
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {(exc.strerror or str(exc)).lower()}") from None


@contextmanager
def _output(out: str | None, stream: IO[bytes] | None) -> Iterator[IO[bytes]]:
    """The stream to write to: ``stream`` when no path is given, else a temporary file beside
    ``out``, renamed to ``out`` when the block ends without error (and removed otherwise)."""
    if not out:
        if stream is None:
            raise ExportError("nowhere to write: give a path or a stream")
        yield stream
        return
    path = Path(out)
    # a name of our own beside the target (opened as any file is: the umask applies)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with _writing(path):
            if path.is_dir():
                raise IsADirectoryError(21, "Is a directory")
            with open(temporary, "wb") as target:
                yield target
            os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()


def _folder_or_zip(path: Path) -> Path:
    """``path`` once it is known to be writable as a folder of tables or as a zip archive."""
    with _writing(path):
        if path.suffix.lower() == ".zip":
            if path.is_dir():
                raise IsADirectoryError(21, "Is a directory")
            if not path.parent.is_dir():
                raise FileNotFoundError(2, "No such file or directory")
            if not os.access(path.parent, os.W_OK):
                raise PermissionError(13, "Permission denied")
        else:
            path.mkdir(parents=True, exist_ok=True)
            if not os.access(path, os.W_OK):
                raise PermissionError(13, "Permission denied")
    return path
