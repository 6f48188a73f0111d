#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Per-layer cycles chart of `make bench`: reads OUT/<name>.layers.csv (written by tools/bench/bench.sh from
the profile firmware's @layerprof lines) and writes OUT/e2e_layers.png: for each model, per descriptor, the
accelerator's cycles and the CPU's (swref path), log scale, utilisation annotated.

    plot.py OUT_DIR MODEL.stm...
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    out, models = argv[1], argv[2:]
    rows = []
    for m in models:
        name = os.path.splitext(os.path.basename(m))[0]
        with open(os.path.join(out, name + ".layers.csv")) as f:
            rows.append((m, list(csv.DictReader(f))))
    fig, axes = plt.subplots(len(rows), 1, figsize=(10, 3.6 * len(rows)), squeeze=False)
    for ax, (m, layers) in zip(axes[:, 0], rows):
        labels = [f"{r['layer']} {r['name']}" for r in layers]
        hw = [int(r["cycles"]) for r in layers]
        sw = [int(r["sw_cycles"]) for r in layers]
        x = range(len(layers))
        ax.bar([i - 0.2 for i in x], hw, width=0.4, label="accelerator (SoC cycles)", color="tab:blue")
        ax.bar([i + 0.2 for i in x], sw, width=0.4, label="CPU only, swref (SoC cycles)", color="tab:gray")
        for i, r in enumerate(layers):
            ax.annotate(f"{float(r['util_pct']):.0f}%", (i - 0.2, hw[i]), ha="center", va="bottom", fontsize=7)
        ax.set_yscale("log")
        ax.set_xticks(list(x))
        ax.set_xticklabels(labels, rotation=20, ha="right", fontsize=8)
        ax.set_ylabel("cycles")
        ax.set_title(f"{m}: per-layer cycles, sample 0 (label: array utilisation)", fontsize=10)
        ax.legend(fontsize=8)
        ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    path = os.path.join(out, "e2e_layers.png")
    fig.savefig(path, dpi=110)
    print(f"plot: wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
