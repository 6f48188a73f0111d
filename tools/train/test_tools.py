#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""test_tools.py STC [--seed N] - the `train-tools` suite: the torch-free parts of the export.

numpy + the standard library only (make test must not need PyTorch):
  fold      fold_thresholds against exact rational arithmetic (fractions.Fraction) on random layers:
            positive, negative and zero gains, ties, clipping to [-B, B+1], sorted output
  stm       the Python .stm writer against the C parser (`stc check`): a model with every layer type and
            field (residual, bipolar output, bias, GSUM, MAXPOOL, DENSE), read back unchanged; a
            flipped byte fails the CRC; blobs that break the format are refused by the writer
  sti       the .sti writer: read back, accepted by `stc eval`
  presets   model names
  report    the committed run records (tools/train/results) and docs/accuracy.md's generated tables: drift
            fails; ST - PACT and ST - FP only between runs of the same recipe
Random cases print their seed; --seed N (or SEED=N via make) reproduces a run.
Ends with `train-tools: N passed, N failed`.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stq import fold, stm  # noqa: E402

passed = failed = 0


def result(ok, name, why=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name}: {why}")


def exact_code(T, g, h, s_in, A):
    """#{k : g * (s_in * A) + h >= T_k}, exactly, on the float64 values given."""
    G = Fraction(g) * Fraction(s_in)
    x = G * A + Fraction(h)
    return sum(1 for t in T if x >= Fraction(t))


def hw_code(theta, sign, A):
    return int(np.sum(sign * A >= theta))


def test_fold(rng, seed):
    n_cases = 300
    bad = []
    for case in range(n_cases):
        K = int(rng.choice([1, 3, 7, 15]))
        C = 4
        T = np.sort(rng.normal(0, 2, (C, K)), axis=1)
        g = rng.normal(0, 1, C)
        g[rng.random(C) < 0.25] *= -1
        if case % 10 == 0:
            g[0] = 0.0                       # a dead channel: constant code
        h = rng.normal(0, 1, C)
        s_in = float(rng.choice([1.0, 1 / 255, 0.37, 3.0]))
        B = int(rng.integers(50, 5000))
        theta, sign = fold.fold_thresholds(T, g, h, s_in, B)
        if theta.min() < -B or theta.max() > B + 1 or np.any(np.diff(theta, axis=1) < 0):
            bad.append(f"case {case}: thresholds outside [-B, B+1] or unsorted")
            continue
        for c in range(C):
            # every accumulator value around every threshold, plus the range ends
            cand = {-B, B, 0}
            for t in theta[c]:
                cand |= {int(sign[c] * t) + d for d in (-1, 0, 1)}
            for A in cand:
                if -B <= A <= B:
                    e, got = exact_code(T[c], g[c], h[c], s_in, A), hw_code(theta[c], sign[c], A)
                    if e != got:
                        bad.append(f"case {case} channel {c} acc {A}: expected code {e}, got {got} "
                                   f"(g {g[c]!r}, h {h[c]!r}, s_in {s_in!r}, T {T[c].tolist()})")
    result(not bad, f"fold: {n_cases} random layers vs exact arithmetic (seed {seed})",
           "; ".join(bad[:3]) + (f" ... {len(bad)} in all" if len(bad) > 3 else ""))

    # hand cases: a tie counts; a negative gain flips the comparison; zero gain gives a constant code
    theta, sign = fold.fold_thresholds([[1.5]], [0.5], [0.0], 1.0, 100)
    result(theta.tolist() == [[3]] and sign.tolist() == [1] and hw_code(theta[0], sign[0], 3) == 1
           and hw_code(theta[0], sign[0], 2) == 0, "fold: tie at 0.5 * 3 = 1.5 counts",
           f"theta {theta.tolist()}, sign {sign.tolist()}")
    theta, sign = fold.fold_thresholds([[-1.0, 0.0, 2.0]], [-0.5], [1.0], 1.0, 100)
    # x = -0.5 A + 1 >= T  <=>  -A >= (T - 1) / 0.5 = -4, -2, 2
    codes = [hw_code(theta[0], sign[0], A) for A in (-10, -2, 0, 2, 3, 4, 5)]
    want = [exact_code([-1.0, 0.0, 2.0], -0.5, 1.0, 1.0, A) for A in (-10, -2, 0, 2, 3, 4, 5)]
    result(sign.tolist() == [-1] and theta.tolist() == [[-4, -2, 2]] and codes == want,
           "fold: negative gain -> sign -1, thresholds ascending", f"{theta.tolist()} {codes} != {want}")
    theta, sign = fold.fold_thresholds([[-1.0, 0.5, 2.0]], [0.0], [1.0], 1.0, 100)
    result(theta.tolist() == [[-100, -100, 101]] and all(hw_code(theta[0], sign[0], A) == 2
                                                       for A in (-100, 0, 100)),
           "fold: zero gain -> constant code via -B / B+1", f"{theta.tolist()}")
    theta, sign = fold.fold_thresholds([[-1e9, 1e9]], [1.0], [0.0], 1.0, 1000)
    result(theta.tolist() == [[-1000, 1001]], "fold: far thresholds clipped to [-B, B+1]", f"{theta.tolist()}")


