# SPDX-License-Identifier: Apache-2.0
"""BatchNorm + scale folding into int32 thresholds and signs (docs/numerics.md §4). numpy only, so the
torch-free tests (tools/train/test_fold.py) can run it; export.py explains the derivation."""
import math

import numpy as np


def fold_thresholds(T, g, h, s_in, bound):
    """T (C, K) x-space thresholds, g, h (C,) BatchNorm gain/offset, s_in > 0 scalar, bound B.

    Returns (theta int64 (C, K), sign int64 (C,)), all arithmetic float64.
    """
    T = np.asarray(T, dtype=np.float64)
    g = np.asarray(g, dtype=np.float64)
    h = np.asarray(h, dtype=np.float64)
    C, K = T.shape
    theta = np.zeros((C, K), dtype=np.int64)
    sign = np.ones(C, dtype=np.int64)
    lo, hi = -bound, bound + 1
    for c in range(C):
        G = g[c] * float(s_in)
        if G == 0.0 or not math.isfinite(G):
            c0 = int(np.sum(h[c] >= T[c]))
            theta[c] = np.where(np.arange(K) < c0, lo, hi)
            continue
        if G < 0:
            sign[c] = -1
        t = np.ceil((T[c] - h[c]) / abs(G))
        theta[c] = np.clip(t, lo, hi).astype(np.int64)
    return theta, sign
