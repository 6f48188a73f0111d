# SPDX-License-Identifier: Apache-2.0
"""docs/accuracy.md tables and docs/accuracy.png from the run records.

A run record is what `st_train.py export` measured: accuracies, the stc agreement, the schedule, the
training wall time and the per-epoch history. Export writes it twice: build/train/MODEL/result.json,
beside the run's checkpoint, and tools/train/results/MODEL.json, which is committed, so that the report
can be regenerated on a machine where build/ is gone (a CIFAR-10 run takes hours and build/ does not
outlive its machine). Runs trained on a subset (smoke tests) are left out.

Only the block between the GENERATED markers of docs/accuracy.md is rewritten; the prose around it is
hand-written. `test_tools.py` (suite train-tools) checks that the block is what the committed records
give.
"""
import json
import os

from . import presets

BEGIN = "<!-- BEGIN GENERATED (st_train.py report) -->"
END = "<!-- END GENERATED -->"
FAMILIES = (("fmnist", "Fashion-MNIST CNN", "fashion-mnist"),
            ("cifar10-resnet8", "CIFAR-10 (JPEG) ResNet-8", "cifar10"))
RESULTS = os.path.join("tools", "train", "results")


def _pct(v):
    return "-" if v is None else f"{100 * v:.2f}"


def load_results(build, root=None):
    """{model: record}: the committed records of ROOT/tools/train/results, then this machine's exports
    under BUILD (newer, where both exist). Either may be None."""
    res = {}
    paths = []
    if root:
        d = os.path.join(root, RESULTS)
        if os.path.isdir(d):
            paths += [os.path.join(d, fn) for fn in sorted(os.listdir(d)) if fn.endswith(".json")]
    if build and os.path.isdir(build):
        paths += [os.path.join(build, fn, "result.json") for fn in sorted(os.listdir(build))]
    for p in paths:
        if os.path.exists(p):
            r = json.load(open(p))
            if not r.get("subset"):
                res[r["model"]] = r
    return res


def recipe_key(r):
    """(optimizer, epochs, starting point, weight step rule) of a run: what must match for two quantized
    runs to be compared (a full-precision run has no weight step: fp_reference ignores it)."""
    s = r.get("sched") or {}
    return (s.get("opt", "adam"), s.get("epochs"), s.get("init"), s.get("wstep", "max"))


def recipe(r):
    opt, ep, init, wstep = recipe_key(r)
    if ep is None:
        return "-"
    return (f"{'SGD' if opt == 'sgd' else 'Adam'}, {ep} ep" + (f", from `{init}`" if init else "")
            + (", mean step" if wstep == "mean" else ""))


def fp_reference(res, fam, r):
    """The full-precision run a quantized run r is compared with: the one it was fine-tuned from (-ft), else
    the family's FP run of the same optimizer and epochs; None when there is none."""
    init = (r.get("sched") or {}).get("init")
    if init:
        return res.get(init)
    return next((x for x in fp_runs(res, fam) if recipe_key(x)[:2] == recipe_key(r)[:2]), None)


def ship_references(res, name):
    """models.json's fp_acc and baseline_acc of model NAME: its FP reference (fp_reference) and the PACT
    run of the same bits and recipe, rounded as shipped; None where there is none."""
    r = res[name]
    fam = presets.parse(name)["family"]
    fp = (fp_reference(res, fam, r) or {}).get("float_acc")
    base = (same_recipe([res.get(name.replace(fam, fam + "-pact", 1), {})], r) or {}).get("int_acc")
    return dict(fp_acc=None if fp is None else round(fp, 4), baseline_acc=None if base is None else round(base, 4))


def _named(res, fam):
    """[(record, presets.parse of its name)] of the family's runs whose names parse, shortest name first."""
    out = []
    for k in sorted(res, key=len):
        try:
            p = presets.parse(k)
        except ValueError:
            continue
        if p["family"] == fam:
            out.append((res[k], p))
    return out


def fp_runs(res, fam):
    """The family's full-precision runs (any recipe), default recipe first."""
    return [r for r, p in _named(res, fam) if p["kind"] == "fp"]


def same_recipe(runs, r):
    return next((x for x in runs if recipe_key(x) == recipe_key(r)), None)


def tables(res):
    out = []
    for fam, title, _ in FAMILIES:
        fps = fp_runs(res, fam)
        rows = []
        # the preset's own recipe first, then the name variants (-wN -ms -sgd -eN -ft) present in the results
        variants = sorted({p["variant"] for _, p in _named(res, fam) if p["kind"] != "fp" and p["variant"]})
        for b, suf in [(b, "") for b in (1, 2, 3, 4)] + [(b, w) for w in variants for b in (1, 2, 3, 4)]:
            st, pa = res.get(f"{fam}-a{b}{suf}"), res.get(f"{fam}-pact-a{b}{suf}")
            if st is None and pa is None:
                continue
            wb = (st or pa)["weight_bits"]
            # differences only between runs of the same recipe (recipe_key; FP: fp_reference)
            st_pact = None if (st is None or pa is None or recipe_key(st) != recipe_key(pa)) \
                else st["int_acc"] - pa["int_acc"]
            fp = st and fp_reference(res, fam, st)
            st_fp = None if fp is None else st["int_acc"] - fp["float_acc"]
            tmin = "-" if st is None or "train_wall_s" not in st else f"{st['train_wall_s'] / 60:.0f}"
            rows.append("| " + " | ".join([
                f"{b} ({suf[1:]})" if suf else str(b), wb, recipe(st or pa),
                _pct(st and st["float_acc"]), f"**{_pct(st and st['int_acc'])}**",
                _pct(pa and pa["float_acc"]), _pct(pa and pa["int_acc"]),
                "-" if st_pact is None else f"{100 * st_pact:+.2f}",
                "-" if st_fp is None else f"{100 * st_fp:+.2f}",
                (st or {}).get("stc_agreement", "-"), tmin]) + " |")
        if not rows and not fps:
            out.append(f"### {title}\n\nNo full training run yet (see the notes below).\n")
            continue
        ref = "; ".join(f"**{_pct(f['float_acc'])} %** ({recipe(f)}, `{f['model']}`)" for f in fps) \
            or "not trained yet"
        out.append(f"### {title}\n\nFull-precision reference (same network, float weights, ReLU): {ref}.\n")
        out.append("| act bits | weights (first/hidden/last) | recipe | ST float eval | **ST integer** | PACT float eval | "
                   "PACT integer | ST - PACT | ST - FP (same recipe, or the FP start) | stc agreement (ST) | ST train min |")
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        out += rows
        out.append("")
    return "\n".join(out)


