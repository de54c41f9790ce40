"""The Dockerfile's install steps, run for real into a clean virtualenv.

There is no Docker engine here, so the build stage's one RUN (deploy/docker/install.sh)
runs on a copy of exactly what the build stage COPYs, and the result must answer.
Takes minutes (it installs torch): marked slow, and run in CI or when
POLICYBOT_INSTALL_TEST=1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from deploy_files import REPO, build_stage_sources


def _wanted() -> bool:
    flags = (os.environ.get("POLICYBOT_INSTALL_TEST", ""), os.environ.get("CI", ""))
    return any(flag.lower() in ("1", "true", "yes") for flag in flags)


# Two to five minutes (it installs torch), so it runs in CI (CI=true) and on request,
# not in every local `scripts/test`. Read at import: the isolated_env fixture hides
# POLICYBOT_* variables from the tests themselves.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not _wanted(), reason="installs torch into a new venv: set POLICYBOT_INSTALL_TEST=1"
    ),
]

APP_ID = "00000000-1111-2222-3333-444444444444"

# Environment the install and the installed bot see: nothing of the developer's settings.
_DROP = (
    "POLICYBOT_",
    "SLACK_",
    "MICROSOFT_",
    "CONNECTIONS__",
    "SMTP_",
    "DATABASE_URL",
    "VIRTUAL_ENV",
)


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(_DROP)}
    return env | extra


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("image")
    src = root / "src"
    for name in build_stage_sources():
        source, target = REPO / name, src / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    prefix, data = root / "opt" / "policybot", root / "var" / "policybot"
    env = _clean_env(
        # This machine's pip indexes carry the CPU torch; the image build names PyTorch's.
        TORCH_INDEX="",
        # Bytecode is compiled at first import instead: the test only needs it to run.
        PIP_NO_COMPILE="1",
    )
    result = subprocess.run(
        ["bash", str(src / "deploy/docker/install.sh"), str(prefix), str(data)],
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "model sha256 verified" in result.stderr
    return prefix, data


def test_install_script_ends_with_a_working_ask(installed: tuple[Path, Path]):
    prefix, data = installed
    env = _clean_env(
        POLICYBOT_DATA_DIR=str(data),
        POLICYBOT_KNOWLEDGE_DIR=str(prefix / "share/policybot/knowledge"),
        HF_HUB_OFFLINE="1",
    )
    result = subprocess.run(
        [str(prefix / "bin/policybot"), "ask", "--json", "what's the out of hours comms number?"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=data.parent,  # not the source tree: the installed package must stand alone
    )
    assert result.returncode == 0, result.stderr[-3000:]
    reply = json.loads(result.stdout)
    assert reply["kind"] == "answer"
    assert "07968 149916" in reply["text"]
    # The store was baked at install time: nothing is ingested at start.
    assert "vector store is empty" not in result.stderr
    assert (data / "chroma").is_dir()


def test_the_installed_package_is_not_the_source_tree(installed: tuple[Path, Path]):
    prefix, _ = installed
    site = next((prefix / "lib").glob("python3*/site-packages"))
    assert (site / "bot" / "__init__.py").is_file() and (site / "ingest").is_dir()
    assert not list(site.glob("__editable__*")), "the image installs the package, not a link"
    torch = [p.name for p in site.glob("torch-*.dist-info")]
    assert torch == ["torch-2.13.0+cpu.dist-info"], "the lock must install the CPU build of torch"


def test_teams_package_runs_in_the_installed_image(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    prefix, data = installed
    out = tmp_path / "policybot-teams.zip"
    result = subprocess.run(
        [str(prefix / "bin/policybot"), "teams-package", "--app-id", APP_ID, "--out", str(out)],
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=data.parent,  # no checkout: the template and icons are package data
    )
    assert result.returncode == 0, result.stderr[-3000:]
    with zipfile.ZipFile(out) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
