"""Check the Argdown export against the Argdown command line (needs node and npm).

    python scripts/check_argdown.py [ANNOTATIONS] [--argdown PATH]

Exports ANNOTATIONS (default: the bundled article's) with ``reader export --format
argdown``, has the real Argdown parser (``@argdown/cli`` from the npm registry, installed
into a temporary folder unless ``--argdown`` names an ``argdown`` executable) turn it into
JSON, and compares: one statement per claim and rebuttal, one attack relation per answer,
a section per chapter. Prints the figures; exit 0 when they agree, 1 when not, 2 when the
Argdown command line cannot be installed or run. Not part of the test suite (it needs the
network and takes a minute); tests/test_interchange.py checks the text's structure.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.content.annotations.file import document_path_for, load_annotations, read_annotations
from reader.content.annotations.interchange import argdown_text
from reader.content.formats import load_document
from reader.resources import bundled_article


def _argdown(folder: Path, given: str | None) -> Path:
    if given:
        return Path(given)
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is not installed")
    print("installing @argdown/cli from the npm registry…", flush=True)
    subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", "@argdown/cli"],
                   cwd=folder, check=True, stdout=subprocess.DEVNULL)
    return folder / "node_modules" / ".bin" / "argdown"


def _sections(sections: list[dict]) -> int:
    return sum(1 + _sections(s.get("children", [])) for s in sections)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("annotations", nargs="?",
                        default=str(bundled_article().with_suffix(".toml")))
    parser.add_argument("--argdown", help="an argdown executable (default: install one)")
    args = parser.parse_args()
    path = Path(args.annotations)
    document = load_document(document_path_for(path, read_annotations(path)))
    annotations = load_annotations(path, document)
    text = argdown_text(annotations, str(document.path))
    # A link into another document of a debate (name#id) is a statement Argdown only sees
    # attacked.
    elsewhere = {link for _rebuttal, link in annotations.cross_links()}
    statements = len(annotations.claims) + len(annotations.rebuttals) + len(elsewhere)
    relations = sum(len(r.answers) for r in annotations.rebuttals.values())
    sections = len(annotations.chapters) + (1 if annotations.title else 0)
    with tempfile.TemporaryDirectory(prefix="reader-argdown-") as folder:
        try:
            argdown = _argdown(Path(folder), args.argdown)
        except (subprocess.CalledProcessError, OSError) as error:
            print(f"cannot install the Argdown command line: {error}", file=sys.stderr)
            return 2
        source = Path(folder) / "export.argdown"
        source.write_text(text, encoding="utf-8")
        run = subprocess.run([str(argdown), "json", str(source), str(Path(folder) / "out")],
                             capture_output=True, text=True, check=False)
        out = Path(folder) / "out" / "export.json"
        if run.returncode != 0 or not out.is_file():
            print(f"argdown failed ({run.returncode}): {run.stderr or run.stdout}",
                  file=sys.stderr)
            return 2
        data = json.loads(out.read_text("utf-8"))
    found = (len(data["statements"]), len(data["relations"]), _sections(data["sections"]))
    attacks = sum(1 for r in data["relations"] if r.get("relationType") == "attack")
    wanted = (statements, relations, sections)
    print(f"{path}: Argdown read {found[0]} statements, {found[1]} relations ({attacks} "
          f"attacks), {found[2]} sections; the file has {statements - len(elsewhere)} claims and "
          "rebuttals "
          f"and {len(elsewhere)} entries of other documents, {relations} answers, {sections} "
          "sections (chapters and the title)")
    labels = {entry.id: f"{' '.join(entry.label.split())} #({entry.speaker})"
              for entry in (*annotations.claims.values(), *annotations.rebuttals.values())}
    texts = {title: next((m.get("text") for m in s.get("members", []) if m.get("text")), None)
             for title, s in data["statements"].items()}
    wrong = [title for title, label in labels.items() if texts.get(title) != label]
    print(f"statement texts equal to the labels (with the speaker's tag): "
          f"{len(labels) - len(wrong)} of {len(labels)}" + (f"; differ: {wrong}" if wrong else ""))
    ok = found == wanted and attacks == relations and not wrong
    print("OK: the same" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
