"""What the routes of one application share: the open store, its settings, and what is costly
to make: the extraction pipeline (the French model), loaded on the first upload.

Canonical ids need nothing here: the store's queries apply the judgements in force by default
(``store.judgements.judged``, computed once per state of the store), so an analyst's merge shows
on the next page.
"""

import threading
from typing import Callable

from anyio import CapacityLimiter
from fastapi import Request

from ..pipeline import Pipeline
from ..settings import Settings
from ..store import Store
from .config import WebConfig


class Context:
    """The store, settings and configuration of one application, and its pipeline."""

    def __init__(self, store: Store, settings: Settings, config: WebConfig,
                 pipeline: Callable[[Settings], Pipeline] = Pipeline):
        self.store, self.settings, self.config = store, settings, config
        self._make_pipeline = pipeline
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()
        #: one extraction at a time: the model is shared, and two would only compete for the CPU
        self.extracting = threading.Lock()
        #: the threads of uploads and exports (``app.py`` makes it with the event loop; None:
        #: AnyIO's default threads): their own, so that work of seconds does not hold one of the
        #: few threads that answer the store's queries (``dialect.query_threads``)
        self.long_work: CapacityLimiter | None = None

    def pipeline(self) -> Pipeline:
        """The extraction pipeline, its model loaded on first use (an upload)."""
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._make_pipeline(self.settings)
            return self._pipeline


async def context(request: Request) -> Context:
    """The application's context (a FastAPI dependency; ``async``, so that FastAPI calls it on
    the event loop rather than in a worker thread: one thread hand-off less per request)."""
    return request.app.state.context
