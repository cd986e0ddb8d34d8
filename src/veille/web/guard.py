"""What is checked before any route runs: the bearer token, read-only mode, cross-site writes,
the size of request bodies, NUL characters in the URL.

- **Token** (``VEILLE_TOKEN``): when set, every route but ``/api/health``, static files and
  ``/ontology.css`` needs it: ``Authorization: Bearer <token>``, or the ``veille_token``
  cookie. A browser gets the cookie by opening any page once with ``?token=<token>``: the
  cookie is set (HttpOnly, SameSite=Strict) and the page reloads without the token in its
  address. The pages' scripts then call the API with the cookie.
- **Read-only**: every request that is not GET, HEAD or OPTIONS answers 403.
- **Cross-site writes**: a write whose ``Origin`` is another site answers 403. With the
  SameSite cookie, this keeps another site's page from posting a form or an upload to an
  analyst's local server (writes with a JSON body cannot be sent cross-site without CORS,
  which the application does not allow; an upload can).
- **Body size**: a body over ``WebConfig.max_body_bytes`` answers 413, by its Content-Length
  before it is read, or as soon as the bytes read pass the limit.
- **NUL**: a URL holding a NUL character answers 400 (PostgreSQL refuses it in a query; no id
  or name holds one).
"""

import hmac
from urllib.parse import parse_qsl, urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException

from .config import WebConfig
from .errors import error_response

COOKIE = "veille_token"
#: Paths open without the token: the health check and static files (the stylesheet of the
#: ontology's types is one, written from ``ontology.py``).
OPEN_PATHS = ("/api/health", "/ontology.css")
OPEN_PREFIXES = ("/static/", "/vendor/")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class BodyTooLarge(HTTPException):
    """A request body over the limit, found while it is read (an HTTPException, so that FastAPI
    lets it through rather than calling it a malformed body)."""

    def __init__(self, limit: int):
        super().__init__(413, f"request body over the limit of {limit} bytes")


class Guard:
    """ASGI middleware applying the checks of this module, in order, to every HTTP request."""

    def __init__(self, app, config: WebConfig):
        self.app, self.config = app, config

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is not None:
            return await refusal(scope, receive, send)
        await self.app(scope, self._capped(receive), send)

    def _refusal(self, request: Request):
        """The response that refuses ``request``, or None when it may go on."""
        url = request.url
        if _holds_nul(request):
            return error_response(request, 400, "a NUL character is not allowed in a URL")
        if self.config.token and not _open(url.path):
            given = request.query_params.get("token")
            if given is not None and request.method == "GET" and not url.path.startswith("/api") \
                    and self.right(given):
                return _cookie_then_reload(request, given)
            if not self.authorised(request):
                return error_response(request, 401, "this server needs its token: send "
                                      "'Authorization: Bearer <token>' (or open a page with ?token=<token>)",
                                      {"WWW-Authenticate": "Bearer"})
        if request.method not in SAFE_METHODS:
            if self.config.read_only:
                return error_response(request, 403, "read-only mode: this server accepts no changes")
            if not _same_origin(request):
                return error_response(request, 403, "a write from another site is refused")
        length = request.headers.get("content-length")
        if length is not None and not length.isdigit():
            return error_response(request, 400, "malformed Content-Length")
        if length is not None and int(length) > self.config.max_body_bytes:
            return error_response(request, 413, f"request body over the limit of {self.config.max_body_bytes} bytes")
        return None

    def authorised(self, request: Request) -> bool:
        """Whether the request carries the token: as a bearer token, else as the cookie."""
        scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
        return self.right(credentials.strip() if scheme.lower() == "bearer" else request.cookies.get(COOKIE, ""))

    def right(self, given: str) -> bool:
        """Whether ``given`` is the token (compared in constant time)."""
        return bool(given) and hmac.compare_digest(given.encode(), self.config.token.encode())

    def _capped(self, receive):
        limit, seen = self.config.max_body_bytes, 0

        async def capped():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message
        return capped


def _holds_nul(request: Request) -> bool:
    raw = request.scope.get("raw_path", b"").decode("latin-1")
    return "\x00" in request.url.path or "%00" in (request.url.query or "") or "%00" in raw


def _open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None:            # not sent by a browser, or a same-origin GET-like request
        return True
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1].rstrip("/") == host


def _cookie_then_reload(request: Request, token: str) -> RedirectResponse:
    """Keep the token given in the address as a cookie, and reload the page without it."""
    query = urlencode([(k, v) for k, v in parse_qsl(request.url.query, keep_blank_values=True) if k != "token"])
    response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


#: Headers of every response: article text is data, and these keep a page from running or
#: framing anything but the application's own files even if an escape were missed.
HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                 b"img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                                 b"form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """ASGI middleware adding :data:`HEADERS` to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)
        await self.app(scope, receive, send_with_headers)
