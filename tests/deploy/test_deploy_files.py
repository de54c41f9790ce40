"""What can be checked of the image, the compose stack and the locks without building them."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib

import pytest
import yaml
from deploy_files import REPO, build_stage_sources, dockerignore_rules, ignored, instructions
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bot.config_cli import describe_settings


def _lock(name: str) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (REPO / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#", "-")):
            package, _, version = line.partition("==")
            pins[canonicalize_name(package)] = version.strip()
    return pins


def test_dockerfile_is_multi_stage_slim_non_root_with_healthcheck_and_serve():
    steps = instructions()
    froms = [rest for word, rest in steps if word == "FROM"]
    assert len(froms) == 2 and "AS build" in froms[0]
    args = dict(rest.split("=", 1) for word, rest in steps if word == "ARG" and "=" in rest)
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", args["PYTHON_IMAGE"])
    assert args["TORCH_INDEX"] == "https://download.pytorch.org/whl/cpu"
    second_from = [i for i, (word, _) in enumerate(steps) if word == "FROM"][1]
    runtime = steps[second_from:]
    users = [rest for word, rest in runtime if word == "USER"]
    assert users and users[-1] not in ("root", "0")
    health = next(rest for word, rest in runtime if word == "HEALTHCHECK")
    assert "/healthz" in health
    assert dict(runtime)["ENTRYPOINT"] == '["policybot"]' and dict(runtime)["CMD"] == '["serve"]'
    runs = [rest for word, rest in steps[:second_from] if word == "RUN"]
    assert any("deploy/docker/install.sh" in run for run in runs), (
        "install steps live in the script"
    )


def test_the_build_context_holds_what_the_build_copies_and_nothing_private():
    rules = dockerignore_rules()
    sources = build_stage_sources()
    assert {"requirements.lock", "bot", "ingest", "knowledge"} <= set(sources)
    for source in sources:
        assert (REPO / source).exists(), source
        assert not ignored(source, rules), f".dockerignore drops {source}, which the build copies"
    for private in (".env", ".venv", ".git", "tests", "data", ".policybot"):
        assert ignored(private, rules), f"{private} would reach the image"


def test_scripts_are_executable_and_parse():
    for script in ("deploy/docker/install.sh", "scripts/lock", "scripts/bootstrap.sh"):
        path = REPO / script
        assert os.access(path, os.X_OK), f"chmod +x {script}"
        subprocess.run(["bash", "-n", str(path)], check=True)


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_runs_replicas_behind_a_proxy_with_chroma_postgres_and_an_ingest_job(compose):
    services = compose["services"]
    assert set(services) == {"proxy", "bot", "ingest", "chroma", "postgres"}
    bot = services["bot"]
    assert int(str(bot["deploy"]["replicas"]).strip("${}").split(":-")[-1]) >= 2
    assert "ports" not in bot, "only the proxy is published, so bots can scale"
    env = bot["environment"]
    assert env["POLICYBOT_CHROMA_URL"] == "http://chroma:8000"
    assert (
        env["DATABASE_URL"].startswith("postgresql://") and "@postgres:5432/" in env["DATABASE_URL"]
    )
    assert bot["depends_on"]["ingest"]["condition"] == "service_completed_successfully"
    assert services["ingest"]["command"] == ["ingest"]
    assert services["ingest"]["environment"]["POLICYBOT_CHROMA_URL"] == env["POLICYBOT_CHROMA_URL"]
    assert services["chroma"]["healthcheck"] and services["postgres"]["healthcheck"]
    conf = services["proxy"]["volumes"][0].split(":")[0]
    text = (REPO / conf).read_text(encoding="utf-8")
    assert "server bot:3000" in text and "X-Request-Id" in text


def test_env_example_names_only_real_settings(compose):
    known = {name for doc in describe_settings() for name in doc.env}
    compose_vars = set(re.findall(r"\$\{(\w+)", (REPO / "compose.yaml").read_text()))
    for line in (REPO / "deploy/compose/env.example").read_text().splitlines():
        name = line.lstrip("#").partition("=")[0].strip()
        if "=" in line and name.isupper():
            assert name in known | compose_vars, f"{name} is not a setting"


def test_locks_pin_the_cpu_torch_and_every_dependency():
    runtime, dev = _lock("requirements.lock"), _lock("requirements-dev.lock")
    assert runtime["torch"] == "2.13.0+cpu" == dev["torch"]
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    for spec in project["dependencies"]:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in runtime, f"{name} missing from requirements.lock: run scripts/lock"
        version = runtime[name].split("+")[0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{name}=={runtime[name]} no longer satisfies {spec}: run scripts/lock"
        )
    for spec in project["optional-dependencies"]["dev"]:
        assert canonicalize_name(Requirement(spec).name) in dev
    drift = {n: (v, dev[n]) for n, v in runtime.items() if n in dev and dev[n] != v}
    assert not drift, f"the two locks disagree: {drift}"
