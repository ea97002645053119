"""environment.yml (conda/Binder) must offer what pip users get: every dependency of
pyproject.toml, at the versions of requirements.lock. Conda cannot run here, so this is the check
that keeps the two install paths from drifting apart."""
from __future__ import annotations

import re
import tomllib

from analysis.paths import PROJECT_ROOT


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec: str) -> str:
    return normalise(re.match(r"[A-Za-z0-9._-]+", spec).group(0))


def pyproject_dependencies() -> set[str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + [s for extra in project["optional-dependencies"].values() for s in extra]
    return {requirement_name(s) for s in specs}


def locked_versions() -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", (PROJECT_ROOT / "requirements.lock").read_text(), re.M)
    return {normalise(name): version for name, version in pins}


def environment_pins() -> dict[str, tuple[str, str]]:
    """name -> (channel: 'conda' or 'pip', version as pinned)."""
    pins = {}
    for line in (PROJECT_ROOT / "environment.yml").read_text().splitlines():
        conda = re.match(r"^  - ([A-Za-z0-9._-]+)=([0-9.]+)\s*$", line)
        pip = re.match(r"^      - ([A-Za-z0-9._-]+)==([0-9.]+)\s*$", line)
        if conda:
            pins[normalise(conda.group(1))] = ("conda", conda.group(2))
        elif pip:
            pins[normalise(pip.group(1))] = ("pip", pip.group(2))
    return pins


def test_environment_offers_every_project_dependency():
    missing = pyproject_dependencies() - set(environment_pins())
    assert not missing, f"environment.yml lacks {sorted(missing)}"


def test_environment_pins_match_the_lock():
    locked = locked_versions()
    for name, (channel, version) in environment_pins().items():
        if name == "python":
            continue
        assert name in locked, f"{name} is pinned in environment.yml but not in requirements.lock"
        if channel == "pip":
            assert version == locked[name], (name, version, locked[name])
        else:  # conda pins major.minor, so any patch release of the locked series fits
            assert locked[name].startswith(version + "."), (name, version, locked[name])
