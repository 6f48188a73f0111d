#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""test_train.py STC [--seed N] - PyTorch end-to-end tests of tools/train (`make test-train`).

Needs Debian's python3-torch, so it is not part of `make test`. Each line is one test:
  ste       the fast ST straight-through gradient equals the reference sum-of-ramps surrogate
  eval      an ST quantizer in eval mode is exactly `#{k : x >= T_run_k}`; the attention is not used
  anneal    with the phase-out complete, training mode computes the same codes as eval mode
  e2e       tiny nets of every kind (ST 1..4 bits, bipolar 1 bit, PACT, ResNet with residuals) trained a few
            steps on random data, exported, validated by `stc check`; on random inputs the PyTorch integer
            simulation equals `stc eval` on every sample and equals the float eval model on >= 98 %
  init      -ft: a quantized ResNet takes every weight and BatchNorm tensor of its full-precision twin and
            nothing of its quantizers; the first training step starts from the FP weights
  wstep     -ms: every m-bit weight quantizer of the net takes the mean-based step; ternary layers of a
            fresh ResNet-8 are at least 30 % non-zero with it and fewer than 25 % without (Laplace-distributed weights, as trained ones are)
  resume    training interrupted after epoch 1 and resumed ends bit-identical to an uninterrupted run
Ends with `train: N passed, N failed`.
"""
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from stq import check, export, intsim, nets, quant, stm, train  # noqa: E402

passed = failed = 0


def result(ok, name, why=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}", flush=True)
    else:
        failed += 1
        print(f"FAIL {name}: {why}", flush=True)


def test_ste(gen):
    worst = 0.0
    for K in (1, 3, 7, 15):
        C = 5
        x = (torch.randn(4, C, 3, 3, generator=gen) * 2).requires_grad_()
        base = torch.linspace(-1, 2, K).expand(C, K) + 0.1 * torch.randn(C, 1, generator=gen)
        T = base.clone().requires_grad_()
        w = torch.tensor(1.0) if K == 1 else ((T[:, -1] - T[:, 0]) / (K - 1)).detach()
        q = quant._STStep.apply(x, T, w)
        hard = (x.unsqueeze(-1) >= T.view(1, C, 1, 1, K)).sum(-1).float()
        if not torch.equal(q, hard):
            result(False, f"ste: forward K={K}", "codes differ from the threshold count")
            return
        g = torch.randn(q.shape, generator=gen)
        gx, gT = torch.autograd.grad((q * g).sum(), (x, T))
        x2, T2 = x.detach().clone().requires_grad_(), T.detach().clone().requires_grad_()
        ww = w.view(1, -1, 1, 1, 1) if w.dim() else w
        soft = torch.clamp((x2.unsqueeze(-1) - T2.view(1, C, 1, 1, K)) / ww + 0.5, 0, 1).sum(-1)
        gx2, gT2 = torch.autograd.grad((soft * g).sum(), (x2, T2))
        worst = max(worst, float((gx - gx2).abs().max()), float((gT - gT2).abs().max()))
    result(worst < 1e-4, "ste: fast gradient = reference surrogate (K = 1, 3, 7, 15)", f"max diff {worst}")


def test_eval(gen):
    q = quant.STQuant(6, 3)
    with torch.no_grad():
        q.t_run.copy_(torch.sort(torch.randn(6, 7, generator=gen), dim=1).values)
        q.fc2.weight.normal_()       # a non-trivial attention, which eval mode must ignore
    q.eval()
    x = torch.randn(5, 6, 4, 4, generator=gen)
    y, s = q(x)
    want = (x.unsqueeze(-1) >= q.t_run.view(1, 6, 1, 1, 7)).sum(-1).float()
    x[0, 0, 0, 0] = q.t_run[0, 3]    # a tie counts
    y2, _ = q(x)
    result(torch.equal(y, want) and s == 1.0 and float(y2[0, 0, 0, 0]) == 4.0,
           "eval: ST eval = count of static thresholds passed (>=), attention unused")
    # phase-out complete: training mode uses a_run only, and its codes equal eval mode's once T_run = T/a_run
    q.train()
    with torch.no_grad():
        q.a_run.copy_(torch.rand(6, generator=gen) + 0.5)
        q.anneal.fill_(1.0)
        q.momentum = 1.0
    yt, _ = q(x)
    q.eval()
    ye, _ = q(x)
    frac = float((yt == ye).float().mean())
    result(frac > 0.99, "anneal: lambda = 1 training codes = eval codes (T_run <- T / a_run)",
           f"only {100 * frac:.2f} % equal")


def tiny_train(net, shape, gen, steps=6):
    x = torch.randint(0, 256, (48,) + shape, generator=gen).float()
    y = torch.randint(0, 10, (48,), generator=gen)
    net.init_output(x)
    opt = torch.optim.Adam(net.parameters(), 1e-2)
    for i in range(steps):
        train.set_anneal(net, i / steps, (0.3, 0.7))
        loss = F.cross_entropy(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    net.eval()
    return x


def test_e2e(stc, gen, tmp):
    cases = [
        ("st-a1", lambda: nets.fmnist_cnn("st", 1, width=(8, 16, 16)), (1, 28, 28)),
        ("st-a1-bipolar", lambda: nets.fmnist_cnn("st", 1, width=(8, 16, 16), bipolar=True), (1, 28, 28)),
        ("st-a3", lambda: nets.fmnist_cnn("st", 3, width=(8, 16, 16)), (1, 28, 28)),
        ("st-a4-w2", lambda: nets.fmnist_cnn("st", 4, w_bits=2, width=(8, 16, 16)), (1, 28, 28)),
        ("pact-a2", lambda: nets.fmnist_cnn("pact", 2, width=(8, 16, 16)), (1, 28, 28)),
        ("resnet8-st-a2", lambda: nets.cifar_resnet8("st", 2, width=(8, 8, 16)), (3, 32, 32)),
        ("resnet8-st-a4-w1", lambda: nets.cifar_resnet8("st", 4, w_bits=1, width=(8, 8, 16)), (3, 32, 32)),
        ("resnet8-pact-a1", lambda: nets.cifar_resnet8("pact", 1, width=(8, 8, 16)), (3, 32, 32)),
    ]
    for name, build, shape in cases:
        try:
            net = build()
            x = tiny_train(net, shape, gen)
            model = export.export_model(net, name, x[:8])
            path = os.path.join(tmp, name + ".stm")
            stm.write_stm(model, path)
            imgs = torch.randint(0, 256, (100,) + shape[1:] + shape[:1], generator=gen).numpy().astype(np.uint8)
            back = stm.read_stm(path)
            ip = intsim.predict(back, imgs)
            with torch.no_grad():
                fp = net(train.to_nchw(imgs, "cpu")).argmax(1).numpy()
            labels = (np.arange(100) % 10).astype(np.uint8)
            sti = os.path.join(tmp, name + ".sti")
            stm.write_sti(imgs, labels, sti)
            check.agreement(path, sti, imgs, labels, HERE, log=lambda m: None)
            f_agree = float((ip == fp).mean())
            res = [L.get("res_src", -1) for L in back["layers"] if L["type"] in (stm.CONV, stm.DENSE)]
            ok = f_agree >= 0.98 and (not name.startswith("resnet") or sum(r >= 0 for r in res) == 3)
            result(ok, f"e2e {name}: stc = integer sim on 100/100, float agree {100 * f_agree:.0f} %",
                   f"float/int agreement {f_agree}, residual sources {res}")
        except (check.CheckError, stm.FormatError, ValueError) as ex:
            result(False, f"e2e {name}", str(ex))


def test_init(gen):
    from stq import presets
    torch.manual_seed(int(torch.randint(0, 1 << 30, (1,), generator=gen)))
    fp = presets.parse("cifar10-resnet8-fp-sgd")["build"]()
    p = presets.parse("cifar10-resnet8-a4-w4-sgd-e40-ft")
    q = p["build"]()
    n, left = train.init_from(q, fp.state_dict())
    sf, sq = fp.state_dict(), q.state_dict()
    same = [k for k in sf if k in sq and sf[k].shape == sq[k].shape]
    copied = all(torch.equal(sf[k], sq[k]) for k in same)
    # what must come over: every conv / dense weight, BatchNorm's affine and running statistics
    need = [k for k in sq if k.endswith(".weight") and ".act." not in k or ".bn." in k]
    result(n == len(same) and copied and all(k in same for k in need) and left
           and all(".act" in k for k in left) and p["sched"]["init"] == "cifar10-resnet8-fp-sgd"
           and p["sched"]["lr"] == presets.parse("cifar10-resnet8-a4-w4-sgd-e40")["sched"]["lr"] / 10,
           f"init: -ft copies {n} tensors (weights, BatchNorm) from the FP twin, leaves {len(left)} quantizers, "
           f"a tenth of the learning rate", f"copied {copied}, left {left}")


def test_wstep():
    from stq import presets
    torch.manual_seed(5)
    nz = {}
    for name in ("cifar10-resnet8-a2-sgd", "cifar10-resnet8-a2-ms-sgd"):
        net = presets.parse(name)["build"]()
        steps = {m.step for m in net.modules() if isinstance(m, quant.WeightQuant)}
        tern = [L for L in net.layers if getattr(L, "w_bits", 0) == 2]
        g = torch.Generator().manual_seed(9)
        with torch.no_grad():   # trained weights are peaked, not the uniform start: a Laplace sample
            for L in tern:
                u = torch.rand(L.weight.shape, generator=g) - 0.5
                L.weight.copy_(-0.05 * torch.sign(u) * torch.log1p(-2 * u.abs()))
        nz[name] = (steps, min(float((L.wq(L.weight) != 0).float().mean()) for L in tern),
                    max(float((L.wq(L.weight) != 0).float().mean()) for L in tern))
    a, b = nz["cifar10-resnet8-a2-sgd"], nz["cifar10-resnet8-a2-ms-sgd"]
    result(a[0] == {"max"} and b[0] == {"mean"} and a[2] < 0.25 and b[1] >= 0.30,
           "wstep: -ms gives every weight quantizer the mean step; ternary layers at least 30 % non-zero",
           f"{nz}")


def test_resume(gen, tmp):
    rng = np.random.default_rng(3)
    xtr = rng.integers(0, 256, (256, 28, 28, 1)).astype(np.uint8)
    ytr = rng.integers(0, 10, 256).astype(np.uint8)
    data = (xtr, ytr, xtr[:64], ytr[:64])
    sched = dict(epochs=2, batch=64, lr=2e-3, wd=0.0, aug="flip", anneal=(0.25, 0.75))
    quiet = lambda m: None   # noqa: E731

    def build():
        torch.manual_seed(11)
        return nets.fmnist_cnn("st", 2, width=(4, 8, 8))
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):
        a = build()
        train.train(a, data, sched, os.path.join(tmp, "a"), "cpu", resume=False, log=quiet)

        class Stop(Exception):
            pass

        def stop_after_1(m):
            if m.startswith("epoch 1/2:"):
                raise Stop()
        b = build()
        try:
            train.train(b, data, sched, os.path.join(tmp, "b"), "cpu", resume=False, log=stop_after_1)
        except Stop:
            pass
        b = build()
        train.train(b, data, sched, os.path.join(tmp, "b"), "cpu", resume=True, log=quiet)
    sa, sb = a.state_dict(), b.state_dict()
    diff = [k for k in sa if not torch.equal(sa[k], sb[k])]
    result(not diff, "resume: interrupted + resumed run = uninterrupted run (bit-identical state)",
           f"differs in {diff[:5]}")


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: test_train.py STC [--seed N]")
    os.environ.setdefault("STC", sys.argv[1])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else \
        int(time.time() * 1000) % 1000000
    print(f"train: seed {seed} (reproduce with SEED={seed})")
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    with tempfile.TemporaryDirectory() as tmp:
        test_ste(gen)
        test_eval(gen)
        test_e2e(sys.argv[1], gen, tmp)
        test_init(gen)
        test_wstep()
        test_resume(gen, tmp)
    print(f"train: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
