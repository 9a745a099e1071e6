"""The users file: loading it, adding a user, and the demo users.

Passwords are bcrypt-hashed before they are written, so the app never hashes at
login time (the authenticator runs with ``auto_hash=False``).

    python -m auth.users add --username jo --name "Jo Bloggs" --role manager \
        --region North --region East          # asks for the password
    python -m auth.users demo                 # (re)writes the demo users file
"""

from __future__ import annotations

import argparse
import copy
import getpass
import os
import sys
from pathlib import Path

import bcrypt
import yaml

from auth.roles import Role
from data_access.config import PROJECT_ROOT, database_config, read_secrets
from data_access.errors import ConfigurationError

AUTH_FILE_ENV = "DOORSTEP_AUTH_FILE"
COOKIE_KEY_ENV = "DOORSTEP_COOKIE_KEY"
DEFAULT_AUTH_FILE = PROJECT_ROOT / ".streamlit" / "auth.yaml"
DEMO_AUTH_FILE = PROJECT_ROOT / "data" / "demo-users.yaml"
EXAMPLE_COOKIE_KEY = "change-me-example-cookie-key"  # as in .streamlit/auth.example.yaml
DEMO_COOKIE_KEY = "doorstep-demo-only-cookie-signing-key-not-secret"
COOKIE_NAME = "doorstep_auth"
COOKIE_EXPIRY_DAYS = 7

#: Demo users (demo database only). Passwords are documented in the README.
DEMO_USERS: dict[str, dict] = {
    "director": {"name": "Dana Director", "role": Role.DIRECTOR, "regions": []},
    "manager": {"name": "Morgan Manager", "role": Role.MANAGER, "regions": ["North", "East"]},
    "analyst": {"name": "Ash Analyst", "role": Role.ANALYST, "regions": []},
    "safety": {"name": "Sam Safety", "role": Role.SAFETY_LEAD, "regions": []},
    "huddle": {"name": "Huddle Screen", "role": Role.HUDDLE, "regions": []},
}
DEMO_PASSWORD_SUFFIX = "-demo"  # e.g. director / director-demo


def hash_password(password: str, rounds: int = 12) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds)).decode()


def empty_users() -> dict:
    return {
        "cookie": {"name": COOKIE_NAME, "expiry_days": COOKIE_EXPIRY_DAYS},
        "credentials": {"usernames": {}},
    }


def user_record(name: str, role: Role, regions: list[str], password_hash: str) -> dict:
    return {
        "name": name,
        "email": "",
        "password": password_hash,
        "roles": [str(role)],
        "regions": list(regions),
    }


def write_users(path: Path, users: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(yaml.safe_dump(users, sort_keys=True))
    os.replace(tmp, path)


def write_demo_users(path: Path = DEMO_AUTH_FILE, rounds: int = 12) -> Path:
    users = empty_users()
    for username, spec in DEMO_USERS.items():
        password_hash = hash_password(username + DEMO_PASSWORD_SUFFIX, rounds)
        users["credentials"]["usernames"][username] = user_record(
            spec["name"], spec["role"], spec["regions"], password_hash
        )
    write_users(path, users)
    return path


def users_file(is_demo: bool) -> Path:
    """The users file in force: env, then ``.streamlit/auth.yaml``, then (demo only) demo."""
    configured = os.environ.get(AUTH_FILE_ENV)
    if configured:
        return Path(configured)
    if DEFAULT_AUTH_FILE.exists() or not is_demo:
        return DEFAULT_AUTH_FILE
    if not DEMO_AUTH_FILE.exists():
        write_demo_users(DEMO_AUTH_FILE)
    return DEMO_AUTH_FILE


def load_users(path: Path) -> dict:
    """The users file as a fresh dict (the authenticator mutates what it is given)."""
    if not path.exists():
        raise ConfigurationError(
            f"No users file at {path}. Create one with `python -m auth.users add ...` "
            f"or set {AUTH_FILE_ENV}."
        )
    users = yaml.safe_load(path.read_text()) or {}
    users.setdefault("credentials", {}).setdefault("usernames", {})
    users.setdefault("cookie", {}).setdefault("name", COOKIE_NAME)
    return copy.deepcopy(users)


def cookie_key(is_demo: bool) -> str:
    """The cookie-signing key. Outside the demo, a real key is required."""
    key = os.environ.get(COOKIE_KEY_ENV) or read_secrets().get("auth", {}).get("cookie_key")
    if key and key != EXAMPLE_COOKIE_KEY:
        return str(key)
    if is_demo:
        return DEMO_COOKIE_KEY
    problem = "is the example key" if key else "is not set"
    raise ConfigurationError(
        f"The login cookie key {problem}. Set {COOKIE_KEY_ENV} or [auth] cookie_key in "
        ".streamlit/secrets.toml to a long random secret before serving real data."
    )


def _add(args: argparse.Namespace) -> int:
    path = Path(args.file) if args.file else users_file(database_config().is_demo)
    users = yaml.safe_load(path.read_text()) if path.exists() else empty_users()
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass()
    if len(password) < 10:
        print("Passwords must be at least 10 characters.", file=sys.stderr)
        return 1
    users["credentials"]["usernames"][args.username] = user_record(
        args.name, Role(args.role), args.region or [], hash_password(password)
    )
    write_users(path, users)
    print(f"Added {args.username} ({args.role}) to {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m auth.users", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add or replace a user")
    add.add_argument("--username", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=[str(r) for r in Role])
    add.add_argument("--region", action="append", help="a region a manager sees (repeat)")
    add.add_argument("--file", help=f"users file (default: ${AUTH_FILE_ENV} or .streamlit)")
    add.add_argument("--password-stdin", action="store_true", help="read the password")
    demo = commands.add_parser("demo", help="write the demo users file")
    demo.add_argument("--file", default=str(DEMO_AUTH_FILE))
    args = parser.parse_args(argv)
    if args.command == "add":
        return _add(args)
    print(f"Demo users written to {write_demo_users(Path(args.file))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