def full_model(rng):
    """A small network using every layer type and field of the format."""
    def thr(o, n):
        return np.sort(rng.integers(-40, 40, (o, (1 << n) - 1)), axis=1)

    def sg(o):
        return rng.choice([-1, 1], o)
    L = [
        dict(type=stm.CONV, kh=3, kw=3, stride=1, pad=1, w_bits=4, out_bits=2, out_c=6,
             weights=rng.integers(-8, 8, (6, 3, 3, 2)), thresholds=thr(6, 2) * 20, signs=sg(6)),
        dict(type=stm.CONV, kh=3, kw=3, stride=1, pad=1, w_bits=1, out_bits=2, out_c=6, res_src=1,
             weights=rng.choice([-1, 1], (6, 3, 3, 6)), thresholds=thr(6, 2), signs=sg(6),
             mult=rng.integers(-300, 300, 6)),
        dict(type=stm.MAXPOOL, kh=2, kw=2, stride=2),
        dict(type=stm.CONV, kh=1, kw=1, stride=1, pad=0, w_bits=2, out_bits=1, out_c=5, bipolar=True,
             weights=rng.integers(-2, 2, (5, 1, 1, 6)), thresholds=thr(5, 1), signs=sg(5)),
        dict(type=stm.CONV, kh=3, kw=3, stride=2, pad=1, w_bits=1, out_bits=3, out_c=7,
             weights=rng.choice([-1, 1], (7, 3, 3, 5)), thresholds=thr(7, 3), signs=sg(7)),
        dict(type=stm.GSUM),
        dict(type=stm.DENSE, w_bits=8, out_bits=0, out_c=4, weights=rng.integers(-128, 128, (4, 1, 1, 7)),
             bias=rng.integers(-1000, 1000, 4)),
    ]
    return dict(name="python-writer-test", dataset="synthetic", in_h=9, in_w=7, in_c=2, in_bits=8,
                in_bipolar=False, class_names=["a", "b", "c", "d"], in_scale=(1, 1), layers=L)


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


