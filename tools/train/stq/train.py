# SPDX-License-Identifier: Apache-2.0
"""The training loop: Adam (or SGD with momentum: presets' -sgd) + cosine schedule, plain-text progress bar, per-epoch checkpoint and resume.

Everything a run writes goes under its run folder (build/train/<model>/): ckpt.pt (the latest epoch, to
resume), model.pt (the final weights), history.json (per-epoch figures and wall time).
"""
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


class Progress:
    """One-line progress bar with \\r updates (at most every 0.5 s), ending with a newline."""

    def __init__(self, total, prefix):
        self.total, self.prefix, self.t0, self.last = total, prefix, time.time(), 0.0

    def update(self, done, extra="", force=False):
        now = time.time()
        if not force and now - self.last < 0.5:
            return
        self.last = now
        el = now - self.t0
        eta = el / max(done, 1) * (self.total - done)
        w = 24
        fill = int(w * done / max(self.total, 1))
        sys.stdout.write(f"\r{self.prefix} [{'#' * fill}{'.' * (w - fill)}] {done}/{self.total} {extra} "
                         f"{_hms(el)}<{_hms(eta)}  ")
        sys.stdout.flush()

    def close(self, extra=""):
        self.update(self.total, extra, force=True)
        sys.stdout.write("\n")
        sys.stdout.flush()


def _hms(s):
    s = int(s)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def to_nchw(x_uint8, device):
    """uint8 (N, H, W, C) numpy -> float (N, C, H, W) raw 0..255 pixels."""
    return torch.from_numpy(x_uint8).to(device).permute(0, 3, 1, 2).float()


def augment(xb, aug, gen):
    """xb float (N, C, H, W). 'flip': random horizontal flip; 'crop4-flip': zero-pad 4, random 32x32 crop,
    flip (zero padding = pixel 0, the same as the hardware's)."""
    n = xb.shape[0]
    if "crop4" in aug:
        H, W = xb.shape[2], xb.shape[3]
        p = F.pad(xb, (4, 4, 4, 4))
        dy = torch.randint(0, 9, (n,), generator=gen)
        dx = torch.randint(0, 9, (n,), generator=gen)
        idx_y = (dy.view(n, 1) + torch.arange(H).view(1, H)).to(xb.device)
        idx_x = (dx.view(n, 1) + torch.arange(W).view(1, W)).to(xb.device)
        p = p.gather(2, idx_y.view(n, 1, H, 1).expand(n, p.shape[1], H, p.shape[3]))
        xb = p.gather(3, idx_x.view(n, 1, 1, W).expand(n, p.shape[1], H, W))
    if "flip" in aug:
        f = (torch.rand(n, generator=gen) < 0.5).to(xb.device)
        xb = torch.where(f.view(n, 1, 1, 1), xb.flip(3), xb)
    return xb


@torch.no_grad()
def evaluate(net, x, y, device, batch=1000):
    """Float eval-mode accuracy and predictions."""
    net.eval()
    preds = []
    for i in range(0, len(x), batch):
        preds.append(net(to_nchw(x[i:i + batch], device)).argmax(1).cpu())
    p = torch.cat(preds).numpy()
    return float((p == y).mean()), p


def init_from(net, state):
    """Copy every tensor of a trained state dict whose name and shape net has (weights, BatchNorm, residual
    multipliers): a quantized net from its full-precision twin (presets' -ft). Returns (count, the names of
    net's tensors left as they were: the quantizers' own)."""
    own = net.state_dict()
    take = {k: v for k, v in state.items() if k in own and own[k].shape == v.shape}
    net.load_state_dict(take, strict=False)
    return len(take), sorted({".".join(k.split(".")[:3]) for k in own if k not in take})


def set_anneal(net, progress, window):
    """The ST attention phase-out weight: 0 before window[0], 1 after window[1] (fractions of training)."""
    a, b = window
    lam = 0.0 if progress < a else (1.0 if progress >= b or b <= a else (progress - a) / (b - a))
    for m in net.modules():
        if hasattr(m, "anneal"):
            m.anneal.fill_(lam)


