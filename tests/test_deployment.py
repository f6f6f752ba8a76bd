"""docker-compose.yml is valid and keeps every file the portal writes on named volumes shared by web and worker."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose_config() -> dict:
    tool = shutil.which("docker-compose")
    assert tool, "docker-compose is missing: scripts/bootstrap.sh test installs Debian's package"
    env = dict(os.environ, SECRET_KEY="x", ALLOWED_HOSTS="portal.example", WULIAN_DATA_KEY="k")
    result = subprocess.run(
        [tool, "-f", str(ROOT / "docker-compose.yml"), "config"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def dockerfile_env() -> dict:
    text = (ROOT / "Dockerfile").read_text()
    return dict(re.findall(r"(\w+)=(/[\w/]+)", text))


def mounts(service: dict) -> dict[str, str]:
    out = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume["source"], volume["target"]
        out[target] = source
    return out


def test_compose_file_is_valid_and_private_files_live_on_a_shared_named_volume():
    config = compose_config()
    env = dockerfile_env()
    var_dir = env["WULIAN_VAR_DIR"]
    # Where the settings put them inside the image (wulian/settings.py, stations.models.private_storage).
    media, private = env["MEDIA_ROOT"], f"{var_dir}/private"
    for name in ("web", "worker", "worker-reports"):
        service_mounts = mounts(config["services"][name])
        assert service_mounts.get(media) == "media", (name, service_mounts)
        assert service_mounts.get(private) == "private", (name, service_mounts)
    assert {"media", "private"} <= set(config["volumes"])


def test_reports_have_a_worker_of_their_own():
    """As the systemd units: one worker for the reports queue, one for everything else, and reports sent there."""
    services = compose_config()["services"]
    assert "--queues=reports" in services["worker-reports"]["command"]
    assert "--queues=celery" in services["worker"]["command"]
    for name in ("web", "worker", "worker-reports", "beat"):
        assert services[name]["environment"]["WULIAN_REPORT_QUEUE"] == "reports", name


def test_the_stack_requires_the_data_key():
    tool = shutil.which("docker-compose")
    env = {k: v for k, v in os.environ.items() if k != "WULIAN_DATA_KEY"}
    env.update(SECRET_KEY="x", ALLOWED_HOSTS="portal.example")
    result = subprocess.run([tool, "-f", str(ROOT / "docker-compose.yml"), "config"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode != 0 and "WULIAN_DATA_KEY" in result.stderr


def test_the_stack_requires_its_secrets():
    tool = shutil.which("docker-compose")
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    result = subprocess.run([tool, "-f", str(ROOT / "docker-compose.yml"), "config"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
