"""Reviewers who sign in: users with roles in the review store, passwords hashed with Argon2.

Each function runs inside a transaction that :class:`correct.review.store.Store` opens.

- Roles: an editor decides OCR proposals and alignment, a translator flags and alignment, an
  admin everything, and can revert anyone's decision (logged as an undo by the admin).
- Passwords are hashed with argon2-cffi's ``PasswordHasher`` (Argon2id, its default
  parameters); only the hash is stored, and it is re-hashed when those parameters change.
- Names are checked so that two people cannot look alike: no invisible characters, no mix
  of Latin and Cyrillic letters, and no name equal to an existing one once case and
  look-alike letters are folded ("аnn" with a Cyrillic "а" is "ann").
- Sign-in is rate-limited: after ``MAX_FAILURES`` failed attempts for a name within
  ``FAILURE_WINDOW_S``, that name is refused until the window passes. Every attempt is logged.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from align.errors import InputError
from align.language.translit import LATIN_LOOKALIKES
from align.model import TargetKind
from correct.review.log import now

MAX_FAILURES = 5
FAILURE_WINDOW_S = 15 * 60
MIN_PASSWORD = 8
_HASHER = PasswordHasher()
_NAME = re.compile(r"^[\w.@-]{2,64}$")
# Cyrillic letters that look like Latin ones (the ingest's table), folded before names are compared.
_LOOKALIKE = str.maketrans({cyr.casefold(): lat.casefold() for lat, cyr in LATIN_LOOKALIKES.items()})


class Role(StrEnum):
    EDITOR = "editor"
    TRANSLATOR = "translator"
    ADMIN = "admin"


_MAY_DECIDE = {
    Role.EDITOR: {TargetKind.PROPOSAL, TargetKind.LINK, TargetKind.DECISION},
    Role.TRANSLATOR: {TargetKind.FLAG, TargetKind.LINK, TargetKind.DECISION},
    Role.ADMIN: set(TargetKind),
}


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    disabled: bool = False
    created_at: str = ""


def may_decide(role: Role, kinds: Iterable[TargetKind]) -> bool:
    """Whether a role may log one action's decisions about these kinds of target. A translator's
    "OCR error" verdict accepts the fix the flag names in the same action, so a proposal decision
    is a translator's only alongside a flag's."""
    kinds = set(kinds)
    allowed = set(_MAY_DECIDE[Role(role)])
    if Role(role) == Role.TRANSLATOR and TargetKind.FLAG in kinds:
        allowed.add(TargetKind.PROPOSAL)
    return kinds <= allowed


def check_name(name: str, existing: list[str]) -> str:
    """A new user's name, normalised (NFKC), or InputError saying why it is refused."""
    name = unicodedata.normalize("NFKC", name).strip()
    if any(unicodedata.category(c) in ("Cf", "Cc", "Zs") for c in name) or not _NAME.match(name):
        raise InputError(
            f"{name!r}: a user name is 2-64 letters, digits, '.', '@', '-' or '_', nothing invisible"
        )
    scripts = {unicodedata.name(c, "").split()[0] for c in name if c.isalpha()}
    if {"LATIN", "CYRILLIC"} <= scripts:
        raise InputError(f"{name!r}: mixes Latin and Cyrillic letters, so it could pass for another name")
    folded = _fold(name)
    clash = next((e for e in existing if _fold(e) == folded), None)
    if clash is not None:
        raise InputError(f"{name!r}: too like the existing user {clash!r}")
    return name


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().translate(_LOOKALIKE)


# The stored hash of a user who signs in only through the organisation's OIDC provider: no
# password can match it (argon2 refuses it as a hash).
NO_PASSWORD = "!"


def add_user(conn: sqlite3.Connection, name: str, role: Role, password: str | None) -> User:
    """A new user; ``password`` None: one who signs in only through OIDC (the name is their e-mail)."""
    existing = [r[0] for r in conn.execute("SELECT name FROM users")]
    name = check_name(name, existing)
    if password is not None:
        _check_password(password)
    at = now()
    stored = _HASHER.hash(password) if password is not None else NO_PASSWORD
    conn.execute(
        "INSERT INTO users (name, role, hash, disabled, created_at) VALUES (?, ?, ?, 0, ?)",
        (name, str(Role(role)), stored, at),
    )
    return User(name, Role(role), False, at)


def find_user(conn: sqlite3.Connection, name: str) -> User | None:
    """An enabled user by name (an OIDC identity's e-mail), or None."""
    row = conn.execute(
        "SELECT name, role, disabled, created_at FROM users WHERE name = ?", (name,)
    ).fetchone()
    return User(row[0], Role(row[1]), False, row[3]) if row is not None and not row[2] else None


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters")


def list_users(conn: sqlite3.Connection) -> list[User]:
    rows = conn.execute("SELECT name, role, disabled, created_at FROM users ORDER BY name")
    return [User(r[0], Role(r[1]), bool(r[2]), r[3]) for r in rows]


def set_password(conn: sqlite3.Connection, name: str, password: str) -> None:
    _check_password(password)
    if conn.execute("UPDATE users SET hash = ? WHERE name = ?", (_HASHER.hash(password), name)).rowcount == 0:
        raise InputError(f"no user {name!r}")


def disable(conn: sqlite3.Connection, name: str) -> None:
    if conn.execute("UPDATE users SET disabled = 1 WHERE name = ?", (name,)).rowcount == 0:
        raise InputError(f"no user {name!r}")


def sign_in(
    conn: sqlite3.Connection, name: str, password: str, at: datetime | None = None
) -> tuple[User | None, str]:
    """(the user, "") when the password is right, the user enabled and not rate-limited; else
    (None, why), one message for every wrong case (it does not say which names exist). It returns
    rather than raises, so that the attempt's log entry is committed either way."""
    at = at or datetime.now(UTC)
    since = (at - timedelta(seconds=FAILURE_WINDOW_S)).isoformat(timespec="milliseconds")
    failures = conn.execute(
        "SELECT count(*) FROM logins WHERE name = ? AND ok = 0 AND at >= ?", (name, since)
    ).fetchone()[0]
    if failures >= MAX_FAILURES:
        _log(conn, name, False, at)
        return None, f"too many failed sign-ins for {name!r}: try again in {FAILURE_WINDOW_S // 60} minutes"
    row = conn.execute(
        "SELECT name, role, hash, disabled, created_at FROM users WHERE name = ?", (name,)
    ).fetchone()
    ok = row is not None and not row[3] and _verify(row[2], password)
    _log(conn, name, ok, at)
    if not ok:
        return None, "wrong name or password, or the user is disabled"
    if _HASHER.check_needs_rehash(row[2]):
        conn.execute("UPDATE users SET hash = ? WHERE name = ?", (_HASHER.hash(password), name))
    return User(row[0], Role(row[1]), False, row[4]), ""


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _log(conn: sqlite3.Connection, name: str, ok: bool, at: datetime) -> None:
    conn.execute(
        "INSERT INTO logins (name, at, ok) VALUES (?, ?, ?)",
        (name, at.isoformat(timespec="milliseconds"), int(ok)),
    )
