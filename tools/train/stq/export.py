# SPDX-License-Identifier: Apache-2.0
"""Export a trained ChainNet to the integer model of docs/numerics.md (a model dict for stm.write_stm).

Folding, per thresholded MAC layer with input scale s_in (numerics.md §4):
    z = s_in * A,   A = acc + M * v(r)            (A: the integer accumulator after the residual add)
    x = g * z + h,  g = gamma / sqrt(var + eps),  h = beta - g * mean      (BatchNorm, eval)
    code = #{k : x >= T_k}                         (T: the quantizer's static x-space thresholds)
With G = g * s_in, all in float64:
    G > 0:  x >= T_k  <=>  A >= (T_k - h) / G          -> s = +1, theta_k = ceil((T_k - h) / G)
    G < 0:  x >= T_k  <=>  -A >= (T_k - h) / |G|       -> s = -1, theta_k = ceil((T_k - h) / |G|)
    G = 0:  the code is the constant c0 = #{k : h >= T_k} -> theta = -B for k < c0, B + 1 otherwise
(A is an integer, so `A >= t` <=> `A >= ceil(t)`.) Thresholds are clipped to [-B, B + 1] (§8), which
changes no code, and stay sorted because T is sorted and the map is increasing. The residual multiplier
M is the trained integer itself (nets.QConv rounds it in training), so nothing is rounded here except the
thresholds' ceil.
"""
import torch

from . import stm
from .fold import fold_thresholds
from .nets import GSum, MaxPool, QConv


@torch.no_grad()
def export_model(net, name, calib_pixels):
    """Build the integer model dict of a trained quantized ChainNet (net in eval mode afterwards).

    calib_pixels: a small float batch (N, C, H, W) of raw pixels, used only to read the tensor scales.
    """
    net.eval()
    scales = net.tensor_scales(calib_pixels)
    H, W, C = net.in_shape
    model = dict(name=name[:31], dataset=net.info["dataset"][:15], in_h=H, in_w=W, in_c=C, in_bits=8,
                 in_bipolar=False, class_names=net.info["classes"], in_scale=(1, 1), layers=[])
    for i, L in enumerate(net.layers):
        if isinstance(L, MaxPool):
            model["layers"].append(dict(type=stm.MAXPOOL, kh=L.k, kw=L.k, stride=L.stride, pad=0))
            continue
        if isinstance(L, GSum):
            model["layers"].append(dict(type=stm.GSUM))
            continue
        assert isinstance(L, QConv)
        if L.fp:
            raise ValueError("a full-precision model cannot be exported")
        w = L.wq(L.weight).round().to(torch.int64).permute(0, 2, 3, 1).contiguous().numpy()
        d = dict(type=stm.DENSE if L.dense else stm.CONV, kh=L.k, kw=L.k, stride=L.stride,
                 pad=L.pad, w_bits=L.w_bits, out_c=L.cout, weights=w, res_src=L.res_src, bipolar=False)
        if L.res_src >= 0:
            d["mult"] = L.res_multiplier().round().to(torch.int64).numpy()
        if L.output:
            d["out_bits"] = 0
            d["bias"] = L.int_bias().round().to(torch.int64).numpy()
        else:
            d["out_bits"] = L.act.bits
            d["bipolar"] = bool(L.act.bipolar)
        model["layers"].append(d)
    stm.infer_shapes(model)
    # thresholds need the bound B, which needs the shapes and multipliers
    for i, L in enumerate(net.layers):
        if not isinstance(L, QConv) or L.output:
            continue
        d = model["layers"][i]
        bn = L.bn
        g = bn.weight.double() / torch.sqrt(bn.running_var.double() + bn.eps)
        h = bn.bias.double() - g * bn.running_mean.double()
        bound = stm.acc_bound(model, i)
        d["thresholds"], d["signs"] = fold_thresholds(L.act.thresholds_x().numpy(), g.numpy(), h.numpy(),
                                                      scales[i], bound)
    return model
