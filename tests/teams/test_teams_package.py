"""The app package: manifest template, icons, and the `policybot teams-package` command."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from bot.cli import main
from bot.teams.package import SOURCE

APP_ID = "00000000-1111-2222-3333-444444444444"
MAKE_ICONS = Path(__file__).resolve().parents[2] / "deploy" / "teams" / "make_icons.py"


def test_package_zips_manifest_and_icons_at_the_root(tmp_path: Path) -> None:
    out = tmp_path / "policybot.zip"
    result = CliRunner().invoke(main, ["teams-package", "--app-id", APP_ID, "--out", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(package.read("manifest.json"))
        colour = Image.open(BytesIO(package.read("color.png")))
        outline = Image.open(BytesIO(package.read("outline.png")))
    assert manifest["id"] == APP_ID and manifest["bots"][0]["botId"] == APP_ID
    assert set(manifest["bots"][0]["scopes"]) >= {"personal", "team"}
    assert "{{" not in json.dumps(manifest)
    assert colour.size == (192, 192) and outline.size == (32, 32)
    # The outline icon is white on transparent, as Teams requires.
    pixels = outline.convert("RGBA").get_flattened_data()
    assert {p[:3] for p in pixels if p[3]} == {(255, 255, 255)}
    assert any(p[3] == 0 for p in pixels)


def test_package_takes_the_app_id_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    out = tmp_path / "env.zip"
    result = CliRunner().invoke(main, ["teams-package", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as package:
        assert json.loads(package.read("manifest.json"))["id"] == APP_ID


def test_package_needs_a_guid_app_id(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["teams-package", "--out", str(tmp_path / "x.zip")])
    assert missing.exit_code != 0 and "MICROSOFT_APP_ID" in missing.output
    wrong = runner.invoke(
        main, ["teams-package", "--app-id", "policybot", "--out", str(tmp_path / "x.zip")]
    )
    assert wrong.exit_code != 0 and "GUID" in wrong.output


def test_committed_icons_match_the_generator() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_icons", MAKE_ICONS)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = Image.open(SOURCE / "color.png").convert("RGBA")
    assert committed.tobytes() == module.colour_icon().convert("RGBA").tobytes()
