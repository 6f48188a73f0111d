#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The shipped models and their sample files, for make run and make bench (reads models/models.json).

    models.py list       one line per model, "MODEL.stm:SAMPLES.sti": the first model, then every entry
                         of models/models.json whose file exists
    models.py default    the default model: an entry with "default": true, else the one with the best
                         "int_acc", else models/first/first.stm
    models.py samples M  the sample file of model M: its models.json "samples", else the .sti beside it
"""
import json
import os
import sys

FIRST = "models/first/first.stm"
JSON = "models/models.json"


def path_of(name):
    if not name:
        return None
    for p in (name, os.path.join("models", name)):
        if os.path.isfile(p):
            return p
    return None


def entries():
    try:
        with open(JSON) as f:
            data = json.load(f)
    except (OSError, ValueError):
        return []
    if isinstance(data, dict):
        data = data.get("models", list(data.values()))
    out = []
    for e in data if isinstance(data, list) else []:
        if isinstance(e, dict) and path_of(e.get("file")):
            out.append(e)
    return out


def samples_of(model):
    for e in entries():
        if path_of(e.get("file")) == model and path_of(e.get("samples")):
            return path_of(e.get("samples"))
    beside = os.path.splitext(model)[0] + ".sti"
    return beside if os.path.isfile(beside) else ""


def main(argv):
    if len(argv) >= 2 and argv[1] == "list":
        seen = [FIRST] + [path_of(e["file"]) for e in entries()]
        for m in dict.fromkeys(seen):
            print(f"{m}:{samples_of(m)}")
    elif len(argv) >= 2 and argv[1] == "default":
        es = entries()
        marked = [e for e in es if e.get("default") is True]
        if marked:
            print(path_of(marked[0]["file"]))
        elif es:
            best = max(es, key=lambda e: float(e.get("int_acc") or 0.0))
            print(path_of(best["file"]))
        else:
            print(FIRST)
    elif len(argv) == 3 and argv[1] == "samples":
        print(samples_of(argv[2]))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
