"""The Kubernetes manifests (deploy/), checked offline: `kubectl kustomize` builds them, the
PyPI package kubernetes-validate checks them against the API's schemas, and what they say
must agree with the app (settings that exist, probe paths it serves, the LLM Service's port).

kubectl comes from Debian's packages in CI (.ci/run); without it these tests are skipped,
except under CI, where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from verivoice.config import Settings

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
KUBERNETES_VERSION = "1.30.0"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        if os.environ.get("CI"):
            pytest.fail("CI must check deploy/: kubectl is missing (Debian: kubernetes-client)")
        pytest.skip("kubectl not installed (Debian package kubernetes-client)")
    out = subprocess.run([kubectl, "kustomize", str(DEPLOY)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    path = tmp_path_factory.mktemp("deploy") / "all.yaml"
    path.write_text(out.stdout)
    return path


@pytest.fixture(scope="module")
def objects(built: Path) -> dict[tuple[str, str], dict[str, Any]]:
    return {(o["kind"], o["metadata"]["name"]): o
            for o in yaml.safe_load_all(built.read_text()) if o}


def _generated(objects: dict, kind: str, prefix: str) -> dict[str, Any]:
    (found,) = [o for (k, name), o in objects.items() if k == kind and name.startswith(prefix)]
    return found


def _container(deployment: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [c for c in deployment["spec"]["template"]["spec"]["containers"]
                if c["name"] == name]
    return found


def _is_setting(variable: str) -> bool:
    """True if VERIVOICE_A__B names a field of the settings (a typo would be ignored)."""
    model: type[BaseModel] = Settings
    parts = variable.removeprefix("VERIVOICE_").lower().split("__")
    for depth, part in enumerate(parts):
        field = model.model_fields.get(part)
        if field is None:
            return False
        if depth < len(parts) - 1:
            model = field.annotation  # type: ignore[assignment]
            if not (isinstance(model, type) and issubclass(model, BaseModel)):
                return False
    return True


def test_manifests_pass_the_kubernetes_schemas(built: Path) -> None:
    validator = Path(sys.executable).with_name("kubernetes-validate")
    result = subprocess.run([str(validator), "-k", KUBERNETES_VERSION, "--strict", "--quiet",
                             str(built)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_variable_the_manifests_set_is_a_real_setting(objects: dict) -> None:
    variables = [*_generated(objects, "ConfigMap", "verivoice-settings-")["data"],
                 *_generated(objects, "ConfigMap", "verivoice-vllm-settings-")["data"],
                 *objects["Secret", "verivoice-twilio"]["stringData"],
                 *objects["Secret", "verivoice-state"]["stringData"],
                 *objects["Secret", "verivoice-state-owner"]["stringData"],
                 *objects["Secret", "verivoice-llm"]["stringData"]]
    assert "VERIVOICE_STATE__URL" in variables
    assert [v for v in variables if not _is_setting(v)] == []


def test_the_agent_scales_out_and_drains(objects: dict) -> None:
    agent = objects["Deployment", "verivoice-agent"]
    spec = agent["spec"]["template"]["spec"]
    container = _container(agent, "agent")
    assert agent["spec"]["replicas"] >= 2
    assert agent["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert {"cpu", "memory"} <= set(container["resources"]["requests"])
    sources = {ref.get("secretRef", ref.get("configMapRef"))["name"]
               for ref in container["envFrom"]}
    assert {"verivoice-twilio", "verivoice-state"} <= sources
    assert any(name.startswith("verivoice-settings-") for name in sources)  # the generated one
    drain = container["lifecycle"]["preStop"]["exec"]["command"]
    compile(drain[-1], "preStop", "exec")  # the drain script is valid Python
    assert "/readyz" in drain[-1] and '"calls"' in drain[-1]
    settings = _generated(objects, "ConfigMap", "verivoice-settings-")["data"]
    drain_s = int(re.search(r"deadline = time\.monotonic\(\) \+ (\d+)", drain[-1]).group(1))
    assert spec["terminationGracePeriodSeconds"] >= drain_s + float(
        settings["VERIVOICE_SERVER__SHUTDOWN_GRACE_S"])
    (init,) = spec["initContainers"]
    assert init["command"][-3:] == ["-m", "verivoice.auth.store", "upgrade"]
    assert settings["VERIVOICE_STATE__AUTO_MIGRATE"] == "false"
    budget = objects["PodDisruptionBudget", "verivoice-agent"]
    assert budget["spec"]["selector"]["matchLabels"] == agent["spec"]["selector"]["matchLabels"]


def test_the_llm_runs_on_a_gpu_behind_the_service_the_agents_call(objects: dict) -> None:
    vllm = objects["Deployment", "verivoice-vllm"]
    container = _container(vllm, "vllm")
    assert container["resources"]["limits"]["nvidia.com/gpu"] == 1
    service = objects["Service", "verivoice-vllm"]
    assert service["spec"]["selector"] == vllm["spec"]["selector"]["matchLabels"]
    llm = _generated(objects, "ConfigMap", "verivoice-vllm-settings-")["data"]
    agent_settings = _generated(objects, "ConfigMap", "verivoice-settings-")["data"]
    (port,) = service["spec"]["ports"]
    assert agent_settings["VERIVOICE_LLM__BASE_URL"] == (
        f"http://verivoice-vllm:{port['port']}/v1")
    assert str(container["ports"][0]["containerPort"]) == llm["VERIVOICE_LLM__PORT"]
    assert llm["VERIVOICE_LLM__SERVED_NAME"] == agent_settings["VERIVOICE_LLM__SERVED_NAME"]


def test_the_ingress_keeps_media_websockets_open_and_unbuffered(objects: dict) -> None:
    ingress = objects["Ingress", "verivoice"]
    notes = ingress["metadata"]["annotations"]
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
        assert int(notes[f"nginx.ingress.kubernetes.io/{timeout}"]) >= 3600
    assert notes["nginx.ingress.kubernetes.io/proxy-buffering"] == "off"
    assert notes["nginx.ingress.kubernetes.io/proxy-request-buffering"] == "off"
    (rule,) = ingress["spec"]["rules"]
    (path,) = rule["http"]["paths"]
    assert path["path"] == "/twilio/" and path["backend"]["service"]["name"] == "verivoice-agent"
    public = _generated(objects, "ConfigMap", "verivoice-settings-")["data"]
    assert public["VERIVOICE_TWILIO__PUBLIC_URL"] == f"https://{rule['host']}"


def _sources(container: dict[str, Any]) -> set[str]:
    return {ref.get("secretRef", ref.get("configMapRef"))["name"] for ref in container["envFrom"]}


def test_the_agent_never_holds_the_schema_owners_credentials(objects: dict) -> None:
    agent = objects["Deployment", "verivoice-agent"]
    (init,) = agent["spec"]["template"]["spec"]["initContainers"]
    assert "verivoice-state-owner" in _sources(init)
    assert "verivoice-state-owner" not in _sources(_container(agent, "agent"))
    owner = objects["Secret", "verivoice-state-owner"]["stringData"]
    agent_url = objects["Secret", "verivoice-state"]["stringData"]["VERIVOICE_STATE__URL"]
    assert agent_url.startswith(f"postgresql://{owner['VERIVOICE_STATE__AGENT_ROLE']}:")
    for url in (agent_url, owner["VERIVOICE_STATE__URL"]):
        assert url.endswith("sslmode=verify-full")


def test_vllm_and_the_agents_share_one_api_key(objects: dict) -> None:
    vllm = _container(objects["Deployment", "verivoice-vllm"], "vllm")
    agent = _container(objects["Deployment", "verivoice-agent"], "agent")
    assert "verivoice-llm" in _sources(vllm) and "verivoice-llm" in _sources(agent)
    assert "VERIVOICE_LLM__API_KEY" in objects["Secret", "verivoice-llm"]["stringData"]


def test_network_policies_let_only_the_ingress_reach_the_agents_and_only_the_agents_vllm(
        objects: dict) -> None:
    deny = objects["NetworkPolicy", "verivoice-default-deny"]["spec"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    agent_labels = objects["Deployment", "verivoice-agent"]["spec"]["selector"]["matchLabels"]
    vllm_labels = objects["Deployment", "verivoice-vllm"]["spec"]["selector"]["matchLabels"]
    to_vllm = objects["NetworkPolicy", "verivoice-vllm"]["spec"]
    assert to_vllm["podSelector"]["matchLabels"] == vllm_labels
    assert [peer["podSelector"]["matchLabels"] for rule in to_vllm["ingress"]
            for peer in rule["from"]] == [agent_labels]
    assert to_vllm["egress"] == []
    to_agent = objects["NetworkPolicy", "verivoice-agent"]["spec"]
    assert to_agent["podSelector"]["matchLabels"] == agent_labels
    (rule,) = to_agent["ingress"]
    assert [set(peer) for peer in rule["from"]] == [{"namespaceSelector"}]


def test_the_exposed_agents_take_no_browser_calls(objects: dict) -> None:
    settings = _generated(objects, "ConfigMap", "verivoice-settings-")["data"]
    assert settings["VERIVOICE_SERVER__HOST"] == "0.0.0.0"
    assert settings["VERIVOICE_SERVER__BROWSER_CALLS"] == "false"
    assert settings["VERIVOICE_TWILIO__PUBLIC_URL"].startswith("https://")