def test_stm(stc, rng, tmp):
    m = full_model(rng)
    path = os.path.join(tmp, "full.stm")
    stm.write_stm(m, path)
    rc, out = run([stc, "check", path])
    result(rc == 0, "stm: stc check accepts a model with every layer type and field", out.strip())
    back = stm.read_stm(path)
    same = len(back["layers"]) == len(m["layers"])
    for a, b in zip(m["layers"], back["layers"]):
        for k in ("weights", "thresholds", "signs", "mult", "bias"):
            if (k in a) != (k in b) or (k in a and not np.array_equal(np.asarray(a[k]), b[k].reshape(
                    np.asarray(a[k]).shape))):
                same = False
        same &= a.get("res_src", -1) == b["res_src"] and bool(a.get("bipolar")) == b["bipolar"]
    result(same, "stm: read back equals what was written")
    rc, out = run([stc, "info", path])
    ok = rc == 0 and f"{stm.macs(back)} MACs per inference" in out and \
        f"{stm.packed_bytes(back)} parameter bytes packed" in out
    result(ok, "stm: MACs and packed bytes agree with stc info", out.strip()[-300:])
    buf = bytearray(open(path, "rb").read())
    buf[len(buf) - 3] ^= 0x10
    bad = os.path.join(tmp, "bad.stm")
    open(bad, "wb").write(buf)
    rc, out = run([stc, "check", bad])
    result(rc == 1 and "ST_ERR_CRC" in out, "stm: a flipped data byte fails the CRC check", out.strip())
    # the writer refuses what the format forbids
    refusals = 0
    cases = [("unsorted thresholds", 0, "thresholds", lambda L: L["thresholds"][:, ::-1].copy()),
             ("weight out of range", 0, "weights", lambda L: L["weights"] * 3),
             ("zero bipolar weight", 1, "weights", lambda L: L["weights"] * 0),
             ("sign 0", 0, "signs", lambda L: L["signs"] * 0),
             ("multiplier beyond int16", 1, "mult", lambda L: L["mult"] * 1000)]
    for what, li, key, f in cases:
        mm = full_model(np.random.default_rng(7))
        mm["layers"][li][key] = f(mm["layers"][li])
        try:
            stm.write_stm(mm)
        except stm.FormatError:
            refusals += 1
    result(refusals == len(cases), f"stm: writer refuses {len(cases)} malformed models",
           f"only {refusals} refused")


def test_sti(stc, rng, tmp):
    m = full_model(rng)
    mp = os.path.join(tmp, "full.stm")
    stm.write_stm(m, mp)
    imgs = rng.integers(0, 256, (120, 9, 7, 2)).astype(np.uint8)
    labels = rng.integers(0, 4, 120)
    sp = os.path.join(tmp, "s.sti")
    stm.write_sti(imgs, labels, sp)
    x, y = stm.read_sti(sp)
    result(np.array_equal(x, imgs) and np.array_equal(y, labels), "sti: read back equals what was written")
    rc, out = run([stc, "eval", mp, sp, "--form", "both"])
    result(rc == 0 and "accuracy: " in out and "agree on 120/120" in out,
           "sti: stc eval runs the written samples in both forms", out.strip()[-300:])


