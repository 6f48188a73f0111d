#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""test_models.py STC [MODELS_DIR] - the `models` test suite (`make test-models`).

Standard library only (no torch, no numpy): `make test` must run without the training packages.
For every entry of models/models.json it checks, each as one test:
  fields    the required keys are there and in range
  file      the .stm exists and its size equals the recorded `bytes`
  check     `stc check` accepts it (strict parser + golden-model network check)
  info      `stc info`'s MAC total and packed parameter bytes equal the recorded `macs` / `packed_bytes`
  samples   the sample file exists, parses (header, size, CRC-32) and holds >= 100 labelled samples
  eval      `stc eval --form both` on the samples: both golden-model forms agree on every sample and the
            accuracy equals the recorded `sample_acc`
and, once: every .stm shipped in models/ (outside models/first/) is listed, and `make run`'s default model
is a listed one. Ends with `models: N passed, N failed` and exits 1 on any failure.
"""
import json
import os
import re
import struct
import subprocess
import sys
import zlib

REQUIRED = ("model", "file", "dataset", "act_bits", "weight_bits", "int_acc", "float_acc", "fp_acc",
            "baseline_acc", "bytes", "macs", "packed_bytes", "samples", "sample_count", "sample_acc")

passed = 0
failed = 0


def result(ok, name, why=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name}: {why}")


def read_sti_header(path):
    """Returns (h, w, c, count) of a valid .sti file, or raises ValueError naming the problem."""
    with open(path, "rb") as f:
        buf = f.read()
    if len(buf) < 16:
        raise ValueError(f"{path}: shorter than the 16-byte header")
    magic, h, w, c, n, crc = struct.unpack_from("<4sHHHHI", buf, 0)
    if magic != b"STIN":
        raise ValueError(f"{path}: magic {magic!r} is not STIN")
    if len(buf) != 16 + n * (h * w * c + 1):
        raise ValueError(f"{path}: {len(buf)} bytes, the header says {16 + n * (h * w * c + 1)}")
    if zlib.crc32(buf[16:]) & 0xFFFFFFFF != crc:
        raise ValueError(f"{path}: payload CRC-32 mismatch")
    return h, w, c, n


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def check_entry(stc, mdir, e):
    name = e.get("model", "?")
    missing = [k for k in REQUIRED if k not in e]
    bad = []
    if not missing:
        if not (isinstance(e["act_bits"], int) and 1 <= e["act_bits"] <= 4):
            bad.append(f"act_bits {e['act_bits']!r}")
        for k in ("int_acc", "float_acc", "sample_acc"):
            if not (isinstance(e[k], (int, float)) and 0.0 <= e[k] <= 1.0):
                bad.append(f"{k} {e[k]!r}")
        for k in ("fp_acc", "baseline_acc"):
            if e[k] is not None and not (0.0 <= e[k] <= 1.0):
                bad.append(f"{k} {e[k]!r}")
    result(not missing and not bad, f"{name}: fields",
           f"missing {missing}" if missing else f"out of range: {', '.join(bad)}")
    if missing:
        return
    path = os.path.join(mdir, e["file"])
    exists = os.path.isfile(path)
    result(exists and os.path.getsize(path) == e["bytes"], f"{name}: file",
           f"{path} missing" if not exists else f"{os.path.getsize(path)} bytes, recorded {e['bytes']}")
    if not exists:
        return
    rc, out, err = run([stc, "check", path])
    result(rc == 0, f"{name}: check", (out + err).strip())
    rc, out, err = run([stc, "info", path])
    m = re.search(r"total:\s+\d+ weights, (\d+) parameter bytes packed.*?, (\d+) MACs", out)
    result(rc == 0 and m is not None and int(m.group(1)) == e["packed_bytes"] and int(m.group(2)) == e["macs"],
           f"{name}: info", f"stc info: {m.groups() if m else (out + err).strip()[-300:]}, recorded "
                            f"packed_bytes {e['packed_bytes']}, macs {e['macs']}")
    spath = os.path.join(mdir, e["samples"])
    try:
        h, w, c, n = read_sti_header(spath)
        ok = n >= 100 and n == e["sample_count"]
        result(ok, f"{name}: samples", f"{n} samples, recorded {e['sample_count']}, need >= 100")
    except (OSError, ValueError) as ex:
        result(False, f"{name}: samples", str(ex))
        return
    rc, out, err = run([stc, "eval", path, spath, "--form", "both"])
    m = re.search(r"accuracy: (\d+)/(\d+) =", out)
    agree = f"forms: mac and bitplane agree on {n}/{n} samples" in out
    if rc != 0 or m is None or not agree:
        result(False, f"{name}: eval", f"stc eval exit {rc}: {(out + err).strip()[-400:]}")
        return
    correct, total = int(m.group(1)), int(m.group(2))
    want = round(e["sample_acc"] * total)
    result(total == n and correct == want, f"{name}: eval",
           f"accuracy on {total} samples {correct}/{total}, recorded sample_acc {e['sample_acc']} "
           f"({want}/{n})")


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: test_models.py STC [MODELS_DIR] [RUN_MODEL]")
    stc = sys.argv[1]
    mdir = sys.argv[2] if len(sys.argv) > 2 else "models"
    run_model = sys.argv[3] if len(sys.argv) > 3 else ""
    mj = os.path.join(mdir, "models.json")
    try:
        with open(mj) as f:
            entries = json.load(f)
        ok = isinstance(entries, list) and len(entries) > 0 and all(isinstance(x, dict) for x in entries)
        result(ok, "models.json", "not a non-empty list of objects")
    except (OSError, ValueError) as ex:
        result(False, "models.json", str(ex))
        entries = []
    for e in entries if isinstance(entries, list) else []:
        check_entry(stc, mdir, e)
    listed = {x.get("file") for x in entries if isinstance(x, dict)}
    shipped = sorted(f for f in os.listdir(mdir) if f.endswith(".stm"))
    orphans = [f for f in shipped if f not in listed]
    result(not orphans, "every shipped .stm is listed", f"not in models.json: {orphans}")
    for f in sorted(f for f in os.listdir(mdir) if f.endswith(".sti")):
        try:
            n = read_sti_header(os.path.join(mdir, f))[3]
            result(n >= 100, f"{f}: a valid sample file with >= 100 samples", f"{n} samples")
        except (OSError, ValueError) as ex:
            result(False, f"{f}: a valid sample file with >= 100 samples", str(ex))
    if run_model:
        rel = os.path.relpath(run_model, mdir)
        result(rel in listed, "make run's default model is listed", f"{run_model} not in models.json")
    print(f"models: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
