"""`policybot teams-package` from the installed package alone, as in the image: the
manifest template and icons are package data, not files of a checkout's deploy/ folder
(which the image's build context leaves out)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APP_ID = "00000000-1111-2222-3333-444444444444"
PACKAGE_DATA = {
    "bot/teams/app_package/manifest.json",
    "bot/teams/app_package/color.png",
    "bot/teams/app_package/outline.png",
}


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, result.stderr[-3000:]
    return result  # type: ignore[no-any-return]


def test_teams_package_works_from_an_installed_wheel(tmp_path: Path) -> None:
    # Build from a copy of what the image's build context holds (.dockerignore): no deploy/.
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    for folder in ("bot", "ingest", "bench"):
        shutil.copytree(REPO / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(src)])
    [wheel] = wheels.glob("policybot-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert set(archive.namelist()) >= PACKAGE_DATA
    site = tmp_path / "site"
    _run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)])

    elsewhere = tmp_path / "elsewhere"  # no checkout around: the wheel's files only
    elsewhere.mkdir()
    out = elsewhere / "policybot-teams.zip"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POLICYBOT_", "MICROSOFT_"))}
    env["PYTHONPATH"] = str(site)  # before the dev venv's editable install on sys.path
    script = (
        "import sys, bot.teams.package as p; "
        f"assert p.__file__.startswith({str(site)!r}), p.__file__; "
        "from bot.cli import main; "
        f"main(['teams-package', '--app-id', {APP_ID!r}, '--out', {str(out)!r}])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    with zipfile.ZipFile(out) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        assert json.loads(package.read("manifest.json"))["bots"][0]["botId"] == APP_ID