def test_presets():
    """Model names: the -wN hidden-weight variants, and what is refused (no PyTorch needed to parse)."""
    from stq import presets
    got = {n: presets.parse(n) for n in ("cifar10-resnet8-a2", "cifar10-resnet8-a2-w4", "cifar10-resnet8-pact-a1-w8",
                                         "fmnist-a3", "fmnist-a2-w2", "cifar10-resnet8-fp")}
    result(got["cifar10-resnet8-a2"]["weight_bits"] == "8/2/8" and got["cifar10-resnet8-a2-w4"]["weight_bits"] == "8/4/8"
           and got["cifar10-resnet8-pact-a1-w8"]["kind"] == "pact" and got["cifar10-resnet8-pact-a1-w8"]["bits"] == 1
           and got["fmnist-a3"]["weight_bits"] == "8/1/8" and got["fmnist-a2-w2"]["weight_bits"] == "8/2/8"
           and got["cifar10-resnet8-fp"]["kind"] == "fp",
           "presets: default hidden weights (fmnist 1, cifar10 2 bits) and -wN variants parse")
    refused = []
    for bad in ("cifar10-resnet8-fp-w4", "cifar10-resnet8-a2-w9", "cifar10-resnet8-a2-w0", "fmnist-a5", "fmnist-pact-fp",
                "cifar10-resnet8-a2w4", "cifar10-resnet8-a2-sgd-w4", "cifar10-resnet8-a2-e0",
                "cifar10-resnet8-a2-e40-sgd", "cifar10-resnet8-fp-e", "cifar10-resnet8-fp-sgd-ft",
                "cifar10-resnet8-a2-ft-e40", "cifar10-resnet8-fp-ms", "cifar10-resnet8-a2-sgd-ms"):
        try:
            presets.parse(bad)
        except ValueError:
            refused.append(bad)
    result(len(refused) == 14, "presets: bad names refused (fp with -wN, -w9, -w0, a5, pact-fp, no dash, -sgd before -wN, "
           "-e0, -eN before -sgd, -e without N, fp with -ft, -ft before -eN, fp with -ms, -ms after -sgd)",
           f"refused only {refused}")
    result(all(presets.parse(n)["name"] == n for n in presets.all_names()), "presets: every listed name parses")
    a, b = presets.parse("cifar10-resnet8-a2"), presets.parse("cifar10-resnet8-fp-sgd")
    c = presets.parse("cifar10-resnet8-a2-w4-sgd")
    result("opt" not in a["sched"] and b["sched"]["opt"] == "sgd" and b["sched"]["lr"] == 0.1
           and b["sched"]["wd"] == 5e-4 and b["sched"]["epochs"] == a["sched"]["epochs"]
           and c["weight_bits"] == "8/4/8" and c["sched"]["opt"] == "sgd",
           "presets: -sgd sets SGD, lr 0.1, wd 5e-4 and keeps the epochs; the default schedule has no opt key "
           "(older checkpoints resume)")
    d, e = presets.parse("cifar10-resnet8-pact-a4-w4-sgd-e40"), presets.parse("fmnist-fp-e12")
    result(d["sched"] == dict(b["sched"], epochs=40) and d["kind"] == "pact" and d["weight_bits"] == "8/4/8"
           and e["sched"]["epochs"] == 12 and "opt" not in e["sched"] and e["kind"] == "fp",
           "presets: -eN sets the epochs and nothing else")
    f, g = presets.parse("cifar10-resnet8-a4-w4-sgd-e40-ft"), presets.parse("fmnist-pact-a2-ft")
    result(f["sched"] == dict(d["sched"], lr=0.01, init="cifar10-resnet8-fp-sgd")
           and g["sched"] == dict(presets.parse("fmnist-pact-a2")["sched"], lr=2e-4, init="fmnist-fp"),
           "presets: -ft starts from the FP run of the same family and optimizer at a tenth of the rate")
    h = presets.parse("cifar10-resnet8-pact-a2-w3-ms-sgd-e40")
    result(h["sched"] == dict(d["sched"], wstep="mean") and h["weight_bits"] == "8/3/8"
           and "wstep" not in d["sched"],
           "presets: -ms sets the mean-based weight step and nothing else")


