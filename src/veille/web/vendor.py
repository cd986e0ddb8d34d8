"""Front-end libraries from npm (``package.json``), served from ``node_modules`` under ``/vendor``.

They are installed by ``npm ci --prefix src/veille/web``, never fetched from a CDN and never
copied into the repository; a page whose library is missing says how to install it.
"""

from pathlib import Path

from fastapi.responses import FileResponse

from ..errors import UnknownEntity

HERE = Path(__file__).resolve().parent
#: The files the pages use, by the name they are served under (``/vendor/<name>``).
FILES = {
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
}
HINT = "run `npm ci --prefix src/veille/web` to install the front-end libraries"


def path_of(name: str) -> Path | None:
    """Where the front-end file ``name`` is, when it is installed."""
    relative = FILES.get(name)
    path = HERE / "node_modules" / relative if relative else None
    return path if path is not None and path.is_file() else None


def vendor_file(name: str) -> FileResponse:
    """A front-end file (:data:`FILES`), or a 404 that says how to install it."""
    path = path_of(name)
    if path is None:
        raise UnknownEntity(f"no front-end file {name!r}: {HINT}")
    return FileResponse(path, headers={"cache-control": "public, max-age=86400"})
