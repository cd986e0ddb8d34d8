"""veille's analysts' interfaces: a JSON API and web pages over the store, in one application.

- ``app.py``: :func:`create_app`, the FastAPI application (OpenAPI at ``/docs``);
- ``config.py``: what the application is given (store, token, read-only mode, limits);
- ``context.py``: what every request reads: the open store, canonical ids, the pipeline;
- ``guard.py``: the bearer token, read-only mode, body limits and cross-site writes, checked
  before any route runs;
- ``errors.py``: veille's errors as JSON (or a page) with a status and one clear line;
- ``api.py``: the JSON routes under ``/api``, each a thin wrapper over one library function;
- ``pages.py`` and ``views.py``: the HTML pages (Jinja2, ``templates/``) and the plain data
  shaping they need; ``static/``: their CSS and JavaScript; the front-end libraries come from
  npm (``package.json``, ``npm ci --prefix src/veille/web``) and are served from
  ``node_modules``;
- ``cli.py``: ``veille serve``.
"""

from .app import create_app

__all__ = ["create_app"]
