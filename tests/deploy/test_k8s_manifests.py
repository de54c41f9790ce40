"""deploy/k8s/: strict Kubernetes schemas, Pod Security "restricted", and references that
resolve (a ConfigMap named nowhere leaves pods in CreateContainerConfigError)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "deploy" / "k8s"
KUBERNETES = "1.37.0"  # the newest release kubernetes-validate ships strict schemas for
RESTRICTED_UID = 10001  # the image's numeric USER (Dockerfile)


def _documents() -> list[dict[str, Any]]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue  # kustomize's own file, not a cluster object
        docs += [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    return docs


DOCS = _documents()


def _by_kind(kind: str) -> list[dict[str, Any]]:
    return [d for d in DOCS if d["kind"] == kind]


def _pod_specs() -> Iterator[tuple[str, dict[str, Any]]]:
    for doc in DOCS:
        if doc["kind"] in ("Deployment", "StatefulSet", "Job"):
            yield f"{doc['kind']}/{doc['metadata']['name']}", doc["spec"]["template"]["spec"]


def test_every_object_kubernetes_needs_is_there() -> None:
    kinds = {(d["kind"], d["metadata"]["name"]) for d in DOCS}
    assert {
        ("Deployment", "policybot"),
        ("Service", "policybot"),
        ("Ingress", "policybot"),
        ("Job", "policybot-ingest"),
        ("Secret", "policybot-secrets"),
        ("ConfigMap", "policybot-config"),
        ("StatefulSet", "chroma"),
        ("Service", "chroma"),
        ("PodDisruptionBudget", "policybot"),
    } <= kinds
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"]
    on_disk = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}
    assert set(listed) == on_disk


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: f"{d['kind']}/{d['metadata']['name']}")
def test_each_object_passes_the_strict_schema(doc: dict[str, Any]) -> None:
    # Strict: unknown fields are errors (a typo such as `securityContex` would pass a
    # lenient check and be dropped by the API server).
    kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_the_strict_schema_check_can_fail() -> None:
    broken = yaml.safe_load((K8S / "pdb.yaml").read_text())
    broken["spec"]["minAvailabel"] = 2
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES, strict=True)


@pytest.mark.parametrize(
    "name,pod", list(_pod_specs()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_container_meets_pod_security_restricted(name: str, pod: dict[str, Any]) -> None:
    pod_ctx = pod.get("securityContext") or {}
    assert pod_ctx.get("seccompProfile", {}).get("type") in ("RuntimeDefault", "Localhost"), name
    for container in pod.get("initContainers", []) + pod["containers"]:
        ctx = container.get("securityContext") or {}
        where = f"{name} container {container['name']}"
        non_root = ctx.get("runAsNonRoot", pod_ctx.get("runAsNonRoot"))
        uid = ctx.get("runAsUser", pod_ctx.get("runAsUser"))
        assert non_root is True, f"{where}: runAsNonRoot"
        assert uid == RESTRICTED_UID, f"{where}: runAsUser {uid}"
        assert ctx.get("allowPrivilegeEscalation") is False, f"{where}: allowPrivilegeEscalation"
        assert ctx.get("capabilities", {}).get("drop") == ["ALL"], f"{where}: drop ALL"
        assert not ctx.get("capabilities", {}).get("add"), f"{where}: adds capabilities"
        assert not ctx.get("privileged"), f"{where}: privileged"
        seccomp = ctx.get("seccompProfile", pod_ctx.get("seccompProfile", {}))
        assert seccomp.get("type") in ("RuntimeDefault", "Localhost"), f"{where}: seccomp"
    for volume in pod.get("volumes", []):
        assert "hostPath" not in volume, f"{name}: hostPath volumes are not allowed"


def test_references_resolve() -> None:
    config_maps = {d["metadata"]["name"] for d in _by_kind("ConfigMap")}
    secrets = {d["metadata"]["name"] for d in _by_kind("Secret")}
    for name, pod in _pod_specs():
        for container in pod["containers"]:
            for source in container.get("envFrom", []):
                if "configMapRef" in source:
                    assert source["configMapRef"]["name"] in config_maps, name
                if "secretRef" in source:
                    assert source["secretRef"]["name"] in secrets, name
    services = {d["metadata"]["name"]: d for d in _by_kind("Service")}
    workloads = _by_kind("Deployment") + _by_kind("StatefulSet")
    for service in services.values():
        selector = service["spec"]["selector"]
        assert any(
            selector.items() <= w["spec"]["template"]["metadata"]["labels"].items()
            for w in workloads
        ), f"Service {service['metadata']['name']} selects no pods"
    for rule in _by_kind("Ingress")[0]["spec"]["rules"]:
        for path in rule["http"]["paths"]:
            assert path["backend"]["service"]["name"] in services
    [pdb] = _by_kind("PodDisruptionBudget")
    [bot] = [d for d in _by_kind("Deployment") if d["metadata"]["name"] == "policybot"]
    assert pdb["spec"]["selector"]["matchLabels"] == bot["spec"]["selector"]["matchLabels"]
    assert pdb["spec"]["minAvailable"] < bot["spec"]["replicas"], "drains must stay possible"
    [config] = _by_kind("ConfigMap")
    assert config["data"]["POLICYBOT_CHROMA_URL"] == "http://chroma:8000"
    assert "chroma" in services and services["chroma"]["spec"]["ports"][0]["port"] == 8000


def test_chroma_keeps_its_data_on_a_writable_volume_and_is_probed() -> None:
    [chroma] = _by_kind("StatefulSet")
    pod = chroma["spec"]["template"]["spec"]
    assert pod["securityContext"]["fsGroup"] == RESTRICTED_UID
    [claim] = chroma["spec"]["volumeClaimTemplates"]
    [container] = pod["containers"]
    assert {m["name"]: m["mountPath"] for m in container["volumeMounts"]} == {
        claim["metadata"]["name"]: "/var/lib/chroma"
    }
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/api/v2/heartbeat"


def test_the_bot_is_probed_on_health_and_readiness() -> None:
    [bot] = [d for d in _by_kind("Deployment") if d["metadata"]["name"] == "policybot"]
    [container] = bot["spec"]["template"]["spec"]["containers"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"


def test_the_deploy_docs_point_to_the_manifests_and_name_what_they_define() -> None:
    text = (REPO / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert "deploy/k8s/" in text
    defined = {d["metadata"]["name"] for d in DOCS}
    named = set(re.findall(r"configMapRef: \{name: ([\w-]+)\}", text))
    named |= set(re.findall(r"`ConfigMap` `([\w-]+)`", text))
    named |= set(re.findall(r"`Secret` `([\w-]+)`", text))
    assert named and named <= defined
