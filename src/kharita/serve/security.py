"""Safe defaults for the workspace: token, host check, cross-site write guard, headers.

* Bound to a loopback address, the app answers only requests whose ``Host`` is a
  loopback name (a web page on another site cannot reach it by DNS rebinding).
* Bound elsewhere it requires a token (``--token``), given once as ``?token=`` (then
  kept in an HttpOnly, SameSite=Strict cookie) or as ``Authorization: Bearer``.
* Writes need the ``X-Kharita`` header (a cross-site form cannot send it and a
  cross-site script cannot without a CORS preflight, which is never granted) and, when
  the browser sends ``Origin``, one equal to the app's own.
* Every answer carries a Content-Security-Policy allowing only the app's own origin
  (plus the ``--tiles`` server's for images), no framing, no referrer.
"""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import urlencode, urlsplit

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

WRITE_HEADER = "X-Kharita"
TOKEN_COOKIE = "kharita_token"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(host_header: str) -> str:
    if host_header.startswith("["):
        return host_header.split("]")[0] + "]"
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


def tiles_origin(tiles: str | None) -> str:
    """The scheme://host[:port] of a tile URL template, for the CSP."""
    if not tiles:
        return ""
    parts = urlsplit(tiles.replace("{s}", "a"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


def content_security_policy(tiles: str | None) -> str:
    images = " ".join(x for x in ("'self'", "data:", tiles_origin(tiles)) if x)
    return ("default-src 'none'; script-src 'self'; style-src 'self'; "
            f"img-src {images}; connect-src 'self'; font-src 'self'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class Guard(BaseHTTPMiddleware):
    def __init__(self, app, *, loopback: bool, token: str | None, tiles: str | None) -> None:
        super().__init__(app)
        self.loopback = loopback
        self.token = token
        self.csp = content_security_policy(tiles)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        refusal = self._refuse(request)
        if refusal is not None:
            return self._headers(refusal)
        if self.token and request.query_params.get("token") and request.method == "GET":
            # the token came in the link: keep it in a cookie and drop it from the address
            query = urlencode([(k, v) for k, v in request.query_params.multi_items()
                               if k != "token"])
            url = request.url.path + (f"?{query}" if query else "")
            response: Response = RedirectResponse(url, status_code=303)
            response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
            return self._headers(response)
        response = await call_next(request)
        return self._headers(response)

    def _refuse(self, request: Request) -> Response | None:
        host = _host_name(request.headers.get("host", ""))
        if self.loopback and not is_loopback(host):
            return JSONResponse({"detail": f"host {host!r} refused: kharita serve answers "
                                 "only on the loopback address it is bound to"}, 403)
        if self.token and not self._has_token(request):
            return JSONResponse({"detail": "a token is required: open the link kharita serve "
                                 "printed (…?token=…) or send Authorization: Bearer TOKEN"}, 401)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            if request.headers.get(WRITE_HEADER) != "1":
                return JSONResponse({"detail": f"writes need the header {WRITE_HEADER}: 1 "
                                     "(cross-site requests are refused)"}, 403)
            origin = request.headers.get("origin")
            if origin and urlsplit(origin).netloc != request.headers.get("host"):
                return JSONResponse({"detail": f"origin {origin!r} refused: not this app"}, 403)
        return None

    def _has_token(self, request: Request) -> bool:
        assert self.token is not None
        given = [request.cookies.get(TOKEN_COOKIE, ""), request.query_params.get("token", "")]
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given.append(auth[7:].strip())
        return any(g and hmac.compare_digest(g.encode(), self.token.encode()) for g in given)

    def _headers(self, response: Response) -> Response:
        response.headers["Content-Security-Policy"] = self.csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        return response
