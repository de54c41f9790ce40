"""The files an admin uploads or runs, checked against the platforms' schemas
(tests/schemas/README.md says where each schema comes from and which version)."""

from __future__ import annotations

import copy
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "tests" / "schemas"
TEAMS_MANIFEST = REPO / "bot" / "teams" / "app_package" / "manifest.json"
APP_ID = "00000000-1111-2222-3333-444444444444"


def _errors(schema: dict[str, Any], document: Any) -> list[str]:
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]


# --- Slack --------------------------------------------------------------------------------
def _slack_schema() -> dict[str, Any]:
    return json.loads((SCHEMAS / "slack" / "manifest-subset.schema.json").read_text())


def _slack_manifest() -> dict[str, Any]:
    return yaml.safe_load((REPO / "deploy" / "slack" / "manifest.yml").read_text())


def test_the_slack_manifest_passes_slacks_schema() -> None:
    assert _errors(_slack_schema(), _slack_manifest()) == []


def test_the_slack_schema_holds_slacks_limits() -> None:
    manifest = _slack_manifest()
    too_long = copy.deepcopy(manifest)
    too_long["features"]["shortcuts"][1]["name"] = "Check against social media policy"
    assert any("is too long" in e for e in _errors(_slack_schema(), too_long))
    unknown = copy.deepcopy(manifest)
    unknown["settings"]["socket_mode"] = True  # not socket_mode_enabled
    assert _errors(_slack_schema(), unknown)


# --- Teams --------------------------------------------------------------------------------
def _teams_manifest() -> dict[str, Any]:
    return json.loads(TEAMS_MANIFEST.read_text().replace("{{MICROSOFT_APP_ID}}", APP_ID))


def test_the_teams_manifest_passes_the_v1_17_schema() -> None:
    manifest = _teams_manifest()
    version = manifest["manifestVersion"]
    assert manifest["$schema"].endswith(f"/teams/v{version}/MicrosoftTeams.schema.json")
    schema = json.loads(
        (SCHEMAS / "teams" / f"v{version}" / "MicrosoftTeams.schema.json").read_text()
    )
    assert _errors(schema, manifest) == []
    broken = copy.deepcopy(manifest)
    broken["bots"][0]["scopes"] = ["personal", "meeting"]
    assert _errors(schema, broken)


def test_the_package_command_writes_a_manifest_that_passes_the_schema(tmp_path: Path) -> None:
    import zipfile

    from bot.teams.package import build_package

    out = build_package(tmp_path / "policybot.zip", APP_ID)
    with zipfile.ZipFile(out) as package:
        manifest = json.loads(package.read("manifest.json"))
    schema = json.loads((SCHEMAS / "teams" / "v1.17" / "MicrosoftTeams.schema.json").read_text())
    assert _errors(schema, manifest) == []


# --- compose ------------------------------------------------------------------------------
def _compose_schema() -> dict[str, Any]:
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads(vendor.joinpath("compose-spec.json").read_text(encoding="utf-8"))


def test_compose_yaml_passes_the_compose_spec() -> None:
    compose = yaml.safe_load((REPO / "compose.yaml").read_text())
    assert _errors(_compose_schema(), compose) == []
    broken = copy.deepcopy(compose)
    broken["services"]["bot"]["depends_on"]["ingest"]["condition"] = "service_finished"
    assert _errors(_compose_schema(), broken)


def test_compose_pins_an_nginx_that_has_upstream_resolve() -> None:
    compose = yaml.safe_load((REPO / "compose.yaml").read_text())
    image = compose["services"]["proxy"]["image"]
    match = re.fullmatch(r"nginx:(\d+)\.(\d+)\.(\d+)(-alpine)?", image)
    assert match, f"{image}: pin an exact nginx release, not a floating tag"
    assert tuple(map(int, match.groups()[:3])) >= (1, 27, 3), "`resolve` needs nginx >= 1.27.3"
    assert " resolve;" in (REPO / "deploy" / "compose" / "nginx.conf").read_text()


def test_the_image_runs_as_a_numeric_user() -> None:
    users = re.findall(r"^USER\s+(\S+)", (REPO / "Dockerfile").read_text(), flags=re.M)
    # Kubernetes can only verify runAsNonRoot against a numeric user.
    assert users[-1] == "10001:10001"
