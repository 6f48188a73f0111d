# SPDX-License-Identifier: Apache-2.0
"""Networks as chains of layers that map one to one onto the layers of a .stm model (numerics.md §2).

Tensor t = 0 is the input, tensor t + 1 the output of layer t. Each tensor is carried as a value tensor y
and a positive scalar scale s with y = v(q) * s, where q are the integer codes the hardware sees (s = 1 for
ST codes, alpha / K for PACT, 1/255 for the 8-bit pixels: input normalisation is a pure scale, so zero
padding stays pixel 0 and the scale folds into the first layer's thresholds).

A MAC layer (`QConv`: CONV or DENSE) computes z = conv(y_in, w_int) = s_in * acc, exactly the integer
accumulator times s_in; with a residual z += s_in * M * v(r) with M = round(m) (an integer multiplier learned
with a straight-through rounding, so export yields exactly the trained M); then BatchNorm and the activation
quantizer, or for the output layer logits = tau * (z + s_in * b) with an integer bias b = round(beta), so
argmax(logits) = argmax(acc + b) exactly as the hardware decides.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from .quant import PACTQuant, ReLUAct, STQuant, WeightQuant, round_ste


def make_act(kind, channels, bits, bipolar=False):
    if kind == "st":
        return STQuant(channels, bits, bipolar=bipolar)
    if kind == "pact":
        return PACTQuant(channels, bits)
    if kind == "fp":
        return ReLUAct()
    raise ValueError(f"unknown activation quantizer {kind!r}")


class QConv(nn.Module):
    """CONV (kernel k, stride, pad) or DENSE (dense=True: the kernel covers the whole input) with integer
    weights, optional residual, BatchNorm + activation quantizer, or the output layer (act=None)."""

    def __init__(self, cin, cout, k=3, stride=1, pad=1, w_bits=1, act=None, res_src=-1, dense=False,
                 res_init=1.0, fp=False):
        super().__init__()
        self.cin, self.cout, self.k, self.stride, self.pad = cin, cout, k, stride, pad
        self.dense, self.res_src, self.fp = dense, res_src, fp
        self.w_bits = w_bits
        self.output = act is None
        self.weight = nn.Parameter(torch.empty(cout, cin, k, k))
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if w_bits == 1:
            # latent binary weights live in [-1, 1] (the STE clip); start well inside it
            with torch.no_grad():
                self.weight.mul_(0.5 / self.weight.abs().max())
        self.wq = WeightQuant(0 if fp else w_bits, per_channel=not self.output)
        if res_src >= 0:
            # M = round(res_scale * mult): the constant res_scale puts Adam's steps on a useful scale
            self.register_buffer("res_scale", torch.tensor(float(res_init)))
            self.mult = nn.Parameter(torch.ones(cout))
        if self.output:
            # b = round(bias_scale * bias), logits = tau * (z + s_in * b); init_output() sets both scales
            self.register_buffer("bias_scale", torch.tensor(1.0))
            self.bias = nn.Parameter(torch.zeros(cout))
            self.log_tau = nn.Parameter(torch.zeros(()))
            self.act = None
        else:
            self.bn = nn.BatchNorm2d(cout)
            self.act = act

    def res_multiplier(self):
        """The residual multiplier per channel: an integer (straight-through rounded) unless FP."""
        m = self.res_scale * self.mult
        m = m if self.fp else round_ste(m)
        return torch.clamp(m, -32768, 32767)

    def int_bias(self):
        b = self.bias_scale * self.bias
        return b if self.fp else round_ste(b)

    def forward(self, y, s, r=None, r_scale=None):
        w = self.wq(self.weight)
        z = F.conv2d(y, w, stride=self.stride, padding=self.pad) if not self.dense else F.conv2d(y, w)
        if self.res_src >= 0:
            # residual in accumulator units: s_in * M * v(r), v(r) = the shortcut's codes (values / scale)
            v = r / r_scale
            if not self.fp:
                v = v + (torch.floor(v + 0.5) - v).detach()   # exact integer codes, gradient kept
            z = z + s * self.res_multiplier().view(1, -1, 1, 1) * v
        if self.output:
            return torch.exp(self.log_tau) * (z + s * self.int_bias().view(1, -1, 1, 1)), None
        return self.act(self.bn(z))


class MaxPool(nn.Module):
    def __init__(self, k=2, stride=2):
        super().__init__()
        self.k, self.stride = k, stride

    def forward(self, y, s):
        return F.max_pool2d(y, self.k, self.stride), s


class GSum(nn.Module):
    """Global sum pooling: the sum of codes over H x W (numerics.md §5.2); the scale is unchanged."""

    def forward(self, y, s):
        return y.sum(dim=(2, 3), keepdim=True), s


class ChainNet(nn.Module):
    """A chain of layers with residual sources; forward returns the logits (N, classes)."""

    def __init__(self, layers, in_shape, in_scale, info):
        super().__init__()
        self.layers = nn.ModuleList(layers)
        self.in_shape = in_shape      # (H, W, C)
        self.in_scale = in_scale      # input value = pixel * in_scale
        self.info = info              # dict: name, dataset, act kind/bits, weight bits, classes

    def forward(self, pixels):
        """pixels: float tensor N x C x H x W holding raw 0..255 codes."""
        y, s = pixels * self.in_scale, self.in_scale
        ys, ss = [y], [s]
        for L in self.layers:
            if isinstance(L, QConv) and L.res_src >= 0:
                y, s = L(y, s, ys[L.res_src], ss[L.res_src])
            else:
                y, s = L(y, s)
            ys.append(y)
            ss.append(s)
        return y.flatten(1)

    @torch.no_grad()
    def init_output(self, pixels):
        """Data-dependent start: scale the logits to unit spread and the output bias to the spread of the
        output accumulators (one forward pass in train mode over a batch of raw pixels)."""
        out = self.layers[-1]
        out.log_tau.zero_()
        out.bias.zero_()
        was = self.training
        self.train()
        sd = float(self.forward(pixels).std().clamp_min(1e-6))
        self.train(was)
        out.log_tau.fill_(-math.log(sd))
        out.bias_scale.fill_(sd)

    def tensor_scales(self, pixels):
        """Run one batch in eval mode and return the scale of every tensor (python floats)."""
        ss = [self.in_scale]
        y, s = pixels * self.in_scale, self.in_scale
        ys = [y]
        for L in self.layers:
            if isinstance(L, QConv) and L.res_src >= 0:
                y, s = L(y, s, ys[L.res_src], ss[L.res_src])
            else:
                y, s = L(y, s)
            ys.append(y)
            ss.append(s)
        return [float(v) if v is not None else None for v in ss]


def set_weight_step(net, rule):
    """Every weight quantizer of net takes the step rule ("max" or "mean", quant.WeightQuant); returns net."""
    for m in net.modules():
        if isinstance(m, WeightQuant):
            m.step = rule
    return net


# ---- the model zoo -----------------------------------------------------------------------------------
FMNIST_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                  "Bag", "Ankle boot"]
CIFAR10_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
                   "truck"]


def fmnist_cnn(kind, bits, w_bits=1, first_w_bits=8, last_w_bits=8, width=(32, 64, 64), bipolar=False):
    """Fashion-MNIST CNN: three 3x3 convolutions (each followed by 2x2 max pooling on codes) and a dense
    output layer. 28x28x1 -> 28x28x32 -> 14x14x32 -> 14x14x64 -> 7x7x64 -> 7x7x64 -> 3x3x64 -> 10.
    Hidden weights binary, first and last layer 8-bit (common practice, cheap: 288 and 5,760 weights)."""
    fp = kind == "fp"
    c1, c2, c3 = width
    A = lambda c: make_act(kind, c, bits, bipolar)   # noqa: E731
    layers = [
        QConv(1, c1, 3, 1, 1, first_w_bits, A(c1), fp=fp),
        MaxPool(2, 2),
        QConv(c1, c2, 3, 1, 1, w_bits, A(c2), fp=fp),
        MaxPool(2, 2),
        QConv(c2, c3, 3, 1, 1, w_bits, A(c3), fp=fp),
        MaxPool(2, 2),
        QConv(c3, 10, 3, 1, 0, last_w_bits, None, dense=True, fp=fp),
    ]
    return ChainNet(layers, (28, 28, 1), 1.0 / 255.0,
                    dict(dataset="fashion-mnist", classes=FMNIST_CLASSES))


def cifar_resnet8(kind, bits, w_bits=2, first_w_bits=8, last_w_bits=8, width=(16, 32, 64)):
    """CIFAR-10 ResNet-8 in the MLPerf Tiny shape (stem conv, 3 stages of 16 / 32 / 64 channels, two 3x3
    convs per stage with a residual shortcut, global pooling, dense 10).

    One deliberate difference, forced by the sequential layer chain of numerics.md §2 (a layer reads only
    the tensor just before it): stages 2 and 3 cannot have a 1x1 projection shortcut from the block input
    beside the strided conv. Their shortcut is the output codes of the strided conv itself, added to the
    second conv (`acc += M * r`). Stage 1 keeps the identity shortcut from the block input. Same 8 weight
    layers and 3 residual adds as the reference, ~12.2 M MACs (the reference: ~12.5 M).

        t0 32x32x3 -> L0 conv s1 -> t1 (16) -> L1 conv -> t2 -> L2 conv + res(t1) -> t3
        -> L3 conv s2 -> t4 (16x16x32) -> L4 conv + res(t4) -> t5
        -> L5 conv s2 -> t6 (8x8x64)   -> L6 conv + res(t6) -> t7 -> L7 GSUM -> t8 -> L8 dense 10
    """
    fp = kind == "fp"
    c1, c2, c3 = width
    A = lambda c: make_act(kind, c, bits)   # noqa: E731
    # start the residual near the main path's accumulator scale: sqrt(taps) * typical |w_int|
    wt = 1.0 if w_bits == 1 else max(1.0, ((1 << (w_bits - 1)) - 1) / 2.0)
    ri = lambda cin: 1.0 if fp else float(round(math.sqrt(9 * cin) * wt))   # noqa: E731
    layers = [
        QConv(3, c1, 3, 1, 1, first_w_bits, A(c1), fp=fp),                    # L0 -> t1
        QConv(c1, c1, 3, 1, 1, w_bits, A(c1), fp=fp),                         # L1 -> t2
        QConv(c1, c1, 3, 1, 1, w_bits, A(c1), res_src=1, res_init=ri(c1), fp=fp),   # L2 -> t3
        QConv(c1, c2, 3, 2, 1, w_bits, A(c2), fp=fp),                         # L3 -> t4
        QConv(c2, c2, 3, 1, 1, w_bits, A(c2), res_src=4, res_init=ri(c2), fp=fp),   # L4 -> t5
        QConv(c2, c3, 3, 2, 1, w_bits, A(c3), fp=fp),                         # L5 -> t6
        QConv(c3, c3, 3, 1, 1, w_bits, A(c3), res_src=6, res_init=ri(c3), fp=fp),   # L6 -> t7
        GSum(),                                                               # L7 -> t8
        QConv(c3, 10, 1, 1, 0, last_w_bits, None, dense=True, fp=fp),         # L8 -> logits
    ]
    return ChainNet(layers, (32, 32, 3), 1.0 / 255.0, dict(dataset="cifar10", classes=CIFAR10_CLASSES))
