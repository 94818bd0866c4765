"""Who reviews: the store's users, sign-in, and an admin's revert of anyone's decision.

A thin layer over :mod:`correct.review.users` (the rules) and the store's transactions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from align.errors import InputError
from align.model import Decision
from correct.review import users
from correct.review.decisions import effective, undo_decision
from correct.review.log import append_decision, read_log

Transaction = Callable[..., Any]  # Store.read / write / write_decisions: run a function on a connection


class Accounts:
    """The users of one store, through its read and write transactions."""

    def __init__(self, read: Transaction, write: Transaction, write_decisions: Transaction) -> None:
        self.read, self.write, self.write_decisions = read, write, write_decisions

    def find(self, name: str) -> users.User | None:
        return self.read(lambda conn: users.find_user(conn, name))

    def add(self, name: str, role: str, password: str | None) -> users.User:
        return self.write(lambda conn: users.add_user(conn, name, users.Role(role), password))

    def everyone(self) -> list[users.User]:
        return self.read(users.list_users)

    def set_password(self, name: str, password: str) -> None:
        self.write(lambda conn: users.set_password(conn, name, password))

    def disable(self, name: str) -> None:
        self.write(lambda conn: users.disable(conn, name))

    def sign_in(self, name: str, password: str) -> users.User:
        """The signed-in user, or InputError (the attempt is logged and counted either way)."""
        user, why = self.write(lambda conn: users.sign_in(conn, name, password))
        if user is None:
            raise InputError(why)
        return user

    def revert(self, doc: str, seq: int, admin: users.User) -> Decision:
        """An admin takes back anyone's decision: logged as an undo by the admin, with a comment."""
        if admin.role != users.Role.ADMIN:
            raise InputError("only an admin can revert another reviewer's decision")

        def undo(conn: sqlite3.Connection) -> Decision:
            target = next((d for d in effective(read_log(conn, doc)) if d.seq == seq), None)
            if target is None:
                raise InputError(f"decision #{seq} is not in force in {doc!r}")
            entry = replace(undo_decision(target, admin.name), comment=f"reverted by admin {admin.name}")
            return append_decision(conn, entry)

        return self.write_decisions(undo)
