# SPDX-License-Identifier: Apache-2.0
"""The export check: the exported integer model, run by the golden model (`stc`), must agree with
PyTorch's integer simulation on every image of the test set (100 %), and both accuracies are reported.
"""
import os
import re
import subprocess

import numpy as np

from . import intsim, stm


class CheckError(RuntimeError):
    pass


def stc_path(repo_root):
    p = os.environ.get("STC") or os.path.join(repo_root, "build", "tools", "stc")
    if not os.path.exists(p):
        raise CheckError(f"{p}: the model CLI is not built (run `make stc`, or set STC=)")
    return p


def stc_check(stc, model_path):
    r = subprocess.run([stc, "check", model_path], capture_output=True, text=True)
    if r.returncode != 0:
        raise CheckError(f"stc check {model_path} failed:\n{r.stdout}{r.stderr}")
    return r.stdout


def stc_predictions(stc, model_path, sti_path, count, form="both"):
    """Per-sample predictions of the golden model. `stc eval --verbose` prints one line per sample,
    `sample N: label L (name), predicted P (name)`, then `accuracy: C/N = P%`; with --form both it also runs
    the bit-plane form (what the accelerator computes) and fails (exit 5) if any score differs from the
    MAC form's (tools/stc/README.md)."""
    r = subprocess.run([stc, "eval", model_path, sti_path, "--verbose", "--form", form],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise CheckError(f"stc eval {model_path} {sti_path} failed (exit {r.returncode}):\n"
                         f"{r.stdout[-2000:]}{r.stderr[-2000:]}")
    preds = np.full(count, -1, dtype=np.int64)
    for line in r.stdout.splitlines():
        m = re.match(r"sample\s+(\d+): label\s+(\d+) .*, predicted\s+(\d+) ", line + " ")
        if m and int(m.group(1)) < count:
            preds[int(m.group(1))] = int(m.group(3))
    if np.any(preds < 0):
        raise CheckError(f"stc eval printed {int(np.sum(preds >= 0))} of {count} per-sample lines")
    if form == "both" and f"forms: mac and bitplane agree on {count}/{count} samples" not in r.stdout:
        raise CheckError("stc eval: the MAC and bit-plane forms did not agree on every sample")
    return preds, r.stdout


def agreement(model_path, sti_path, images, labels, repo_root, log=print):
    """stc vs intsim on every sample. Returns (int_preds, stc_preds); raises CheckError on any mismatch."""
    model = stm.read_stm(model_path)
    ip = intsim.predict(model, images)
    stc = stc_path(repo_root)
    stc_check(stc, model_path)
    sp, _ = stc_predictions(stc, model_path, sti_path, len(images))
    bad = np.nonzero(ip != sp)[0]
    if len(bad):
        i = int(bad[0])
        out = intsim.run(model, images[i:i + 1])[0]
        raise CheckError(f"{model_path}: golden model and PyTorch integer simulation disagree on "
                         f"{len(bad)} of {len(images)} samples; first: sample {i}, PyTorch class {ip[i]} "
                         f"(outputs {out.tolist()}), stc class {sp[i]}")
    log(f"agreement: stc and the PyTorch integer simulation give the same class on {len(images)}/"
        f"{len(images)} samples; integer accuracy {100 * float((ip == labels).mean()):.2f}%")
    return ip, sp
