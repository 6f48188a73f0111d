#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""st_train.py - ST quantization-aware training, export to .stm and the bit-exact check.

    st_train.py train  MODEL [--epochs N] [--subset N] [--device auto|cpu|cuda] [--fresh]
    st_train.py export MODEL          fold, write build/train/MODEL/MODEL.stm, check against stc, result.json
    st_train.py ship   MODEL...       copy checked models and sample inputs to models/, update models.json
    st_train.py report                docs/accuracy.md and docs/accuracy.png from the run records
    st_train.py list                  the model names

MODEL: see stq/presets.py (fmnist-a2, fmnist-pact-a2, fmnist-fp, cifar10-resnet8-a2, ...).
Needs Debian's python3-torch (run with /usr/bin/python3). Run folders: build/train/MODEL/; run records
(what export measured): build/train/MODEL/result.json and, committed, tools/train/results/MODEL.json.
"""
import argparse
import json
import os
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

try:
    import numpy as np
    import torch
except ImportError as e:  # pragma: no cover
    sys.exit(f"st_train.py: {e}. Training needs Debian's python3-torch and python3-numpy "
             f"(make deps-train) and /usr/bin/python3 (another python3 on PATH may lack them)")

from stq import check, data, export, intsim, presets, report, stm, train  # noqa: E402

BUILD = os.path.join(ROOT, "build", "train")
MODELS = os.path.join(ROOT, "models")
# the first N test images of each data set ship as sample inputs (CIFAR-10: 3 KB each, so fewer)
SAMPLE_COUNT = {"fashion-mnist": 200, "cifar10": 100}
SAMPLE_FILES = {"fashion-mnist": "fmnist-test200.sti", "cifar10": "cifar10-test100.sti"}


def log(msg):
    print(msg, flush=True)


def pick_device(want):
    if want == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if want == "cuda" and not torch.cuda.is_available():
        sys.exit("st_train.py: --device cuda but no CUDA device is available")
    return want


def load_data(p, subset=0, cache=os.path.join(BUILD, "data")):
    t0 = time.time()
    xtr, ytr, xte, yte = data.load(p["dataset"], cache_dir=cache)
    if subset:
        xtr, ytr = xtr[:subset], ytr[:subset]
    log(f"data: {p['dataset']} {len(xtr)} train / {len(xte)} test images ({time.time() - t0:.1f} s)")
    return xtr, ytr, xte, yte


def run_dir(name, subset=0):
    return os.path.join(BUILD, name + (f"-subset{subset}" if subset else ""))


def cmd_train(a):
    p = presets.parse(a.model)
    torch.set_num_threads(a.threads)
    dev = pick_device(a.device)
    sched = dict(p["sched"])
    if a.epochs and a.epochs != sched["epochs"] and not a.subset:
        # a full run's record is named by its model, and the name says the recipe (report.recipe_key)
        sys.exit(f"st_train.py: --epochs {a.epochs} on a full run: train {a.model}-e{a.epochs} instead "
                 f"(the -eN name keeps the run folder and the committed record of each length apart)")
    if a.epochs:
        sched["epochs"] = a.epochs
    if a.st_width1:
        sched["st_width1"] = a.st_width1
    if a.anneal:
        sched["anneal"] = tuple(float(v) for v in a.anneal.split(","))
    d = load_data(p, a.subset)
    rd = run_dir(a.model, a.subset) + (f"-{a.tag}" if a.tag else "")
    if a.fresh and os.path.isdir(rd):
        shutil.rmtree(rd)
    net = p["build"]()
    if sched.get("init") and not os.path.exists(os.path.join(rd, "ckpt.pt")):
        src = os.path.join(run_dir(sched["init"]), "model.pt")
        if not os.path.exists(src):
            sys.exit(f"st_train.py: {a.model} starts from {sched['init']}, but {os.path.relpath(src, ROOT)} "
                     f"is not there: train it first (make train MODEL={sched['init']})")
        n, skipped = train.init_from(net, torch.load(src, map_location="cpu"))
        log(f"{a.model}: {n} tensors from {os.path.relpath(src, ROOT)}; starting as without -ft: "
            f"{', '.join(skipped) or 'nothing'}")
    log(f"train {a.model}: {p['kind']} activations, {p['bits'] or 'float'} bits, weights "
        f"{p['weight_bits'] if p['kind'] != 'fp' else 'float'}, {sched}, device {dev}, "
        f"{a.threads} thread(s), run folder {os.path.relpath(rd, ROOT)}")
    t0 = time.time()
    hist = train.train(net, d, sched, rd, dev, seed=a.seed, resume=not a.fresh, log=log)
    info = dict(model=a.model, command=" ".join(["st_train.py"] + sys.argv[1:]), subset=a.subset,
                device=dev, threads=a.threads, train_wall_s=hist["wall_s"],
                float_acc=hist["epochs"][-1]["test_acc"])
    with open(os.path.join(rd, "train.json"), "w") as f:
        json.dump(info, f, indent=1)
    log(f"done: float eval accuracy {100 * info['float_acc']:.2f}% after {sched['epochs']} epochs, "
        f"training wall time {hist['wall_s'] / 60:.1f} min (this call {(time.time() - t0) / 60:.1f} min)")


def test_sti(dataset, xte, yte):
    """The whole test set as one .sti (built once, under build/train/data)."""
    path = os.path.join(BUILD, "data", f"{dataset}-test.sti")
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        stm.write_sti(xte, yte, path + ".tmp")
        os.replace(path + ".tmp", path)
    return path


def load_trained(name, subset):
    p = presets.parse(name)
    rd = run_dir(name, subset)
    mp = os.path.join(rd, "model.pt")
    if not os.path.exists(mp):
        sys.exit(f"st_train.py: {mp} not found: train first (make train MODEL={name})")
    net = p["build"]()
    net.load_state_dict(torch.load(mp, map_location="cpu"))
    net.eval()
    return p, net, rd


def cmd_export(a):
    torch.set_num_threads(a.threads)
    p, net, rd = load_trained(a.model, a.subset)
    hj = os.path.join(rd, "history.json")
    trained = dict(sched=json.load(open(hj))["sched"]) if os.path.exists(hj) else None
    if not a.subset and trained and report.recipe_key(trained) != report.recipe_key(dict(sched=p["sched"])):
        # checked first: the record is named by the model, and the name says the recipe
        sys.exit(f"st_train.py: {os.path.relpath(rd, ROOT)} was trained with the recipe {report.recipe(trained)}, "
                 f"but the name {a.model} means {report.recipe(dict(sched=p['sched']))}: rename the folder "
                 f"to the name of its recipe (presets.py, e.g. -eN) and export that")
    xtr, ytr, xte, yte = load_data(p)
    float_acc, fpred = train.evaluate(net, xte, yte, "cpu")
    res = dict(model=a.model, dataset=p["dataset"], kind=p["kind"], act_bits=p["bits"],
               weight_bits=p["weight_bits"] if p["kind"] != "fp" else "float", float_acc=float_acc,
               subset=a.subset)
    tj = os.path.join(rd, "train.json")
    if os.path.exists(tj):
        res.update({k: v for k, v in json.load(open(tj)).items() if k in ("command", "train_wall_s",
                                                                            "device", "threads")})
    log(f"{a.model}: float eval accuracy (PyTorch, static thresholds) {100 * float_acc:.2f}%")
    if p["kind"] != "fp":
        calib = train.to_nchw(xte[:64], "cpu")
        model = export.export_model(net, a.model, calib)
        path = os.path.join(rd, a.model + ".stm")
        stm.write_stm(model, path)
        back = stm.read_stm(path)
        ipred = intsim.predict(back, xte)
        int_acc = float((ipred == yte).mean())
        res.update(int_acc=int_acc, float_int_agree=float((ipred == fpred).mean()),
                   bytes=os.path.getsize(path), packed_bytes=stm.packed_bytes(back), macs=stm.macs(back),
                   file=os.path.relpath(path, ROOT))
        log(f"{a.model}: integer accuracy (PyTorch integer simulation of {os.path.relpath(path, ROOT)}) "
            f"{100 * int_acc:.2f}%; float and integer predictions agree on "
            f"{100 * res['float_int_agree']:.2f}% of the test set")
        if not a.no_stc:
            sti = test_sti(p["dataset"], xte, yte)
            check.agreement(path, sti, xte, yte, ROOT, log=log)
            res["stc_agreement"] = f"{len(xte)}/{len(xte)}"
    if os.path.exists(hj):
        h = json.load(open(hj))
        res.update(sched=h["sched"], seed=h.get("seed"),
                   history=[{k: round(e[k], 4) for k in ("epoch", "train_acc", "test_acc", "wall_s")}
                            for e in h["epochs"]])
    paths = [os.path.join(rd, "result.json")]
    if not a.subset:
        # the committed copy: the report and ship read it when build/ is gone
        paths.append(os.path.join(ROOT, report.RESULTS, a.model + ".json"))
    for path in paths:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            json.dump(res, f, indent=1)
            f.write("\n")
        log(f"wrote {os.path.relpath(path, ROOT)}")


def cmd_ship(a):
    """Copy checked models to models/, write the sample files, update models/models.json."""
    mj = os.path.join(MODELS, "models.json")
    entries = json.load(open(mj)) if os.path.exists(mj) else []
    results = report.load_results(BUILD, ROOT)
    for name in a.models:
        r = results.get(name)
        if r is None or "int_acc" not in r:
            sys.exit(f"st_train.py: no checked export of {name} (run `st_train.py export {name}`)")
        if "stc_agreement" not in r:
            sys.exit(f"st_train.py: {name} was exported without the stc agreement check")
        if not os.path.exists(os.path.join(ROOT, r.get("file", ""))):
            sys.exit(f"st_train.py: the exported {name}.stm is not on this machine ({r.get('file')}): "
                     f"run `make train MODEL={name}` (or `make train-export`) first")
        p = presets.parse(name)
        _, _, xte, yte = load_data(p)
        sfile = SAMPLE_FILES[p["dataset"]]
        spath = os.path.join(MODELS, sfile)
        ns = SAMPLE_COUNT[p["dataset"]]
        stm.write_sti(xte[:ns], yte[:ns], spath)
        dst = os.path.join(MODELS, name + ".stm")
        shutil.copyfile(os.path.join(ROOT, r["file"]), dst)
        model = stm.read_stm(dst)
        sp = intsim.predict(model, xte[:ns])
        sample_acc = float((sp == yte[:ns]).mean())
        check.agreement(dst, spath, xte[:ns], yte[:ns], ROOT, log=log)
        e = dict(model=name, file=name + ".stm", dataset=p["dataset"], act_bits=p["bits"],
                 weight_bits=r["weight_bits"], int_acc=round(r["int_acc"], 4),
                 float_acc=round(r["float_acc"], 4), **report.ship_references(results, name), bytes=r["bytes"],
                 packed_bytes=r["packed_bytes"], macs=r["macs"], samples=sfile,
                 sample_count=ns, sample_acc=round(sample_acc, 4),
                 train_command=f"make train MODEL={name}",
                 train_wall_s=round(r.get("train_wall_s", 0.0)), train_device=r.get("device", "cpu"))
        entries = [x for x in entries if x["model"] != name] + [e]
        log(f"shipped {name}: int {100 * e['int_acc']:.2f}%, samples {100 * sample_acc:.1f}% "
            f"({ns}), {e['bytes']} bytes")
    # every entry's references follow the records: a PACT or FP run trained after a model was shipped
    for e in entries:
        if e["model"] in results:
            e.update(report.ship_references(results, e["model"]))
    entries.sort(key=lambda x: (x["dataset"], x["model"]))
    with open(mj, "w") as f:
        json.dump(entries, f, indent=1)
        f.write("\n")
    models_readme(entries)


def models_readme(entries):
    """Rewrite the generated table of models/README.md from models.json."""
    path = os.path.join(MODELS, "README.md")
    begin, end = "<!-- BEGIN GENERATED (st_train.py ship) -->", "<!-- END GENERATED -->"
    pct = lambda v: "-" if v is None else f"{100 * v:.2f}"   # noqa: E731
    rows = ["| model | data set | act bits | weights | **integer acc** | float eval | FP ref | PACT same bits "
            "| samples acc | .stm bytes | packed bytes | MACs | train (1 CPU core) |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for e in entries:
        rows.append(f"| `{e['file']}` | {e['dataset']} | {e['act_bits']} | {e['weight_bits']} | "
                    f"**{pct(e['int_acc'])}** | {pct(e['float_acc'])} | {pct(e['fp_acc'])} | "
                    f"{pct(e['baseline_acc'])} | {pct(e['sample_acc'])} ({e['sample_count']}, `{e['samples']}`) | "
                    f"{e['bytes']} | {e['packed_bytes']} | {e['macs']:,} | `{e['train_command']}`, "
                    f"{e['train_wall_s'] / 60:.0f} min |")
    block = begin + "\n" + "\n".join(rows) + "\n" + end
    txt = open(path).read() if os.path.exists(path) else "# models\n\n"
    if begin in txt and end in txt:
        txt = txt[:txt.index(begin)] + block + txt[txt.index(end) + len(end):]
    else:
        txt = txt.rstrip() + "\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(txt)


def cmd_samples(a):
    """Write the shipped sample file of a data set (the first SAMPLE_COUNT test images, with labels)."""
    p = dict(dataset=a.dataset)
    _, _, xte, yte = load_data(p)
    path = os.path.join(MODELS, SAMPLE_FILES[a.dataset])
    n = SAMPLE_COUNT[a.dataset]
    stm.write_sti(xte[:n], yte[:n], path)
    counts = np.bincount(yte[:n], minlength=10).tolist()
    log(f"wrote {os.path.relpath(path, ROOT)}: {n} samples, per class {counts}")


def cmd_report(a):
    report.write(BUILD, ROOT, log=log)


def cmd_list(a):
    print("\n".join(presets.all_names()))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train", help="train a model (resumes from build/train/MODEL/ckpt.pt)")
    t.add_argument("model")
    t.add_argument("--epochs", type=int, default=0, help="the epoch count of a --subset "
                   "run (a full run takes it from the name: MODEL-eN)")
    t.add_argument("--subset", type=int, default=0, help="train on the first N images only (smoke test)")
    t.add_argument("--anneal", default="", help="ST attention phase-out window START,END as fractions "
                   "of training (default: the preset's; 0,0 = no attention at all)")
    t.add_argument("--st-width1", type=float, default=0.0, help="straight-through ramp width of 1-bit "
                   "ST quantizers (default: the preset's)")
    t.add_argument("--tag", default="", help="suffix of the run folder (for ablations)")
    t.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    t.add_argument("--threads", type=int, default=1, help="CPU threads (default 1: shared machine)")
    t.add_argument("--seed", type=int, default=1)
    t.add_argument("--fresh", action="store_true", help="ignore and remove an existing checkpoint")
    t.set_defaults(fn=cmd_train)
    e = sub.add_parser("export", help="export to .stm and check it bit for bit against stc")
    e.add_argument("model")
    e.add_argument("--subset", type=int, default=0, help="the run trained with --subset N")
    e.add_argument("--threads", type=int, default=1)
    e.add_argument("--no-stc", action="store_true", help="skip the golden-model agreement check")
    e.set_defaults(fn=cmd_export)
    s = sub.add_parser("ship", help="copy checked models and samples to models/, update models.json")
    s.add_argument("models", nargs="+")
    s.set_defaults(fn=cmd_ship)
    sp = sub.add_parser("samples", help="write models/<dataset> sample inputs (the first test images)")
    sp.add_argument("dataset", choices=sorted(SAMPLE_FILES))
    sp.set_defaults(fn=cmd_samples)
    r = sub.add_parser("report", help="write docs/accuracy.md and its plot")
    r.set_defaults(fn=cmd_report)
    sub.add_parser("list", help="list model names").set_defaults(fn=cmd_list)
    a = ap.parse_args()
    try:
        a.fn(a)
    except (check.CheckError, data.DataError, stm.FormatError, ValueError) as ex:
        sys.exit(f"st_train.py {a.cmd}: {ex}")


if __name__ == "__main__":
    main()
