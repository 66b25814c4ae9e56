"""Fetching a document from an ``http(s)://`` URL: bounded in time and size, one-line errors.

httpx with a timeout (:data:`TIMEOUT` seconds to connect and between bytes), redirects
followed (at most :data:`MAX_REDIRECTS`), a size limit (:data:`MAX_BYTES`, checked against
``Content-Length`` and again while reading), and a user agent that names the reader. Every
failure (a host that does not resolve, a refused connection, a TLS problem, a timeout, an
HTTP error status, a body too large) is one :class:`~reader.errors.ReaderError` line.

``progress(received, total)`` is called as the body arrives (``total`` is None when the
server does not say); :func:`reader.commands.fetch_note.stderr_note` is the note the command
line shows meanwhile.
The fetch runs before the app starts, so the UI never waits on the network.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from reader import __version__
from reader.errors import ReaderError
from reader.i18n import _

TIMEOUT = 20.0
MAX_REDIRECTS = 10
MAX_BYTES = 50 << 20
USER_AGENT = f"reader/{__version__} (terminal reader for right-to-left text)"

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class Fetched:
    url: str  # where the body came from, after redirects
    data: bytes
    media_type: str  # the Content-Type without its parameters ("" when not given)
    charset: str  # the Content-Type's charset ("" when not given)


def fetch(url: str, progress: Progress | None = None, *, timeout: float = TIMEOUT,
          limit: int = MAX_BYTES) -> Fetched:
    """The body at ``url`` (see the module's docstring for the limits)."""
    import httpx

    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    if not host:
        raise ReaderError(_("{url}: not a URL reader can fetch (it names no host)").format(
            url=url))

    try:
        with httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS,
                          timeout=timeout, headers={"User-Agent": USER_AGENT}) as client, \
                client.stream("GET", url) as response:
            if response.status_code >= 400:
                phrase = response.reason_phrase or "error"
                raise ReaderError(f"{url}: HTTP {response.status_code} {phrase}")
            total = _length(response.headers.get("content-length"))
            if total is not None and total > limit:
                raise ReaderError(_("{url}: too large ({size}; the limit is {limit})").format(
                    url=url, size=size_text(total), limit=size_text(limit)))
            chunks: list[bytes] = []
            received = 0
            for chunk in response.iter_bytes():
                received += len(chunk)
                if received > limit:
                    raise ReaderError(_("{url}: too large (over {limit})").format(
                        url=url, limit=size_text(limit)))
                chunks.append(chunk)
                if progress is not None:
                    progress(received, total)
            if progress is not None and total != received:
                progress(received, received)  # complete (the server gave no length)
            content_type = response.headers.get("content-type", "")
            return Fetched(str(response.url), b"".join(chunks), *_content_type(content_type))
    except httpx.TooManyRedirects:
        raise ReaderError(_("{url}: too many redirects (more than {count})").format(
            url=url, count=MAX_REDIRECTS)) from None
    except httpx.TimeoutException:
        raise ReaderError(_("{url}: timed out (no answer within {seconds} s)").format(
            url=url, seconds=f"{timeout:g}")) from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
        raise ReaderError(_("{url}: not a URL reader can fetch ({error})").format(
            url=url, error=error)) from None
    except httpx.HTTPError as error:
        raise ReaderError(f"{url}: {failure_reason(error)}") from None


def failure_reason(error: Exception) -> str:
    """What went wrong under an httpx error, in a few words."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return _("host not found (DNS)")
        if isinstance(cause, ssl.SSLCertVerificationError):
            detail = getattr(cause, "verify_message", None) or getattr(cause, "reason", None)
            return _("TLS certificate not trusted ({detail})").format(detail=detail or cause)
        if isinstance(cause, ssl.SSLError):
            return _("TLS error ({detail})").format(
                detail=getattr(cause, "reason", None) or cause)
        if isinstance(cause, ConnectionRefusedError):
            return _("connection refused")
        cause = cause.__cause__ or cause.__context__
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    if "Name or service not known" in text or "nodename nor servname" in text \
            or "Temporary failure in name resolution" in text:
        return _("host not found (DNS)")
    if "CERTIFICATE_VERIFY_FAILED" in text or "SSL" in text:
        return _("TLS error ({detail})").format(detail=text)
    if "Connection refused" in text:
        return _("connection refused")
    return _("cannot fetch: {error}").format(error=text)


def _length(value: str | None) -> int | None:
    return int(value) if value is not None and value.strip().isdigit() else None


def _content_type(value: str) -> tuple[str, str]:
    media_type, _, parameters = value.partition(";")
    charset = ""
    for parameter in parameters.split(";"):
        key, _, found = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = found.strip().strip('"').strip("'")
    return media_type.strip().lower(), charset


def size_text(count: int) -> str:
    """A size as a reader says it: "4 KB", "1.5 MB"."""
    return f"{count / (1 << 20):.1f} MB" if count >= 1 << 20 else f"{count // 1024} KB"
