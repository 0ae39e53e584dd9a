"""Packaging: one rule maps the repository onto the package ``verivoice``.

A top-level folder ``X/`` that holds an ``__init__.py`` is the package ``verivoice.X``, with
its subfolders below it; ``verivoice/`` is the package itself (its settings and the CLI
root). Nothing is listed by hand: a new top-level package is found, and a build context
without a folder (the runtime image leaves the harness, ``bench/``, out) builds without it.
Everything else about the project is in pyproject.toml.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import find_packages, setup

ROOT = Path(__file__).resolve().parent
NOT_PACKAGES = {"tests", "verivoice", "build", "dist"}


def layout(root: Path = ROOT) -> tuple[dict[str, str], list[str]]:
    """``(package_dir, packages)`` for the folders under ``root``."""
    package_dir = {"verivoice": "verivoice"}
    packages = ["verivoice", *(f"verivoice.{p}" for p in find_packages(str(root / "verivoice")))]
    for folder in sorted(p for p in root.iterdir()
                         if p.is_dir() and (p / "__init__.py").is_file()
                         and p.name not in NOT_PACKAGES and not p.name.startswith(".")):
        name = f"verivoice.{folder.name}"
        package_dir[name] = folder.name
        packages += [name, *(f"{name}.{p}" for p in find_packages(str(folder)))]
    return package_dir, packages


if __name__ == "__main__":
    PACKAGE_DIR, PACKAGES = layout()
    setup(package_dir=PACKAGE_DIR, packages=PACKAGES)
