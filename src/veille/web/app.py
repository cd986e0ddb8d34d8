"""The analysts' application: the JSON API (``api.py``) and the web pages (``pages.py``) over one
store, with OpenAPI at ``/docs``.

:func:`create_app` opens the store (migrating it, as every command does) and wires the routes,
the error handlers (``errors.py``) and the checks made before any route (``guard.py``). Front-end
libraries are served from ``node_modules`` (installed from npm by ``npm ci --prefix
src/veille/web``, ``vendor.py``), never from a CDN: the application works with no internet.
"""

from contextlib import asynccontextmanager
from pathlib import Path
from typing import Callable

import jinja2
from anyio import CapacityLimiter, to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from .. import settings as settings_module
from ..pipeline import Pipeline
from ..settings import Settings
from ..store import Store, dialect
from . import api, errors, pages
from .config import WebConfig
from .context import Context
from .guard import Guard, SecurityHeaders
from .vendor import vendor_file

HERE = Path(__file__).resolve().parent
#: How many uploads and exports run at once in one process (AnyIO's default number of threads).
LONG_WORK_THREADS = 40


def create_app(store_url: str | None = None, token: str | None = None, read_only: bool = False,
               max_upload_bytes: int | None = None, *, settings: Settings | None = None,
               pipeline: Callable[[Settings], Pipeline] = Pipeline) -> FastAPI:
    """The application over the store at ``store_url`` (``VEILLE_DB`` by default).

    ``token`` (``VEILLE_TOKEN`` by default): when set, every route but ``/api/health`` and
    static files requires it. ``read_only`` (or ``VEILLE_READ_ONLY``): every write answers 403.
    ``max_upload_bytes``: the largest uploaded file (``VEILLE_MAX_BYTES`` by default).
    ``pipeline`` makes the extraction pipeline, on the first upload.
    """
    settings = (settings or settings_module.load()).with_overrides(db=store_url)
    config = WebConfig(token=(token if token is not None else settings.token) or None,
                       read_only=read_only or settings.read_only,
                       max_upload_bytes=max_upload_bytes or settings.max_bytes)
    store = Store.open(settings.db)

    @asynccontextmanager
    async def lifespan(_app):
        threads = dialect.query_threads(store.engine)         # the threads of sync routes, this loop's
        if threads:
            to_thread.current_default_thread_limiter().total_tokens = threads
        ctx.long_work = CapacityLimiter(LONG_WORK_THREADS)
        yield
        store.close()

    app = FastAPI(title="veille", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="French news about intelligence services as a sourced knowledge graph: "
                              "every relation with the sentence it comes from and who says so.")
    app.state.context = ctx = Context(store, settings, config, pipeline)
    app.state.templates = templates()
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_api_route("/vendor/{name}", vendor_file, include_in_schema=False)
    app.add_middleware(Guard, config=config)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_environment() -> FastAPI:
    """The application of one worker process of ``veille serve --workers N``: the settings from
    the environment (``VEILLE_DB``, ``VEILLE_TOKEN``, ``VEILLE_READ_ONLY``…, which the command
    sets from its options), the model loaded on the first upload."""
    return create_app()


def templates() -> jinja2.Environment:
    """The pages' templates; every value is escaped unless a template says otherwise (none does)."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                                     trim_blocks=True, lstrip_blocks=True)
    pages.add_filters(environment)
    return environment
