# SPDX-License-Identifier: Apache-2.0
"""Named models: `make train MODEL=<name>` / `st_train.py train <name>`.

    fmnist-a{1,2,3,4}            Fashion-MNIST CNN, ST activations, binary hidden weights
    fmnist-pact-a{1,2,3,4}       the same network and schedule, PACT uniform activations (the baseline)
    fmnist-fp                    the same network in full precision (ReLU, float weights)
    cifar10-resnet8-a{1,2,3,4}   CIFAR-10 ResNet-8, ST activations, ternary (2-bit) hidden weights
    cifar10-resnet8-pact-a{..}   its PACT baseline
    cifar10-resnet8-fp           its full-precision reference
    <any of the quantized names>-w{1..8}   the same with that many bits for the hidden layers' weights
                                 (first and last layers stay 8-bit), e.g. cifar10-resnet8-a2-w4
    <quantized name>-ms          m-bit weights (m >= 2) with LSQ's mean-based step where it is the smaller
                                 (quant.WeightQuant step "mean"): ternary hidden weights non-zero
                                 from |W| >= mean|W| instead of max|W| / 2; after -wN, e.g. cifar10-resnet8-a2-ms-sgd
    <any name>-sgd               the same with SGD (momentum 0.9, Nesterov), learning rate 0.1 and weight
                                 decay 5e-4 instead of Adam 2e-3 without decay (cosine schedule either way),
                                 e.g. cifar10-resnet8-fp-sgd
    <any name>-e{N}              the same trained for N epochs instead of the preset's (last in the name),
                                 e.g. cifar10-resnet8-a4-sgd-e40: every recipe has a name of its own, so
                                 runs of different lengths keep separate folders and run records
    <quantized name>-ft          fine-tuned: training starts from the weights and BatchNorm of the
                                 full-precision run of the same family and optimizer (cifar10-resnet8-fp-sgd
                                 for cifar10-resnet8-a4-w4-sgd-e40-ft), which must be trained first, at a
                                 tenth of the learning rate; the quantizers start as without -ft
"""
import importlib
import re


def _nets():
    # imported when a network is built, so that parsing names needs no PyTorch (test-train-tools)
    return importlib.import_module(".nets", __package__)

# Schedules. Fashion-MNIST: short enough for one CPU core (a few minutes per epoch), see models/README.md.
# anneal: the ST attention phase-out window, as fractions of all training steps (quant.STQuant).
FMNIST_SCHED = dict(epochs=6, batch=128, lr=2e-3, wd=0.0, aug="flip", anneal=(0.5, 0.8))
CIFAR_SCHED = dict(epochs=120, batch=128, lr=2e-3, wd=0.0, aug="crop4-flip", anneal=(0.5, 0.8))


def parse(name):
    """Returns a dict: name, family, variant (the suffix after a<bits> / fp), dataset, kind
    ('st'|'pact'|'fp'), bits, build (callable), sched (dict), weight_bits ('first/hidden/last')."""
    m = re.fullmatch(r"(fmnist|cifar10-resnet8)(?:-(pact))?-(?:a([1-4])|(fp))(?:-w([1-8]))?(-ms)?(-sgd)?(?:-e([1-9][0-9]{0,3}))?(-ft)?",
                     name)
    if not m:
        raise ValueError(f"unknown model {name!r}: expected fmnist[-pact]-a1..a4, fmnist-fp, "
                         f"cifar10-resnet8[-pact]-a1..a4 or cifar10-resnet8-fp, optionally -w1..w8, then -ms, then -sgd, "
                         f"then -e1..e9999 (epochs), then -ft (quantized only)")
    fam, pact, bits, fp, wb, ms, sgd, ep, ft = m.groups()
    if fp and (pact or wb or ms):
        raise ValueError(f"unknown model {name!r}: the full-precision reference has float weights")
    if fp and ft:
        raise ValueError(f"unknown model {name!r}: -ft starts a quantized run from the full-precision one")
    kind = "fp" if fp else ("pact" if pact else "st")
    bits = 0 if fp else int(bits)
    # the default schedules carry no "opt" key, so that runs checkpointed before -sgd existed still resume
    opt = dict(opt="sgd", lr=0.1, wd=5e-4) if sgd else {}
    sched = dict(FMNIST_SCHED if fam == "fmnist" else CIFAR_SCHED, **opt)
    if ep:
        sched["epochs"] = int(ep)
    if ft:
        # fine-tuning takes a tenth of the learning rate, as quantization-aware fine-tuning usually does
        # (PACT, LSQ): the full rate would first undo much of what the full-precision run learned
        sched.update(init=f"{fam}-fp{sgd or ''}", lr=sched["lr"] / 10)
    if ms:
        sched["wstep"] = "mean"
    step = sched.get("wstep", "max")
    cifar = fam == "cifar10-resnet8"
    w = int(wb) if wb else (2 if cifar else 1)
    net = "cifar_resnet8" if cifar else "fmnist_cnn"
    # variant: the recipe suffix after a<bits> / fp ("" for the preset itself), what the report groups by
    return dict(name=name, family=fam, variant=name[m.end(3 if bits else 4):],
                dataset="cifar10" if cifar else "fashion-mnist", kind=kind, bits=bits,
                build=lambda: _nets().set_weight_step(getattr(_nets(), net)(kind, max(bits, 1), w_bits=w), step),
                sched=sched, weight_bits=f"8/{w}/8")


def all_names():
    out = []
    for fam, bl in (("fmnist", (1, 2, 3, 4)), ("cifar10-resnet8", (1, 2, 3, 4))):
        out += [f"{fam}-a{b}" for b in bl] + [f"{fam}-pact-a{b}" for b in bl] + [f"{fam}-fp"]
    return out
