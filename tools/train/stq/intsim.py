# SPDX-License-Identifier: Apache-2.0
"""PyTorch integer simulation of a model dict (as read back from a .stm file), per docs/numerics.md.

All arithmetic is on integers held in float64 tensors: every product and partial sum here is an integer
below 2^53, so float64 convolution is exact. Implements §3 (zero padding taps contribute 0 whatever the
encoding: padding the *values* with 0), §4 (residual, `s * acc >= T` with `>=`, output acc + bias), §5
(max pooling on codes, global sum), and argmax with the lowest index winning a tie.
"""
import numpy as np
import torch
import torch.nn.functional as F

from . import stm


def _values(codes, t):
    return 2.0 * codes - 1.0 if t["bipolar"] else codes


def run(model, images, return_codes=False):
    """images: uint8 (N, H, W, C). Returns int64 numpy (N, classes) outputs (and the per-tensor codes as
    NCHW float64 tensors when return_codes)."""
    x = torch.from_numpy(np.ascontiguousarray(images)).to(torch.float64).permute(0, 3, 1, 2)
    tensors = model["tensors"]
    codes = [x]
    for i, L in enumerate(model["layers"]):
        tin, tout = tensors[i], tensors[i + 1]
        q = codes[-1]
        ty = L["type"]
        if ty in (stm.CONV, stm.DENSE):
            w = torch.from_numpy(np.asarray(L["weights"], dtype=np.float64)).permute(0, 3, 1, 2)
            v = _values(q, tin)
            if ty == stm.CONV:
                acc = F.conv2d(v, w, stride=L["stride"], padding=L["pad"])
            else:
                acc = F.conv2d(v, w)
            if L.get("res_src", -1) >= 0:
                r = _values(codes[L["res_src"]], tensors[L["res_src"]])
                m = torch.from_numpy(np.asarray(L["mult"], dtype=np.float64)).view(1, -1, 1, 1)
                acc = acc + m * r
            if L["out_bits"] == 0:
                b = L.get("bias")
                if b is not None:
                    acc = acc + torch.from_numpy(np.asarray(b, dtype=np.float64)).view(1, -1, 1, 1)
                out = acc
            else:
                s = torch.from_numpy(np.asarray(L["signs"], dtype=np.float64)).view(1, -1, 1, 1, 1)
                T = torch.from_numpy(np.asarray(L["thresholds"], dtype=np.float64))
                T = T.view(1, T.shape[0], 1, 1, T.shape[1])
                out = ((s * acc.unsqueeze(-1)) >= T).sum(dim=-1).to(torch.float64)
        elif ty == stm.MAXPOOL:
            out = F.max_pool2d(q, L["kh"], L["stride"])
        elif ty == stm.GSUM:
            out = q.sum(dim=(2, 3), keepdim=True)
        else:
            raise ValueError(f"layer {i}: unknown type {ty}")
        codes.append(out)
    res = codes[-1].flatten(1)
    if res.abs().max() >= 2 ** 31:
        raise OverflowError("an output left int32")
    res = res.to(torch.int64).numpy()
    return (res, codes) if return_codes else res


def argmax_lowest(out):
    """argmax along axis 1, lowest index on ties (numpy's argmax already returns the first maximum)."""
    return np.argmax(out, axis=1)


def predict(model, images, batch=500):
    preds = []
    for i in range(0, len(images), batch):
        preds.append(argmax_lowest(run(model, images[i:i + batch])))
    return np.concatenate(preds)