def _panels(fams, path, width, draw):
    """One panel per family; draw(ax, fam) plots the family's lines and returns (x label, y label,
    title suffix). Adds the CIFAR-10 goal, grid and legend, writes the PNG. False when there is nothing."""
    if not fams:
        return False
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, len(fams), figsize=(width * len(fams), 4.5), squeeze=False)
    for ax, (fam, title, _) in zip(axes[0], fams):
        xl, yl, suffix = draw(ax, fam)
        if fam == "cifar10-resnet8":
            ax.axhline(85.0, color="red", lw=0.8, ls="--", label="goal: MLPerf Tiny quality target (85 %)")
        ax.set_xlabel(xl)
        ax.set_ylabel(yl)
        ax.set_title(title + suffix)
        ax.grid(alpha=0.3)
        ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def plot(res, path):
    """Integer accuracy against activation bits: one line per method and name variant."""
    def draw(ax, fam):
        # one line per method and name variant (-wN, -sgd, -eN, -ft), labelled with its recipe
        series = {}
        for r, p in _named(res, fam):
            if p["kind"] != "fp" and "int_acc" in r:
                series.setdefault((p["kind"] == "pact", p["variant"]), []).append((p["bits"], r))
        for i, ((kind, suf), pts) in enumerate(sorted(series.items())):
            pts.sort(key=lambda p: p[0])
            lab = f"{'PACT' if kind else 'ST'} {suf[1:] + ' ' if suf else ''}({recipe(pts[0][1])})"
            ax.plot([p[0] for p in pts], [100 * p[1]["int_acc"] for p in pts], ("s--" if kind else "o-"),
                    color=f"C{i}", label=lab)
        for j, f in enumerate(fp_runs(res, fam)):
            ax.axhline(100 * f["float_acc"], color="gray", ls=(":", "-.")[j % 2],
                       label=f"full precision ({recipe(f)})")
        ax.set_xticks([1, 2, 3, 4])
        return "activation bits", "top-1 test accuracy (%), integer model", ""
    return _panels([f for f in FAMILIES if any(k.startswith(f[0] + "-") for k in res)], path, 6, draw)


def plot_history(res, path):
    """Float eval test accuracy after every epoch, one line per run that recorded its history (the
    records rebuilt from older docs have none): how far each run was from converging."""
    def draw(ax, fam):
        runs = sorted(k for k in res if k.startswith(fam + "-") and res[k].get("history"))
        for i, k in enumerate(runs):
            h = res[k]["history"]
            ep = [e["epoch"] for e in h]
            ax.plot(ep, [100 * e["test_acc"] for e in h], color=f"C{i % 10}", lw=1.2,
                    label=f"{k[len(fam) + 1:]} ({recipe(res[k])})")
            ax.plot(ep, [100 * e["train_acc"] for e in h], color=f"C{i % 10}", lw=0.7, ls=":")
        return "epoch", "accuracy (%): test, float eval (solid); train (dotted)", ": training curves"
    return _panels([f for f in FAMILIES if any(k.startswith(f[0] + "-") and res[k].get("history") for k in res)],
                   path, 7, draw)


def generated_block(txt):
    """The generated part of docs/accuracy.md's text, or None."""
    if BEGIN in txt and END in txt:
        return txt[txt.index(BEGIN):txt.index(END) + len(END)]
    return None


def write(build, root, log=print):
    res = load_results(build, root)
    doc = os.path.join(root, "docs", "accuracy.md")
    png = os.path.join(root, "docs", "accuracy.png")
    block = f"{BEGIN}\n\n{tables(res)}\n{END}"
    if os.path.exists(doc):
        txt = open(doc).read()
        old = generated_block(txt)
        txt = txt.replace(old, block) if old else txt.rstrip() + "\n\n" + block + "\n"
    else:
        txt = f"# Accuracy\n\n{block}\n"
    with open(doc, "w") as f:
        f.write(txt)
    log(f"wrote {os.path.relpath(doc, root)} ({len(res)} runs)")
    if plot(res, png):
        log(f"wrote {os.path.relpath(png, root)}")
    curves = os.path.join(root, "docs", "accuracy-epochs.png")
    if plot_history(res, curves):
        log(f"wrote {os.path.relpath(curves, root)}")
