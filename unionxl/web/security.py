"""Who may do what, in one place: the treasurer's password and session, the officers' link
tokens, CSRF tokens, the login rate limit, request-size limits and the security headers.

Every secret comparison goes through hmac.compare_digest; every secret comes from `secrets`.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import time
from typing import Awaitable, Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..i18n import both

SESSION_COOKIE = "uxl_session"
CSRF_COOKIE = "uxl_csrf"
CSRF_FIELD = "csrf_token"
SESSION_SECONDS = 8 * 3600  # one working day

# Login rate limit: a client gets LOGIN_PER_CLIENT failed tries per window, and all clients
# together LOGIN_GLOBAL (so many addresses guessing at once are slowed too).
LOGIN_WINDOW = 15 * 60
LOGIN_PER_CLIENT = 5
LOGIN_GLOBAL = 50

MIN_PASSWORD = 10

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    if not stored:
        _hasher.hash(password)  # spend the same time whether or not a password is set
        return False
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    """An officer's upload link token: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    """Constant-time equality of two secrets (False when either is missing)."""
    if not a or not b:
        return False
    return hmac.compare_digest(a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass"))


def plausible_token(token: str) -> bool:
    return 20 <= len(token) <= 100 and all(c.isalnum() or c in "-_" for c in token)


# ---------------------------------------------------------------------- CSRF (signed double submit)


def new_csrf(secret: str) -> str:
    """A cookie value `random.signature`: a cookie planted by someone without the server's secret
    does not verify, so setting a cookie from a sibling host is not enough to forge a form."""
    nonce = secrets.token_urlsafe(24)
    return f"{nonce}.{_sign(secret, nonce)}"


def csrf_valid(secret: str, cookie: str | None, submitted: str | None) -> bool:
    if not cookie or not submitted or not same(cookie, submitted):
        return False
    nonce, _, signature = cookie.partition(".")
    return same(signature, _sign(secret, nonce))


def _sign(secret: str, value: str) -> str:
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


# ---------------------------------------------------------------------- login rate limit


def login_blocked(store, client: str) -> bool:
    since = time.time() - LOGIN_WINDOW
    return (store.login_failures_since(since, client) >= LOGIN_PER_CLIENT
            or store.login_failures_since(since) >= LOGIN_GLOBAL)


def is_loopback(host: str | None) -> bool:
    try:
        return bool(host) and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host in ("localhost", "testclient")  # Starlette's TestClient calls itself 'testclient'


# ---------------------------------------------------------------------- ASGI middleware

ASGIApp = Callable[..., Awaitable[None]]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # The officers' links carry their token in the path: never send it to another site.
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeaders:
    """Adds the headers above to every response; pages are not cached (they hold tokens and findings)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in dict(SECURITY_HEADERS)]
                headers += SECURITY_HEADERS
                if not scope["path"].startswith("/static/"):
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse a request body above its route's limit before reading it: at once when the
    declared Content-Length is too big, or as soon as a chunked body passes the limit."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str, str], int]):
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope["method"], scope["path"])
        declared = None
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    return await _too_large(send)
        if declared is not None and declared > limit:
            return await _too_large(send)
        seen = 0
        started = False

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge()
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send)


class BodyTooLarge(Exception):
    pass


# The 413 answer's body: plain text sent before any page (and its language) is chosen, so both languages.
TOO_LARGE = both("web.request_too_large")


async def _too_large(send) -> None:
    body = TOO_LARGE.encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close"),
                            (b"content-length", str(len(body)).encode())] + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})
