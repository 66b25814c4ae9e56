"""What each runtime dependency installs: its size on disk, what it pulls in, and its licence.

    python3 scripts/dependency_sizes.py [--keep]

Installs the project (runtime dependencies only, what the README's first set-up command
installs) into a fresh virtual environment under the system's temporary folder, then reads
the installed distributions' metadata there: for each dependency pyproject.toml names, its
own size (the files its RECORD lists, compiled bytecode included), everything it pulls in,
the size of the two together, and what only it pulls in (what leaving it out would save).
Prints a Markdown table (docs/dependencies.md holds one). ``--keep`` leaves the environment.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run by the throwaway environment's interpreter: its own distributions, by metadata.
_MEASURE = r'''
import importlib.metadata as metadata
import json
import os
import sys

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name as canonical

site = sys.argv[1]
dists = {canonical(d.metadata["Name"]): d for d in metadata.distributions(path=[site])}


def size(dist):
    seen, total = set(), 0
    for file in dist.files or ():
        path = os.path.realpath(os.path.join(site, file))
        if path not in seen and os.path.isfile(path):
            seen.add(path)
            total += os.path.getsize(path)
    return total


def requires(name, extras):
    for text in dists[name].requires or ():
        requirement = Requirement(text)
        marker = requirement.marker
        if (marker is None or any(marker.evaluate({"extra": e}) for e in (*extras, ""))) \
                and canonical(requirement.name) in dists:
            yield canonical(requirement.name), tuple(requirement.extras)


def closure(name, extras=()):
    seen, stack = {}, [(name, extras)]
    while stack:
        name, extras = stack.pop()
        if name in seen and set(extras) <= seen[name]:
            continue
        seen[name] = seen.get(name, set()) | set(extras)
        stack.extend(requires(name, extras))
    return set(seen)


def licence(dist):
    meta = dist.metadata
    text = meta.get("License-Expression") or ""
    if not text and meta.get("License") and len(meta["License"]) < 60:
        text = meta["License"]
    if not text:
        text = ", ".join(c.split("::")[-1].strip() for c in meta.get_all("Classifier") or ()
                         if c.startswith("License ::"))
    return text


direct = [(canonical(r.name), tuple(r.extras)) for r in map(Requirement, dists["reader"].requires)
          if r.marker is None]
closures = {name: closure(name, extras) for name, extras in direct}
rows = []
for name, _extras in direct:
    others = set().union(*(c for other, c in closures.items() if other != name))
    only = closures[name] - others
    rows.append({
        "name": name, "version": dists[name].version, "licence": licence(dists[name]),
        "own": size(dists[name]), "pulls": sorted(closures[name] - {name}),
        "total": sum(size(dists[n]) for n in closures[name]),
        "only": sorted(only - {name}), "only_size": sum(size(dists[n]) for n in only),
    })
everything = set().union(*closures.values())
print(json.dumps({"rows": rows, "total": sum(size(dists[n]) for n in everything),
                  "count": len(everything),
                  "all": {n: [dists[n].version, size(dists[n]), licence(dists[n])]
                          for n in sorted(everything)}}))
'''


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def main(argv: list[str]) -> int:
    keep = "--keep" in argv
    folder = Path(tempfile.mkdtemp(prefix="reader-dependencies-"))
    venv = folder / "venv"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT), "packaging"],
                       check=True)
        site = subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True, capture_output=True, text=True).stdout.strip()
        found = subprocess.run([str(python), "-c", _MEASURE, site], check=True,
                               capture_output=True, text=True).stdout
    finally:
        if keep:
            print(f"kept: {venv}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    import json

    data = json.loads(found)
    print("| dependency | licence | own size | with what it pulls in | pulls in "
          "| saved without it (it and what only it pulls in) |")
    print("|---|---|---|---|---|---|")
    for row in data["rows"]:
        only = f" (+ {', '.join(row['only'])})" if row["only"] else ""
        print(f"| {row['name']} {row['version']} | {row['licence']} | {_mb(row['own'])} "
              f"| {_mb(row['total'])} | {', '.join(row['pulls']) or '—'} "
              f"| {_mb(row['only_size'])}{only} |")
    print(f"\nAll together: {data['count']} distributions, {_mb(data['total'])}.\n")
    print("| distribution | version | size | licence |")
    print("|---|---|---|---|")
    for name, (version, size, licence) in data["all"].items():
        print(f"| {name} | {version} | {_mb(size)} | {licence} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
