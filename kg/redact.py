"""Credentials given in an endpoint URL, and redaction of every secret from what is printed.

Why: users write `http://alice:s3cret@host/store`, as curl and most store clients accept;
such a URL must authenticate (the password is sent as HTTP basic credentials, never as part
of the host) and must never reach a terminal or a CI log. Every secret opgraph reads (from
a URL, the environment or netrc) is remembered here, and the CLI passes each message it
prints, tracebacks included, through `redact`.
"""
from __future__ import annotations

import re
import urllib.parse

MASK = "***"
MIN_SECRET = 4  # shorter secrets are masked in URLs only: masking "ab" everywhere mangles text
# The password runs to the authority's last "@" (a raw "@" in it is still the password's).
_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<user>[^/?#@:\s]*):(?P<password>[^/?#\s]*)@")
_SECRETS: set[str] = set()


def remember(secret: str | None) -> None:
    """Mask `secret` (and its percent-encoded form) in everything `redact` is given from now on."""
    if secret and len(secret) >= MIN_SECRET:
        _SECRETS.add(secret)
        _SECRETS.add(urllib.parse.quote(secret, safe=""))


def redact(text: str) -> str:
    """`text` with the password of any URL written `user:***@`, and every remembered secret masked."""
    text = _USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:{MASK}@", text)
    for secret in sorted(_SECRETS, key=len, reverse=True):  # a longer secret before its parts
        text = text.replace(secret, MASK)
    return text


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """The URL without its user information, and the user and password it held (decoded), or
    None for each absent; the secrets are remembered for `redact`."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url, None, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, colon, raw = userinfo.partition(":")
    password = urllib.parse.unquote(raw) if colon else None
    remember(password)
    return urllib.parse.urlunsplit(parts._replace(netloc=host)), urllib.parse.unquote(user), password