def test_report(root):
    """The run records (tools/train/results) and the tables of docs/accuracy.md that the report makes from
    them: drift fails; comparisons only between runs of the same recipe."""
    from stq import presets, report
    res = report.load_results(None, root)
    bad = [k for k, r in res.items() if not os.path.exists(os.path.join(root, report.RESULTS, k + ".json"))
           or presets.parse(k)["name"] != k or "sched" not in r or "float_acc" not in r
           or (presets.parse(k)["kind"] != "fp" and "int_acc" not in r)
           or report.recipe_key(r) != report.recipe_key(dict(sched=presets.parse(k)["sched"]))]
    result(len(res) >= 13 and not bad, f"report: {len(res)} committed run records, each named by its model, "
           "with a schedule and its accuracies, trained with the recipe its name says", f"bad: {bad}")
    shipped = json.load(open(os.path.join(root, "models", "models.json")))
    off = [(e["model"], e.get("fp_acc"), e.get("baseline_acc"), report.ship_references(res, e["model"]))
           for e in shipped if e["model"] in res
           and {k: e.get(k) for k in ("fp_acc", "baseline_acc")} != report.ship_references(res, e["model"])]
    result(not off and all(e["model"] in res for e in shipped),
           "report: every shipped model has a run record, and models.json's fp_acc / baseline_acc are its "
           "same-recipe references (refresh with make train-ship)", f"{off}")
    doc = open(os.path.join(root, "docs", "accuracy.md")).read()
    want = f"{report.BEGIN}\n\n{report.tables(res)}\n{report.END}"
    got = report.generated_block(doc)
    why = "" if got is None else next((f"first difference: doc {a!r}, records {b!r}" for a, b in
                                       zip(got.splitlines(), want.splitlines()) if a != b), "lengths differ")
    result(got == want, "report: docs/accuracy.md's tables are what the committed records give "
           "(regenerate with make train-report)", why or "no generated block")
    sgd, sgd120 = dict(opt="sgd", epochs=40), dict(opt="sgd", epochs=120)
    rec = lambda name, acc, sched, **kw: dict(model=name, float_acc=acc, sched=sched, **kw)  # noqa: E731
    fake = {r["model"]: r for r in (
        rec("cifar10-resnet8-a4-sgd-e40", .8, sgd, weight_bits="8/2/8", int_acc=.8),
        rec("cifar10-resnet8-pact-a4-sgd", .79, sgd120, weight_bits="8/2/8", int_acc=.79),
        rec("cifar10-resnet8-fp-sgd", .85, sgd120))}
    row = [ln for ln in report.tables(fake).splitlines() if ln.startswith("| 4 (sgd-e40)")]
    cells = row[0].split(" | ") if row else []
    ok1 = len(cells) == 11 and cells[2] == "SGD, 40 ep" and cells[5] == "-" and cells[7] == "-" and cells[8] == "-"
    # PACT and FP references at the ST run's recipe (their -sgd-e40 names): both differences appear
    fake.update({r["model"]: r for r in (
        rec("cifar10-resnet8-pact-a4-sgd-e40", .79, sgd, weight_bits="8/2/8", int_acc=.79),
        rec("cifar10-resnet8-fp-sgd-e40", .83, sgd))})
    row = [ln for ln in report.tables(fake).splitlines() if ln.startswith("| 4 (sgd-e40)")]
    cells2 = row[0].split(" | ") if row else []
    ok2 = len(cells2) == 11 and cells2[7] == "+1.00" and cells2[8] == "-3.00"
    # a fine-tuned pair (-ft): ST - PACT between the two, ST - FP against the FP run both started from
    fake.update({r["model"]: r for r in (
        rec("cifar10-resnet8-a4-sgd-e40-ft", .84, dict(sgd, init="cifar10-resnet8-fp-sgd"), weight_bits="8/2/8",
            int_acc=.84),
        rec("cifar10-resnet8-pact-a4-sgd-e40-ft", .835, dict(sgd, init="cifar10-resnet8-fp-sgd"),
            weight_bits="8/2/8", int_acc=.835))})
    row = [ln for ln in report.tables(fake).splitlines() if ln.startswith("| 4 (sgd-e40-ft)")]
    cells3 = row[0].split(" | ") if row else []
    ok3 = len(cells3) == 11 and "from `cifar10-resnet8-fp-sgd`" in cells3[2] and cells3[7] == "+0.50" \
        and cells3[8] == "-1.00"
    # the mean weight step (-ms): compared with PACT at the same step only; FP has no weight step
    fake.update({r["model"]: r for r in (
        rec("cifar10-resnet8-a4-ms-sgd-e40", .82, dict(sgd, wstep="mean"), weight_bits="8/2/8", int_acc=.82),
        rec("cifar10-resnet8-pact-a4-ms-sgd-e40", .81, sgd, weight_bits="8/2/8", int_acc=.81))})
    row = [ln for ln in report.tables(fake).splitlines() if ln.startswith("| 4 (ms-sgd-e40)")]
    cells4 = row[0].split(" | ") if row else []
    ok4 = len(cells4) == 11 and cells4[2] == "SGD, 40 ep, mean step" and cells4[7] == "-" and cells4[8] == "-1.00"
    result(ok1 and ok2 and ok3 and ok4, "report: ST - PACT and ST - FP only between runs of the same optimizer, "
           "epochs, start and weight step (a fine-tuned run: against its FP start; FP: any weight step)",
           f"{cells} / {cells2} / {cells3} / {cells4}")