def train(net, data, sched, run_dir, device, seed=1, resume=True, log=print):
    """Train net on data = (xtr, ytr, xte, yte); returns the history dict."""
    xtr, ytr, xte, yte = data
    os.makedirs(run_dir, exist_ok=True)
    ckpt_path = os.path.join(run_dir, "ckpt.pt")
    epochs, bs = sched["epochs"], sched["batch"]
    steps_per_epoch = math.ceil(len(xtr) / bs)
    torch.manual_seed(seed)
    net.to(device)
    for m in net.modules():
        if hasattr(m, "width1"):
            m.width1 = float(sched.get("st_width1", 1.0))
    # the output layer's temperature and bias scale start from the data (before the optimizer exists)
    net.init_output(to_nchw(xtr[:min(512, len(xtr))], device))
    if sched.get("opt", "adam") == "sgd":
        opt = torch.optim.SGD(net.parameters(), lr=sched["lr"], momentum=0.9, nesterov=True,
                              weight_decay=sched["wd"])
    else:
        opt = torch.optim.Adam(net.parameters(), lr=sched["lr"], weight_decay=sched["wd"])
    total = epochs * steps_per_epoch
    lr_at = lambda step: 0.5 * (1 + math.cos(math.pi * min(step, total) / total))  # noqa: E731
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    hist = dict(epochs=[], wall_s=0.0, sched=sched, seed=seed)
    start = 0
    gen = torch.Generator().manual_seed(seed)
    if resume and os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path, map_location=device)
        if ck["sched"] != sched or ck["n_train"] != len(xtr):
            raise RuntimeError(f"{ckpt_path}: checkpoint is from a different schedule or data size; "
                               f"remove it (or the run folder) to start afresh")
        net.load_state_dict(ck["net"])
        opt.load_state_dict(ck["opt"])
        sch.load_state_dict(ck["sch"])
        gen.set_state(ck["gen"])
        hist = ck["hist"]
        start = ck["epoch"]
        log(f"resuming {run_dir} after epoch {start}/{epochs}")
    for ep in range(start, epochs):
        net.train()
        t0 = time.time()
        perm = torch.randperm(len(xtr), generator=gen).numpy()
        pb = Progress(steps_per_epoch, f"epoch {ep + 1}/{epochs}")
        tl = tc = tn = 0.0
        for it in range(steps_per_epoch):
            idx = np.sort(perm[it * bs:(it + 1) * bs])
            set_anneal(net, (ep * steps_per_epoch + it) / total, sched.get("anneal", (1.0, 1.0)))
            xb = augment(to_nchw(xtr[idx], device), sched["aug"], gen)
            yb = torch.from_numpy(ytr[idx].astype(np.int64)).to(device)
            out = net(xb)
            loss = F.cross_entropy(out, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sch.step()
            n = len(idx)
            tl += float(loss) * n
            tc += float((out.argmax(1) == yb).sum())
            tn += n
            pb.update(it + 1, f"loss {tl / tn:.3f} acc {100 * tc / tn:5.2f}% "
                              f"{tn / max(time.time() - t0, 1e-9):.0f} img/s")
        pb.close(f"loss {tl / tn:.3f} acc {100 * tc / tn:5.2f}%")
        acc, _ = evaluate(net, xte, yte, device)
        dt = time.time() - t0
        hist["wall_s"] += dt
        hist["epochs"].append(dict(epoch=ep + 1, train_loss=tl / tn, train_acc=tc / tn, test_acc=acc,
                                   lr=opt.param_groups[0]["lr"], wall_s=dt))
        tmp = ckpt_path + ".tmp"
        torch.save(dict(net=net.state_dict(), opt=opt.state_dict(), sch=sch.state_dict(),
                        gen=gen.get_state(), hist=hist, epoch=ep + 1, sched=sched, n_train=len(xtr)), tmp)
        os.replace(tmp, ckpt_path)
        log(f"epoch {ep + 1}/{epochs}: train loss {tl / tn:.4f} acc {100 * tc / tn:.2f}%, "
            f"test (float, eval) {100 * acc:.2f}%, {dt:.0f} s")
    torch.save(net.state_dict(), os.path.join(run_dir, "model.pt"))
    with open(os.path.join(run_dir, "history.json"), "w") as f:
        json.dump(hist, f, indent=1)
    return hist
