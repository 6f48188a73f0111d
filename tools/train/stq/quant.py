# SPDX-License-Identifier: Apache-2.0
"""Quantizers: the Squeeze-and-Threshold (ST) activation quantizer, the PACT baseline, weight quantizers.

Every activation quantizer maps a pre-activation x (the BatchNorm output, N x C x H x W) to
    y = v(q) * scale,   q = #{k : x >= T_k}  (per channel, sorted thresholds T_1..T_K, K = 2^n - 1)
where v(q) = q (unsigned codes) or 2q - 1 (bipolar 1-bit). In eval mode this is exactly the threshold unit
of docs/numerics.md §4 before BatchNorm folding; export.py folds BatchNorm and the input scale into int32
thresholds. `thresholds_x()` returns the x-space thresholds that export folds.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def round_ste(x):
    """round(x) forward (half away from zero, like export's Python round for the values we meet),
    identity gradient."""
    return x + (torch.floor(x + 0.5) - x).detach()


# ---- weight quantizers ------------------------------------------------------------------------------
class WeightQuant(nn.Module):
    """Maps latent float weights W (O, ...) to integer-valued weights w_int (same shape).

    bits = 1: w_int = sign(W) in {-1, +1} (sign(0) = +1), the straight-through gradient clipped to
        |W| <= 1 (the classic BNN STE). The per-channel scale mean|W| of XNOR-Net is not needed: every
        thresholded layer is followed by BatchNorm, which absorbs any per-channel scale, and the output layer
        has a learned temperature.
    bits = m >= 2: symmetric, w_int = clamp(round(W / d), -(2^(m-1)-1), 2^(m-1)-1) per output channel (per
        tensor when per_channel is False: the output layer needs one scale so that argmax over classes is
        unchanged), straight-through gradient (identity / d, zero where clamped). The step d:
          step "max":  d = max|W| / qmax. For ternary weights (qmax = 1) only |W| >= max|W| / 2 become
                       non-zero: 12-18 % of the hidden weights of cifar10-resnet8-a1-sgd-e40.
          step "mean": d = min(max|W| / qmax, 2 mean|W| / sqrt(qmax)), the second being LSQ's (Esser et
                       al. 2020) starting step: ternary weights non-zero from |W| >= mean|W| (about 40 % of
                       a Gaussian); 4- and 8-bit weights keep the max rule unless a channel is very peaked.
    bits = 0: full precision (no quantization), for the FP reference model.
    """

    def __init__(self, bits, per_channel=True, step="max"):
        super().__init__()
        if step not in ("max", "mean"):
            raise ValueError(f"weight quantizer: unknown step rule {step!r}")
        self.bits = bits
        self.per_channel = per_channel
        self.step = step

    def forward(self, w):
        if self.bits == 0:
            return w
        if self.bits == 1:
            wc = torch.clamp(w, -1.0, 1.0)
            hard = torch.where(w >= 0, torch.ones_like(w), -torch.ones_like(w))
            return wc + (hard - wc).detach()
        qmax = (1 << (self.bits - 1)) - 1
        a = w.detach().abs().flatten(1) if self.per_channel else w.detach().abs().reshape(1, -1)
        d = a.max(dim=1).values.clamp_min(1e-8) / qmax
        if self.step == "mean":
            d = torch.minimum(d, (2.0 * a.mean(dim=1) / math.sqrt(qmax)).clamp_min(1e-8))
        d = d.view(-1, *([1] * (w.dim() - 1))) if self.per_channel else d.view(())
        ws = w / d
        return torch.clamp(round_ste(ws), -qmax, qmax)

    def extra_repr(self):
        return f"bits={self.bits}, per_channel={self.per_channel}, step={self.step}"


# ---- activation quantizers --------------------------------------------------------------------------
class _STStep(torch.autograd.Function):
    """q = #{k : x >= T_k} per channel (T: (C, K) sorted), with a straight-through gradient.

    Forward: at 1 and 2 bits (K <= 3), K compare-and-add passes over the channel-major copy of x, faster
    on a CPU than one searchsorted, which binary-searches every element; at 3 and 4 bits the searchsorted,
    which was as fast (measured: tools/train/README.md). Codes kept as uint8. Backward: the surrogate is a
    ramp of slope 1/w and width w centred on each threshold; an element gets the ramps of its two
    neighbouring thresholds (the last passed, T_q, and the next, T_{q+1}): d/dx = (1/w) * (number of
    those within w/2), d/dT_k = -(1/w) for each element whose neighbouring T_k is within w/2. Two
    gathers and one or two scatter-adds whatever K.
    """

    @staticmethod
    def forward(ctx, x, T, w):
        N, C, H, W = x.shape
        K = T.shape[1]
        xc = x.transpose(0, 1).reshape(C, -1).contiguous()
        Tc = T.contiguous()
        if K <= 3:
            q = (xc >= Tc[:, 0:1]).to(torch.uint8)                    # (C, M) in 0..K
            for k in range(1, K):
                q += xc >= Tc[:, k:k + 1]
        else:
            q = torch.searchsorted(Tc, xc, right=True).to(torch.uint8)  # counts the T_k <= x
        ctx.save_for_backward(xc, T, w, q)
        ctx.shape = (N, C, H, W)
        return q.to(x.dtype).view(C, N, H, W).transpose(0, 1)

    @staticmethod
    def backward(ctx, gq):
        xc, T, w, q8 = ctx.saved_tensors
        N, C, H, W = ctx.shape
        K = T.shape[1]
        q = q8.long()
        g = gq.transpose(0, 1).reshape(C, -1)
        wc = w.view(-1, 1) if w.dim() else w
        # padded thresholds: index 0 = -inf (below T_1), K + 1 = +inf
        Tp = torch.cat([torch.full((C, 1), -float("inf"), dtype=T.dtype, device=T.device), T,
                        torch.full((C, 1), float("inf"), dtype=T.dtype, device=T.device)], dim=1)
        t_lo = Tp.gather(1, q)            # T_q      (the last threshold passed; -inf when q = 0)
        t_hi = Tp[:, 1:].gather(1, q)     # T_{q+1}  (the next; +inf when q = K)
        half = 0.5 * wc
        gs = g / wc
        a = gs * (xc - t_lo < half)       # zero where q = 0
        b = gs * (t_hi - xc <= half)      # zero where q = K
        gx = (a + b).view(C, N, H, W).transpose(0, 1)
        if K == 1:
            # a lands on T_1 (q = 1), b on T_1 (q = 0): no scatter needed
            return gx, -(a.sum(1) + b.sum(1)).view(C, 1), None
        gT = torch.zeros(C, K + 1, dtype=g.dtype, device=g.device)
        gT.scatter_add_(1, q, a)          # a belongs to T_q (index q - 1 of T; q = 0 carries none)
        g_hi = torch.zeros(C, K + 1, dtype=g.dtype, device=g.device)
        g_hi.scatter_add_(1, q, b)        # b belongs to T_{q+1} (index q of T; q = K carries none)
        return gx, -(gT[:, 1:] + g_hi[:, :K]), None


class STQuant(nn.Module):
    """Squeeze-and-Threshold activation quantizer (Wu, Waschneck, Mayr 2021), one scheme for 1..4 bits.

    Training: s = mean_HW(x) per sample and channel ("squeeze"); a = 2 * sigmoid(FC(ReLU(FC(s)))) in (0, 2),
    initialised to exactly 1; the adjusted features x' = a * x are split by the learned, sorted per-channel
    thresholds T_k: q = #{k : x' >= T_k}. Gradient: straight-through, through a piecewise-linear surrogate
    (one ramp of width w around each threshold; w = the mean threshold spacing, 1 for 1 bit), which also
    trains T and the attention block.
    Momentum rule: x' >= T_k  <=>  x >= T_k / a (a > 0), so each step the effective per-sample threshold
    T_k / a is averaged over the batch and folded into the running inference thresholds with an EMA
    (T_run <- (1 - m) T_run + m mean_n(T_k / a_n)); T_run stays sorted because every T / a_n is.
    Eval: the attention block is gone, q = #{k : x >= T_run_k}: what the hardware computes.
    Phase-out (our addition, for short schedules): removing the per-sample attention at inference costs
    accuracy when training is short (Fashion-MNIST, 2 epochs: 85.2 % with attention, 82.2 % static). So
    the training loop ramps lambda from 0 to 1 over a late part of the schedule (presets: 50 % -> 80 % of
    the steps) and the quantizer uses a = (1 - lambda) a_n + lambda a_run, a_run being the EMA of the
    batch-mean attention (frozen once lambda > 0). With lambda = 1 training sees exactly the static
    per-channel thresholds T / a_run that inference uses, and the EMA rule keeps T_run on them.
    """

    def __init__(self, channels, bits, bipolar=False, reduction=4, momentum=0.05, init_span=2.5):
        super().__init__()
        if not 1 <= bits <= 4:
            raise ValueError(f"ST quantizer: bits {bits} outside 1..4")
        if bipolar and bits != 1:
            raise ValueError("ST quantizer: only a 1-bit quantizer can be bipolar")
        self.bits, self.bipolar, self.momentum = bits, bipolar, momentum
        self.K = (1 << bits) - 1
        self.width1 = 1.0     # straight-through ramp width of a 1-bit quantizer (schedule: st_width1)
        hid = max(channels // reduction, 4)
        self.fc1 = nn.Linear(channels, hid)
        self.fc2 = nn.Linear(hid, channels)
        nn.init.zeros_(self.fc2.weight)
        nn.init.zeros_(self.fc2.bias)
        # T_1 = t0 (0: the ReLU boundary), T_{k+1} = T_k + softplus(d_k): sorted by construction
        self.t0 = nn.Parameter(torch.zeros(channels))
        step = init_span / self.K
        self.d = nn.Parameter(torch.full((channels, max(self.K - 1, 1)), math.log(math.expm1(step))))
        self.register_buffer("t_run", self._thresholds().detach().clone())
        self.register_buffer("ema_steps", torch.zeros((), dtype=torch.long))
        self.register_buffer("a_run", torch.ones(channels))       # EMA of the batch-mean attention
        self.register_buffer("anneal", torch.zeros(()))           # phase-out weight lambda, set by train

    def _thresholds(self):
        if self.K == 1:
            return self.t0.unsqueeze(1)
        inc = F.softplus(self.d)
        return torch.cat([self.t0.unsqueeze(1), self.t0.unsqueeze(1) + torch.cumsum(inc, dim=1)], dim=1)

    def attention(self, x):
        s = x.mean(dim=(2, 3))
        return 2.0 * torch.sigmoid(self.fc2(F.relu(self.fc1(s))))

    def forward(self, x):
        if not self.training:
            # the hardware's definition, literally: count the thresholds passed (`>=`)
            q = torch.zeros_like(x)
            for k in range(self.K):
                q += (x >= self.t_run[:, k].view(1, -1, 1, 1)).to(x.dtype)
        else:
            lam = float(self.anneal)
            a = self.attention(x) if lam < 1.0 else None           # (N, C)
            with torch.no_grad():
                m = 1.0 if self.ema_steps.item() == 0 else self.momentum
                if lam == 0.0 and a is not None:
                    self.a_run.mul_(1.0 - m).add_(a.mean(dim=0), alpha=m)
            if lam > 0.0:
                # phase-out: blend the per-sample attention into its (frozen) running mean
                ar = self.a_run.view(1, -1)
                a = ar.expand(x.shape[0], -1) if a is None else (1.0 - lam) * a + lam * ar
            T = self._thresholds()                                 # (C, K)
            xa = x * a[:, :, None, None]
            with torch.no_grad():
                eff = (T.unsqueeze(0) / a.unsqueeze(-1)).mean(dim=0)   # (C, K)
                self.t_run.mul_(1.0 - m).add_(eff, alpha=m)
                self.ema_steps += 1
            if self.K == 1:
                w = torch.full((), self.width1, dtype=x.dtype, device=x.device)
            else:
                w = ((T[:, -1] - T[:, 0]) / (self.K - 1)).detach().clamp_min(1e-2)
            q = _STStep.apply(xa, T, w)
        y = 2.0 * q - 1.0 if self.bipolar else q
        return y, 1.0

    @torch.no_grad()
    def thresholds_x(self):
        """The static inference thresholds in x space, float64 (C, K), sorted."""
        return self.t_run.double().clone()

    def extra_repr(self):
        return f"bits={self.bits}, bipolar={self.bipolar}, momentum={self.momentum}"


class PACTQuant(nn.Module):
    """The uniform baseline: PACT (Choi et al. 2018), a learned clipping level alpha per layer.

    y = clip(x, 0, alpha), q = floor(y * K / alpha + 0.5) (round half up, so that q = #{k : x >= (k - 0.5)
    alpha / K} exactly: a threshold function like ST's, exportable to the same hardware), output value
    q * alpha / K. Gradients as in PACT: straight-through inside (0, alpha); d/d alpha = 1 where x >= alpha.
    """

    def __init__(self, channels, bits, init_alpha=3.0):
        super().__init__()
        if not 1 <= bits <= 4:
            raise ValueError(f"PACT quantizer: bits {bits} outside 1..4")
        self.bits, self.bipolar, self.channels = bits, False, channels
        self.K = (1 << bits) - 1
        self.alpha = nn.Parameter(torch.tensor(float(init_alpha)))

    def forward(self, x):
        alpha = self.alpha.abs().clamp_min(1e-3)
        y = torch.minimum(F.relu(x), alpha)              # PACT clip: d/dalpha = 1 where x >= alpha
        s = alpha / self.K
        yq = torch.clamp(torch.floor(y.detach() / s.detach() + 0.5), 0, self.K)
        yq_s = yq * s                                    # value; d/dalpha through s where q > 0 ...
        out = y + (yq_s - y).detach()                    # ... replaced by PACT's straight-through gradient
        return out, s

    @torch.no_grad()
    def thresholds_x(self):
        alpha = float(self.alpha.abs().clamp_min(1e-3))
        k = torch.arange(1, self.K + 1, dtype=torch.float64)
        return ((k - 0.5) * alpha / self.K).expand(self.channels, self.K).clone()

    def extra_repr(self):
        return f"bits={self.bits}"


class ReLUAct(nn.Module):
    """Full-precision activation (ReLU) for the FP reference model; not exportable."""
    bits = 0
    bipolar = False

    def forward(self, x):
        return F.relu(x), 1.0
