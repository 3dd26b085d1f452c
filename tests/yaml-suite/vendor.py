#!/usr/bin/env python3
"""Write cases.json from a clone of https://github.com/yaml/yaml-test-suite.

    python3 tests/yaml-suite/vendor.py PATH/TO/yaml-test-suite/.git [REV] > tests/yaml-suite/cases.json

REV is the `data` branch (default) or a `data-YYYY-MM-DD` release. Each case is
a folder with `===` (its name), `in.yaml`, `test.event`, and `error` when the
YAML is invalid; a case with subcases has them in `00/`, `01/`, … (id `ABCD/00`).
The `name/` and `tags/` folders are symbolic links to the cases and are skipped.
"""

import json
import subprocess
import sys


def git(git_dir, *args):
    return subprocess.run(
        ["git", "--git-dir", git_dir, *args], check=True, capture_output=True
    ).stdout


def main():
    git_dir = sys.argv[1]
    rev = sys.argv[2] if len(sys.argv) > 2 else "data"
    commit = git(git_dir, "rev-parse", rev + "^{commit}").decode().strip()
    files = set()
    for line in git(git_dir, "ls-tree", "-r", commit).decode().splitlines():
        meta, path = line.split("\t", 1)
        mode, kind, _ = meta.split()
        if kind == "blob" and mode != "120000":
            files.add(path)
    cases = []
    for path in sorted(p for p in files if p.endswith("/in.yaml")):
        folder = path[: -len("/in.yaml")]

        def show(name):
            return git(git_dir, "show", f"{commit}:{folder}/{name}")

        case = {
            "id": folder,
            "name": show("===").decode().strip(),
            "error": f"{folder}/error" in files,
        }
        if not case["error"]:
            # The number of documents in the stream: its `+DOC` events.
            events = show("test.event").decode().splitlines()
            case["documents"] = sum(1 for e in events if e.startswith("+DOC"))
        case["yaml"] = show("in.yaml").decode("utf-8")
        cases.append(case)
    out = sys.stdout
    out.write("{\n")
    out.write(f'"source": "https://github.com/yaml/yaml-test-suite ({rev} at {commit})",\n')
    out.write('"cases": [\n')
    out.write(",\n".join(json.dumps(c, ensure_ascii=False) for c in cases))
    out.write("\n]\n}\n")


if __name__ == "__main__":
    main()
