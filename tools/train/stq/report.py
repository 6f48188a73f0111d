# SPDX-License-Identifier: Apache-2.0
"""docs/accuracy.md tables and docs/accuracy.png from the run results (build/train/*/result.json).

Only the block between the GENERATED markers of docs/accuracy.md is rewritten; the prose around it is
hand-written. Runs trained on a subset (smoke tests) are left out.
"""
import json
import os
import re

BEGIN = "<!-- BEGIN GENERATED (st_train.py report) -->"
END = "<!-- END GENERATED -->"
FAMILIES = (("fmnist", "Fashion-MNIST CNN", "fashion-mnist"),
            ("cifar10-resnet8", "CIFAR-10 (JPEG) ResNet-8", "cifar10"))


def _pct(v):
    return "-" if v is None else f"{100 * v:.2f}"


def load_results(build):
    res = {}
    for fn in sorted(os.listdir(build)):
        p = os.path.join(build, fn, "result.json")
        if os.path.exists(p):
            r = json.load(open(p))
            if not r.get("subset"):
                res[r["model"]] = r
    return res


def tables(res):
    out = []
    for fam, title, _ in FAMILIES:
        fp = res.get(f"{fam}-fp")
        rows = []
        # the default variant first, then the -wN / -sgd variants (presets.py) present in the results
        variants = sorted({m.group(1) for m in (re.fullmatch(rf"{re.escape(fam)}-(?:pact-)?a[1-4]((?:-w[1-8])?(?:-sgd)?)", k)
                                             for k in res) if m and m.group(1)})
        for b, suf in [(b, "") for b in (1, 2, 3, 4)] + [(b, w) for w in variants for b in (1, 2, 3, 4)]:
            st, pa = res.get(f"{fam}-a{b}{suf}"), res.get(f"{fam}-pact-a{b}{suf}")
            if st is None and pa is None:
                continue
            wb = (st or pa)["weight_bits"]
            st_pact = None if (st is None or pa is None) else st["int_acc"] - pa["int_acc"]
            st_fp = None if (st is None or fp is None) else st["int_acc"] - fp["float_acc"]
            tmin = "-" if st is None or "train_wall_s" not in st else f"{st['train_wall_s'] / 60:.0f}"
            rows.append("| " + " | ".join([
                f"{b} ({suf[1:]})" if suf else str(b), wb, _pct(st and st["float_acc"]), f"**{_pct(st and st['int_acc'])}**",
                _pct(pa and pa["float_acc"]), _pct(pa and pa["int_acc"]),
                "-" if st_pact is None else f"{100 * st_pact:+.2f}",
                "-" if st_fp is None else f"{100 * st_fp:+.2f}",
                (st or {}).get("stc_agreement", "-"), tmin]) + " |")
        if not rows and fp is None:
            out.append(f"### {title}\n\nNo full training run yet (see the notes below).\n")
            continue
        ref = f"**{_pct(fp['float_acc'])} %**" if fp else "not trained yet"
        fsgd = res.get(f"{fam}-fp-sgd")
        if fsgd:
            ref += f"; with SGD, weight decay 5e-4 (`{fam}-fp-sgd`): **{_pct(fsgd['float_acc'])} %**"
        out.append(f"### {title}\n\nFull-precision reference (same network and schedule, float weights, ReLU): "
                   f"{ref}.\n")
        out.append("| act bits | weights (first/hidden/last) | ST float eval | **ST integer** | PACT float eval | "
                   "PACT integer | ST - PACT | ST - FP | stc agreement (ST) | ST train min |")
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        out += rows
        out.append("")
    return "\n".join(out)


def plot(res, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fams = [f for f in FAMILIES if any(k.startswith(f[0] + "-") for k in res)]
    if not fams:
        return False
    fig, axes = plt.subplots(1, len(fams), figsize=(5.5 * len(fams), 4), squeeze=False)
    for ax, (fam, title, _) in zip(axes[0], fams):
        for kind, lab, mk in (("", "ST (integer, bit-exact export)", "o-"),
                              ("pact-", "PACT uniform (integer)", "s--")):
            pts = [(b, res[f"{fam}-{kind}a{b}"]["int_acc"]) for b in (1, 2, 3, 4) if f"{fam}-{kind}a{b}" in res]
            if pts:
                ax.plot([p[0] for p in pts], [100 * p[1] for p in pts], mk, label=lab)
        if f"{fam}-fp" in res:
            ax.axhline(100 * res[f"{fam}-fp"]["float_acc"], color="gray", ls=":", label="full precision")
        ax.set_xticks([1, 2, 3, 4])
        ax.set_xlabel("activation bits")
        ax.set_ylabel("top-1 test accuracy (%)")
        ax.set_title(title)
        ax.grid(alpha=0.3)
        ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def write(build, root, log=print):
    res = load_results(build)
    doc = os.path.join(root, "docs", "accuracy.md")
    png = os.path.join(root, "docs", "accuracy.png")
    block = f"{BEGIN}\n\n{tables(res)}\n{END}"
    if os.path.exists(doc):
        txt = open(doc).read()
        if BEGIN in txt and END in txt:
            txt = txt[:txt.index(BEGIN)] + block + txt[txt.index(END) + len(END):]
        else:
            txt = txt.rstrip() + "\n\n" + block + "\n"
    else:
        txt = f"# Accuracy\n\n{block}\n"
    with open(doc, "w") as f:
        f.write(txt)
    log(f"wrote {os.path.relpath(doc, root)}")
    if plot(res, png):
        log(f"wrote {os.path.relpath(png, root)}")
