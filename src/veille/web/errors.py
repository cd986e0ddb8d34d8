"""veille's errors at the edge of the application: a status and one clear line, never a traceback.

An API client gets ``{"error": "<message>"}``; a browser asking for a page gets the same message
in a page. The status follows the kind of error (:data:`STATUS`, the most specific class first);
anything that is not a :class:`VeilleError` is a bug: the client is told so without internals,
and the traceback goes to the server's log only.
"""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from ..errors import (InputError, JudgementRefused, QueryError, Refused, SettingsError, StoreError, UnknownEntity,
                      VeilleError)
from ..store.documents import UnsupportedUpload, UploadTooLarge

log = logging.getLogger("veille.web")

#: The HTTP status of each kind of error; the first class of an error's MRO found here wins.
STATUS = {
    UploadTooLarge: 413,
    UnsupportedUpload: 415,
    InputError: 422,
    JudgementRefused: 422,
    UnknownEntity: 404,
    Refused: 409,
    StoreError: 503,
    QueryError: 400,
    SettingsError: 500,
    VeilleError: 400,
}
INTERNAL = "internal error: the server could not answer (the details are in its log)"


def status_of(exc: VeilleError) -> int:
    return next(STATUS[cls] for cls in type(exc).__mro__ if cls in STATUS)


def error_response(request: Request, status: int, message: str, headers: dict | None = None):
    """``{"error": message}``, or an error page for a browser asking for a page (not ``/api``)."""
    if _wants_page(request):
        templates = request.app.state.templates
        return HTMLResponse(templates.get_template("error.html").render(
            request=request, status=status, message=message, token_form=status == 401),
            status_code=status, headers=headers)
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def validation_message(exc: RequestValidationError) -> str:
    """FastAPI's validation errors on one line: ``query parameter 'limit': Input should be …``."""
    parts = []
    for error in exc.errors():
        where, *path = error.get("loc", ()) or ("request",)
        place = {"query": "query parameter", "path": "path parameter", "body": "body field",
                 "header": "header", "cookie": "cookie"}.get(where, str(where))
        name = ".".join(str(p) for p in path)
        label = f"{place} {name!r}" if name else ("request body" if where == "body" else place)
        parts.append(f"{label}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a status and one line."""

    @app.exception_handler(VeilleError)
    async def veille_error(request: Request, exc: VeilleError):
        return error_response(request, status_of(exc), " ".join(str(exc).split()))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        return error_response(request, 422, validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"not found: {request.url.path}"
        return error_response(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(request, 500, INTERNAL)