def test_park(root, rng, tmp):
    """park.sh: run state to branch train-park and back, in a scratch repository; main's tree untouched."""
    script = os.path.join(root, "tools", "train", "park.sh")
    repo = os.path.join(tmp, "parkrepo")
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@t")
    sh = lambda *a: subprocess.run(a, cwd=repo, env=env, capture_output=True, text=True)  # noqa: E731
    os.makedirs(repo)
    sh("git", "init", "-q", "-b", "main")
    sh("git", "commit", "-q", "--allow-empty", "-m", "init")
    files = {"train/m-a4/ckpt.pt": rng.bytes(3000), "train/m-a4/history.json": b"{}",
             "train/m-fp/model.pt": rng.bytes(100)}
    skipped = {"train/data/cifar10.npz": b"cache", "train/m-a2-subset2000/ckpt.pt": b"smoke",
               "train/m-a4/m-a4.stm": b"exported"}
    for rel, data in {**files, **skipped}.items():
        os.makedirs(os.path.dirname(os.path.join(repo, "build", rel)), exist_ok=True)
        open(os.path.join(repo, "build", rel), "wb").write(data)
    p1 = sh("sh", script, "park", "build")
    listed = sorted(sh("git", "ls-tree", "-r", "--name-only", "train-park").stdout.split())
    p2 = sh("sh", script, "park", "build")   # a second park replaces the first: one commit on the branch
    n_commits = sh("git", "rev-list", "--count", "train-park").stdout.strip()
    shutil.rmtree(os.path.join(repo, "build"))
    p3 = sh("sh", script, "unpark", "build")
    back = {rel: open(os.path.join(repo, "build", rel), "rb").read() for rel in files
            if os.path.exists(os.path.join(repo, "build", rel))}
    clean = sh("git", "status", "--porcelain").stdout.split() in ([], ["??", "build/"]) and \
        sh("git", "rev-list", "--count", "main").stdout.strip() == "1"
    result(p1.returncode == 0 and listed == sorted(files) and p2.returncode == 0 and n_commits == "1"
           and p3.returncode == 0 and back == files and clean,
           "park: checkpoints (not the data cache, smoke runs or exports) to branch train-park, one commit, "
           "restored byte for byte; main untouched",
           f"{p1.stderr}{p3.stderr} listed {listed}, commits {n_commits}, restored {sorted(back)}, clean {clean}")
    hj = os.path.join(repo, "build", "train/m-a4/history.json")
    open(hj, "wb").write(b"newer")
    os.utime(hj, (time.time() + 60, time.time() + 60))   # newer than the park, whatever the clock's grain
    sh("sh", script, "unpark", "build")
    kept = open(os.path.join(repo, "build", "train/m-a4/history.json"), "rb").read() == b"newer"
    empty = os.path.join(tmp, "emptyrepo")
    os.makedirs(empty)
    subprocess.run(["git", "init", "-q"], cwd=empty)
    e = subprocess.run(["sh", script, "unpark", "build"], cwd=empty, capture_output=True, text=True)
    result(kept and e.returncode == 1 and "nothing was parked" in e.stderr,
           "park: unpark keeps a newer local file; without a park it says so and fails", e.stderr)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: test_tools.py STC [--seed N]")
    stc = sys.argv[1]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else \
        int(time.time() * 1000) % 1000000
    print(f"train-tools: seed {seed} (reproduce with SEED={seed})")
    rng = np.random.default_rng(seed)
    root = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    with tempfile.TemporaryDirectory() as tmp:
        test_fold(rng, seed)
        test_stm(stc, np.random.default_rng(seed + 1), tmp)
        test_sti(stc, np.random.default_rng(seed + 2), tmp)
        test_park(root, np.random.default_rng(seed + 3), tmp)
    test_presets()
    test_report(root)
    print(f"train-tools: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
