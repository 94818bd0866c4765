"""Sign-in and roles: users in the store, Argon2 hashes, rate-limited sign-in, own undo only."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from align.errors import InputError
from correct.review import users
from correct.review.decisions import proposal_decision
from tests.test_store_data import DOC
from ui.cli import cli

APP = str(Path(__file__).resolve().parents[1] / "ui" / "app.py")
PASSWORD = "correct horse battery"


@pytest.fixture
def team(store):
    for name, role in (("ann", "editor"), ("bob", "editor"), ("tess", "translator"), ("root", "admin")):
        store.accounts.add(name, role, PASSWORD)
    return store


def test_passwords_are_argon2_hashes_and_names_cannot_look_alike(team):
    import sqlite3

    [hash_] = sqlite3.connect(team.path).execute("SELECT hash FROM users WHERE name = 'ann'").fetchone()
    assert hash_.startswith("$argon2id$") and PASSWORD not in hash_
    for look_alike in ("аnn", "ANN", "an\u200bn", "a n"):  # a Cyrillic а, case, a zero-width space, a space
        with pytest.raises(InputError):
            team.accounts.add(look_alike, "editor", PASSWORD)
    with pytest.raises(InputError, match="at least 8"):
        team.accounts.add("carl", "editor", "short")


def test_sign_in_is_rate_limited_and_logged_and_a_disabled_user_cannot_sign_in(team):
    assert team.accounts.sign_in("ann", PASSWORD).role == "editor"
    for _ in range(users.MAX_FAILURES):
        with pytest.raises(InputError, match="wrong name or password"):
            team.accounts.sign_in("bob", "not it")
    with pytest.raises(InputError, match="too many failed sign-ins"):
        team.accounts.sign_in("bob", PASSWORD)  # even the right password, until the window passes

    def later(conn):
        return users.sign_in(
            conn, "bob", PASSWORD, datetime.now(UTC) + timedelta(seconds=users.FAILURE_WINDOW_S + 1)
        )

    assert team.write(later)[0].name == "bob"
    team.accounts.disable("ann")
    with pytest.raises(InputError, match="disabled"):
        team.accounts.sign_in("ann", PASSWORD)


def _signed_in_as(name: str, store, monkeypatch) -> AppTest:
    monkeypatch.setattr(sys, "argv", [APP, "--db", str(store.path)])  # sign-in on: the default
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(PASSWORD)
    at.button(key="FormSubmitter:sign_in-Sign in").click().run()
    assert not at.exception, at.exception
    at.switch_page("app_pages/editor.py").run()
    return at


def test_two_signed_in_users_cannot_undo_each_others_decisions(team, monkeypatch):
    ann = _signed_in_as("ann", team, monkeypatch)
    [b for b in ann.button if b.label == "Accept"][0].click().run()
    [first] = team.decisions(DOC)
    assert first.reviewer == "ann"  # the session's identity, not a typed name
    bob = _signed_in_as("bob", team, monkeypatch)
    [b for b in bob.button if b.label == "Undo"][0].click().run()
    assert [d.action for d in team.decisions(DOC)] == ["accept"]  # bob's undo took back nothing of ann's
    [b for b in ann.button if b.label == "Undo"][0].click().run()
    assert [d.action for d in team.decisions(DOC)] == ["accept", "undo"]


def test_a_translator_cannot_decide_proposals_and_an_admin_can_revert_anyones(team, monkeypatch):
    tess = _signed_in_as("tess", team, monkeypatch)
    tess.session_state["user"] = users.User("tess", users.Role.TRANSLATOR)
    [b for b in tess.button if b.label == "Accept"][0].click().run()
    assert team.decisions(DOC) == [] and "cannot make this decision" in tess.error[0].value
    r = team.result(DOC)
    [made] = team.decide([proposal_decision(DOC, r.proposals[0], "accept", "ann")])
    with pytest.raises(InputError, match="only an admin"):
        team.accounts.revert(DOC, made.seq, users.User("bob", users.Role.EDITOR))
    undo = team.accounts.revert(DOC, made.seq, users.User("root", users.Role.ADMIN))
    assert (undo.reviewer, undo.comment) == ("root", "reverted by admin root")


def test_users_commands_and_review_refusals_are_one_line(tmp_path, store):
    db = str(store.path)
    run = CliRunner().invoke(cli, ["users", "add", "eve", "--role", "editor", "--password-stdin", "--db", db],
                             input=PASSWORD + "\n")  # fmt: skip
    assert run.exit_code == 0, run.output
    listed = CliRunner().invoke(cli, ["users", "list", "--db", db])
    assert "eve\teditor\tactive" in listed.output
    run = CliRunner().invoke(cli, ["users", "passwd", "eve", "--password-stdin", "--db", db], input="x\n")
    assert run.exit_code == 2 and "at least 8" in run.output
    assert CliRunner().invoke(cli, ["users", "disable", "eve", "--db", db]).exit_code == 0
    run = CliRunner().invoke(cli, ["review", "--db", db, "--address", "0.0.0.0", "--no-auth"])
    assert run.exit_code == 2 and "only for the loopback" in run.output
    run = CliRunner().invoke(cli, ["review", "--db", db, "--port", "99999"])
    assert run.exit_code == 2 and "Traceback" not in run.output


def test_oidc_users_have_no_password_and_review_oidc_needs_its_configuration(store, tmp_path, monkeypatch):
    store.accounts.add("ann@archive.org", "editor", None)  # signs in only through the provider
    with pytest.raises(InputError, match="wrong name or password"):
        store.accounts.sign_in("ann@archive.org", "")
    assert (
        store.accounts.find("ann@archive.org").role == "editor" and store.accounts.find("bob@x.org") is None
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    run = CliRunner().invoke(cli, ["review", "--db", str(store.path), "--oidc", "--no-auth"])
    assert run.exit_code == 2 and "not both" in run.output
    run = CliRunner().invoke(cli, ["review", "--db", str(store.path), "--oidc"])
    assert run.exit_code == 2 and "needs an [auth] section" in run.output, run.output
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        '[auth]\nredirect_uri = "http://x/oauth2callback"\n'
    )
    run = CliRunner().invoke(cli, ["review", "--db", str(store.path), "--oidc"])
    assert run.exit_code == 2 and "lacks cookie_secret" in run.output, run.output


def test_the_app_with_oidc_offers_the_organisations_sign_in_and_nothing_else(store, monkeypatch):
    monkeypatch.setattr(sys, "argv", [APP, "--db", str(store.path), "--oidc"])
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, at.exception
    assert [b.label for b in at.button] == ["Sign in with your organisation"]
    assert [t.value for t in at.title] == ["Workbench review: sign in"]
