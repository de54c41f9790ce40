"""`policybot config`: the effective settings with secrets masked, or the reference page.

Both views are read off the `Settings` model itself (fields, aliases, defaults,
descriptions, and the `# --- group ---` comments of bot/settings.py), so the page in
docs/configuration.md cannot say something the code does not do; a test regenerates it.
"""

from __future__ import annotations

import inspect
import re
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import click
from pydantic import AliasChoices, SecretStr, ValidationError
from pydantic_core import PydanticUndefined

from .settings import REPO_ROOT, Settings

MASK = "***"
_GROUP = re.compile(r"^\s*# -+ (?P<name>.+?) -*$")
_FIELD = re.compile(r"^    (?P<name>[a-z_][a-z0-9_]*): ")
_URL_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.\-]*://[^:/@\s]*:)[^@\s]+@", re.IGNORECASE)
_SECRET_NAME = re.compile(r"password|secret|token", re.IGNORECASE)
_TYPES = {str: "text", int: "integer", float: "number", bool: "true/false", Path: "path"}


@dataclass(frozen=True)
class SettingDoc:
    name: str
    env: tuple[str, ...]  # the first is the one to use; the others are also read
    kind: str
    default: str
    description: str
    group: str
    secret: bool


def _groups() -> dict[str, str]:
    """Field name → the heading of the `# --- ... ---` block it is declared under."""
    group, found = "General", {}
    for line in inspect.getsource(Settings).splitlines():
        if match := _GROUP.match(line):
            group = match["name"].strip()
            group = group[:1].upper() + group[1:]
        elif match := _FIELD.match(line):
            found[match["name"]] = group
    return found


def _kind(annotation: Any) -> tuple[str, bool]:
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) in (Union, types.UnionType) and len(args) == 1:
        annotation = args[0]
    if annotation is SecretStr:
        return "secret", True
    return _TYPES.get(annotation, getattr(annotation, "__name__", str(annotation))), False


def _portable(value: Any) -> str:
    """A default as the reader should read it, the same on every machine."""
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Path):
        if value.is_relative_to(REPO_ROOT):
            return f"<source>/{value.relative_to(REPO_ROOT).as_posix()}"
        if value.is_relative_to(Path.home()):
            return f"~/{value.relative_to(Path.home()).as_posix()}"
    return str(value)


def describe_settings() -> list[SettingDoc]:
    groups = _groups()
    docs = []
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        env = tuple(str(c) for c in alias.choices) if isinstance(alias, AliasChoices) else ()
        kind, secret = _kind(field.annotation)
        default = field.default if field.default is not PydanticUndefined else None
        docs.append(
            SettingDoc(
                name=name,
                env=env or (name.upper(),),
                kind=kind,
                default=_portable(default),
                description=field.description or "",
                group=groups.get(name, "General"),
                secret=secret or bool(_SECRET_NAME.search(name)),
            )
        )
    return docs


def mask(value: Any, *, secret: bool = False) -> str:
    """What may be printed: secrets as ***, URLs without their password."""
    if value is None:
        return "unset"
    if isinstance(value, SecretStr) or secret:
        return MASK
    text = _portable(value) if isinstance(value, bool) else str(value)
    return _URL_PASSWORD.sub(lambda m: f"{m['head']}{MASK}@", text)


def _by_group(docs: list[SettingDoc]) -> Iterator[tuple[str, list[SettingDoc]]]:
    order: dict[str, list[SettingDoc]] = {}
    for doc in docs:
        order.setdefault(doc.group, []).append(doc)
    yield from order.items()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(docs: list[SettingDoc]) -> str:
    lines = [
        "# Configuration reference",
        "",
        "<!-- Generated from bot/settings.py by `policybot config --markdown > docs/configuration.md`;",
        "     do not edit by hand: tests/deploy/test_configuration.py fails when the two drift. -->",
        "",
        "policybot reads every setting from an environment variable, once, at start-up.",
        "Unset variables take the default shown. `policybot config` prints the values in",
        "effect, with secrets and database passwords masked. Where two variables are listed,",
        "the first is the one to use; the second is also read, for compatibility with the",
        "platform's own tooling.",
    ]
    for group, members in _by_group(docs):
        lines += ["", f"## {group}", "", "| Variable | Type | Default | Description |"]
        lines.append("|---|---|---|---|")
        for doc in members:
            names = "<br>or ".join(f"`{e}`" for e in doc.env)
            default = doc.default if doc.default == "unset" else f"`{doc.default}`"
            lines.append(f"| {names} | {doc.kind} | {_cell(default)} | {_cell(doc.description)} |")
    return "\n".join(lines) + "\n"


def render_effective(settings: Settings, docs: list[SettingDoc]) -> str:
    width = max(len(doc.env[0]) for doc in docs)
    lines: list[str] = []
    for group, members in _by_group(docs):
        lines += ["", f"# {group}"] if lines else [f"# {group}"]
        for doc in members:
            value = mask(getattr(settings, doc.name), secret=doc.secret)
            source = "env" if doc.name in settings.model_fields_set else "default"
            lines.append(f"{doc.env[0]:<{width}}  {value}  ({source})")
    return "\n".join(lines)


def _load() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        # Name the variable and the problem, never the value: it may be a secret.
        aliases = {d.name: d.env[0] for d in describe_settings()}
        problems = [
            f"{aliases.get(str(e['loc'][0]), e['loc'][0]) if e['loc'] else '?'}: {e['msg']}"
            for e in exc.errors(include_input=False)
        ]
        raise click.ClickException("invalid settings:\n  " + "\n  ".join(problems)) from None


@click.command("config")
@click.option("--markdown", is_flag=True, help="Print the reference page (docs/configuration.md).")
def config(markdown: bool) -> None:
    """Print every setting, its environment variable and the value in effect (secrets masked)."""
    docs = describe_settings()
    if markdown:
        click.echo(render_markdown(docs), nl=False)
        return
    click.echo(render_effective(_load(), docs))
