"""Configuration order, the cookie key rules and the add-user command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import bcrypt
import pytest
import yaml

from auth.roles import Role, Viewer
from auth.users import (
    DEMO_COOKIE_KEY,
    EXAMPLE_COOKIE_KEY,
    cookie_key,
    load_users,
    users_file,
)
from data_access.config import database_config
from data_access.errors import ConfigurationError
from data_access.scope import Scope

ROOT = Path(__file__).resolve().parent.parent


def test_environment_url_wins_over_secrets(monkeypatch, tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[database]\nurl = "postgresql+psycopg://from-secrets/db"\n')
    monkeypatch.setattr("data_access.config.SECRETS_FILE", secrets)
    assert database_config().url.endswith("from-secrets/db")
    assert not database_config().is_demo
    monkeypatch.setenv("DOORSTEP_DATABASE_URL", "sqlite:////tmp/from-env.sqlite")
    assert database_config().url == "sqlite:////tmp/from-env.sqlite"


def test_without_configuration_the_demo_is_used():
    config = database_config()
    assert config.is_demo and config.url.endswith("doorstep-demo.sqlite")


def test_cookie_key_is_required_outside_the_demo(monkeypatch):
    with pytest.raises(ConfigurationError, match="not set"):
        cookie_key(is_demo=False)
    monkeypatch.setenv("DOORSTEP_COOKIE_KEY", EXAMPLE_COOKIE_KEY)
    with pytest.raises(ConfigurationError, match="example key"):
        cookie_key(is_demo=False)
    monkeypatch.setenv("DOORSTEP_COOKIE_KEY", "a-real-long-random-secret-for-tests-only")
    assert cookie_key(is_demo=False) == "a-real-long-random-secret-for-tests-only"


def test_demo_mode_has_its_own_key():
    assert cookie_key(is_demo=True) == DEMO_COOKIE_KEY


def test_demo_users_are_never_used_outside_the_demo(monkeypatch, tmp_path):
    monkeypatch.setattr("auth.users.DEFAULT_AUTH_FILE", tmp_path / "auth.yaml")
    assert users_file(is_demo=False) == tmp_path / "auth.yaml"
    with pytest.raises(ConfigurationError, match="No users file"):
        load_users(users_file(is_demo=False))


def test_add_user_command_writes_a_bcrypt_hash(tmp_path):
    target = tmp_path / "auth.yaml"
    command = [
        sys.executable, "-m", "auth.users", "add", "--username", "jo", "--name", "Jo Bloggs",
        "--role", "manager", "--region", "North", "--file", str(target), "--password-stdin",
    ]  # fmt: skip
    subprocess.run(command, input="a-long-password\n", text=True, check=True, cwd=ROOT)
    record = yaml.safe_load(target.read_text())["credentials"]["usernames"]["jo"]
    assert record["roles"] == ["manager"] and record["regions"] == ["North"]
    assert record["password"] != "a-long-password"
    assert bcrypt.checkpw(b"a-long-password", record["password"].encode())


def test_manager_without_regions_sees_nothing():
    assert Viewer("x", "X", Role.MANAGER, ()).scope == Scope.only([])
    assert Viewer("x", "X", Role.ANALYST, ("North",)).scope.sees_every_region
