"""``veille serve``: the analysts' application (API and web pages) on the configured store.

The main command group takes it with ``main.add_command(serve)``. ``--ingest PATH`` stores
articles first (as ``veille ingest``), so that one command shows a folder of articles in the
browser; the model loaded for them then serves the uploads too. ``--workers N`` answers with N
processes (uvicorn's workers, for several analysts at once): each makes its own application from
the environment (``app.app_from_environment``), into which the command puts its options; each
loads the model on its first upload.
"""

import os
import sys
from functools import cache

import click
import uvicorn

from .. import settings as settings_module
from ..errors import VeilleError
from ..pipeline import Pipeline
from ..settings import Settings
from ..store import Store
from ..store.ingest import ingest_paths
from .app import create_app

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command("serve")
@click.option("--db", default=None, help=settings_module.HELP["db"] + " Overrides VEILLE_DB.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token", default=None, help="Bearer token every route but /api/health requires "
                                            "(default: VEILLE_TOKEN; none: open to whoever reaches the port).")
@click.option("--read-only", is_flag=True, default=False, help="Refuse every change (also VEILLE_READ_ONLY=true).")
@click.option("--ingest", "paths", multiple=True, metavar="PATH",
              help="Store these articles (files or folders) first, as veille ingest does; repeatable.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes answering requests (uvicorn workers), for several analysts at once.")
def serve(db, host, port, token, read_only, paths, workers):
    """Serve the HTTP API (OpenAPI at /docs) and the web pages on the store, and print the URL."""
    try:
        settings = settings_module.load().with_overrides(db=db)
        pipeline = _shared_pipeline()
        if paths:
            _ingest(settings, paths, pipeline)
        if workers == 1:
            app = create_app(settings.db, token=token, read_only=read_only, settings=settings, pipeline=pipeline)
            shown_store = app.state.context.store.url
        else:                    # migrated here, once, before the workers open it
            with Store.open(settings.db) as store:
                shown_store = store.url
        guarded = token or settings.token
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None
    if host not in LOOPBACK and not guarded:
        click.echo(f"warning: listening on {host} without a token: whoever reaches this port can read "
                   "and change the store (set --token or VEILLE_TOKEN)", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"veille: serving {shown_store} at http://{shown}:{port}/ (API: /docs)"
               + (f" with {workers} worker processes" if workers > 1 else "")
               + ("; open it once with ?token=<token>" if guarded else ""))
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    os.environ.update(_worker_environment(settings, token, read_only))
    uvicorn.run(WORKER_APP, factory=True, host=host, port=port, workers=workers, log_level="warning",
                timeout_worker_healthcheck=WORKER_STARTUP_S)


#: What each worker process of ``--workers N`` imports and calls to make its application.
WORKER_APP = "veille.web.app:app_from_environment"
#: How long uvicorn waits for a worker to answer its health check, in seconds. Its default, 5 s,
#: is less than a worker takes to import veille (spaCy among its modules) on a busy machine: the
#: supervisor then killed and restarted every worker, and none ever served (seen on 2 cores).
WORKER_STARTUP_S = 60


def _worker_environment(settings: Settings, token: str | None, read_only: bool) -> dict[str, str]:
    """The settings the worker processes read (``app_from_environment``): this command's
    options, as the environment variables they override."""
    found = {"VEILLE_DB": settings.db, "VEILLE_MAX_BYTES": str(settings.max_bytes)}
    if token:
        found["VEILLE_TOKEN"] = token
    if read_only:
        found["VEILLE_READ_ONLY"] = "true"
    return found


def _shared_pipeline():
    """A pipeline maker that loads the model once, for ``--ingest`` and the uploads alike."""
    @cache
    def loaded(settings: Settings) -> Pipeline:
        return Pipeline(settings)
    return loaded


def _ingest(settings: Settings, paths, pipeline) -> None:
    with Store.open(settings.db) as store:
        report = ingest_paths(store, paths, settings, pipeline=pipeline)
    for failure in report.failures:
        click.echo(f"error: {failure}", err=True)
    click.echo(report.summary(), err=True)
    sys.stderr.flush()
