"""`policybot teams-package`: zip the Teams app package an admin uploads.

The package is manifest.json plus the two icons, all at the zip's root (Teams rejects
a package whose files sit in a folder). The manifest template and the icons are package
data (bot/teams/app_package), so the command works in the installed image as well as in a
checkout; the template's app and bot ids are the Azure Bot's app id, filled in here.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import click

from bot.settings import Settings

SOURCE = Path(__file__).resolve().parent / "app_package"
PLACEHOLDER = "{{MICROSOFT_APP_ID}}"
ICONS = {"color": (192, 192), "outline": (32, 32)}
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


class PackageError(click.ClickException):
    pass


def render_manifest(template: str, app_id: str) -> dict[str, Any]:
    if not _GUID.match(app_id):
        raise PackageError(
            f"the app id must be a GUID (the Azure Bot's Microsoft App ID), got {app_id!r}"
        )
    manifest: dict[str, Any] = json.loads(template.replace(PLACEHOLDER, app_id))
    return manifest


def check_icons(source: Path, manifest: dict[str, Any]) -> dict[str, Path]:
    from PIL import Image

    paths: dict[str, Path] = {}
    for role, size in ICONS.items():
        path = source / manifest["icons"][role]
        if not path.is_file():
            raise PackageError(f"{path} is missing: run python deploy/teams/make_icons.py")
        with Image.open(path) as image:
            if image.format != "PNG" or image.size != size:
                raise PackageError(f"{path} must be a {size[0]}×{size[1]} PNG")
        paths[role] = path
    return paths


def build_package(out: Path, app_id: str, source: Path = SOURCE) -> Path:
    template = source / "manifest.json"
    if not template.is_file():
        raise PackageError(
            f"{template} not found: reinstall policybot (the app package template is missing)"
        )
    manifest = render_manifest(template.read_text(encoding="utf-8"), app_id)
    icons = check_icons(source, manifest)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for role, path in icons.items():
            package.write(path, arcname=manifest["icons"][role])
    return out


@click.command("teams-package")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("policybot-teams.zip"),
    show_default=True,
    help="Where to write the zip.",
)
@click.option("--app-id", help="The Azure Bot's Microsoft App ID (default: $MICROSOFT_APP_ID).")
def teams_package(out: Path, app_id: str | None) -> None:
    """Zip the Teams app package (manifest and icons) to upload in Teams."""
    app_id = app_id or Settings().microsoft_app_id
    if not app_id:
        raise PackageError("give --app-id or set MICROSOFT_APP_ID (the Azure Bot's app id)")
    path = build_package(out, app_id)
    click.echo(f"wrote {path}: upload it in Teams (Apps → Manage your apps → Upload an app)")
