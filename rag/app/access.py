"""Who may reach the web app: the login setting and the rule against exposing it without one."""

from __future__ import annotations

import ipaddress

from rag.core.settings import Settings


def parse_auth(auth: str) -> tuple[str, str] | None:
    """Return (user, password) from 'user:password', None if empty; raise ValueError if malformed."""
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not (sep and user and password):
        raise ValueError("RAG_AUTH must look like user:password")
    return user, password


def is_loopback(host: str) -> bool:
    """Return True for localhost and loopback addresses."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_problem(settings: Settings) -> str:
    """Return why serving on settings.host is refused, or ''."""
    if is_loopback(settings.host) or settings.auth or settings.insecure:
        return ""
    return (f"refusing to serve on {settings.host} without a login: set RAG_AUTH=user:password, "
            "or pass --insecure to expose the app to the network anyway")
