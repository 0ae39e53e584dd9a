"""Parcels for the GPU smoke test: wheels and model files cut to fit one device call each.

A call to the device tool carries at most 64 MiB (the working tree included) and the
machine has no network, so what the smoke test needs travels in parcels of at most
``PARCEL_BYTES``: whole wheels (pip needs them whole) and files cut into parts. Every
parcel holds the same ``manifest.json``; ``assemble`` stages each parcel's parts and
rebuilds a file, checking its sha256, once all its parts have arrived.

Standard library only: ``bench/gpu_smoke.sh install`` runs this file before anything else
is installed (``python3 bench/gpu_smoke_parcels.py assemble PARCEL --prefix DIR``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

MiB = 2**20
PARCEL_BYTES = 56 * MiB  # 64 MiB a call, less the repository (~2 MiB) and a margin
PART_BYTES = 16 * MiB  # small parts fill the room the large wheels leave
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Piece:
    """A byte range of a local file and where it goes inside a parcel."""

    source: Path
    offset: int
    length: int
    dest: str  # "wheels/NAME.whl" or "parts/RELPATH.NNN"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(4 * MiB):
            digest.update(chunk)
    return digest.hexdigest()


def wheel_piece(path: Path) -> Piece:
    """A wheel travels whole."""
    return Piece(path, 0, path.stat().st_size, f"wheels/{path.name}")


def file_pieces(path: Path, relpath: str, part_bytes: int = PART_BYTES) -> tuple[list[Piece], dict]:
    """Cut ``path`` into parts; return them and its manifest entry (sha256, size, parts)."""
    size = path.stat().st_size
    pieces = [Piece(path, offset, min(part_bytes, size - offset), f"parts/{relpath}.{n:03d}")
              for n, offset in enumerate(range(0, max(size, 1), part_bytes))]
    entry = {"sha256": sha256(path), "size": size, "parts": [p.dest for p in pieces]}
    return pieces, entry


def plan(pieces: list[Piece], limit: int = PARCEL_BYTES) -> list[list[Piece]]:
    """Pack pieces into as few parcels as first-fit decreasing finds, each at most ``limit``.

    Raises:
        ValueError: A piece alone is larger than a parcel.
    """
    parcels: list[list[Piece]] = []
    room: list[int] = []
    for piece in sorted(pieces, key=lambda p: p.length, reverse=True):
        if piece.length > limit:
            raise ValueError(f"{piece.dest} is {piece.length / MiB:.1f} MiB, over the "
                             f"{limit / MiB:g} MiB a parcel may hold")
        index = next((i for i, free in enumerate(room) if free >= piece.length), None)
        if index is None:
            parcels.append([])
            room.append(limit)
            index = len(parcels) - 1
        parcels[index].append(piece)
        room[index] -= piece.length
    return parcels


def write(out: Path, parcels: list[list[Piece]], files: dict[str, dict]) -> list[Path]:
    """Write parcels ``out/1``, ``out/2``, ... each with the manifest; return their folders."""
    if out.exists():
        shutil.rmtree(out)
    manifest = {"parcels": len(parcels), "files": files}
    folders = []
    for number, parcel in enumerate(parcels, start=1):
        folder = out / str(number)
        for piece in parcel:
            target = folder / piece.dest
            target.parent.mkdir(parents=True, exist_ok=True)
            with piece.source.open("rb") as src, target.open("wb") as dst:
                src.seek(piece.offset)
                remaining = piece.length
                while remaining:
                    chunk = src.read(min(4 * MiB, remaining))
                    dst.write(chunk)
                    remaining -= len(chunk)
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=1))
        folders.append(folder)
    return folders


def assemble(parcel: Path, prefix: Path) -> tuple[list[str], list[str]]:
    """Stage ``parcel``'s parts under ``prefix/parts``; rebuild complete files in ``prefix/files``.

    Returns:
        (files now complete, files still waiting for parts)

    Raises:
        ValueError: A rebuilt file does not match its sha256 (a part was damaged).
    """
    manifest = json.loads((parcel / MANIFEST).read_text())
    staged = prefix / "parts"
    for part in (parcel / "parts").rglob("*") if (parcel / "parts").is_dir() else []:
        if part.is_file():
            target = staged / part.relative_to(parcel / "parts")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(part, target)
    done, pending = [], []
    for relpath, entry in manifest["files"].items():
        target = prefix / "files" / relpath
        if target.is_file() and target.stat().st_size == entry["size"]:
            done.append(relpath)
            continue
        parts = [staged / p.removeprefix("parts/") for p in entry["parts"]]
        if not all(p.is_file() for p in parts):
            pending.append(relpath)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        with partial.open("wb") as out:
            for p in parts:
                with p.open("rb") as src:
                    shutil.copyfileobj(src, out)
        if sha256(partial) != entry["sha256"]:
            partial.unlink()
            raise ValueError(f"{relpath}: sha256 does not match the manifest; re-send its parcels")
        partial.replace(target)
        for p in parts:
            p.unlink()
        done.append(relpath)
    return done, pending


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("assemble", help="stage one parcel and rebuild complete files")
    cmd.add_argument("parcel", type=Path)
    cmd.add_argument("--prefix", type=Path, required=True)
    args = parser.parse_args(argv)
    done, pending = assemble(args.parcel, args.prefix)
    shown = ", ".join(pending[:4]) + (", ..." if len(pending) > 4 else "")
    print(f"files complete: {len(done)}; waiting for parts: {len(pending)}"
          + (f" ({shown})" if pending else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
