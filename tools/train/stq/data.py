# SPDX-License-Identifier: Apache-2.0
"""Data sets as uint8 numpy arrays (N, H, W, C) of raw pixels plus uint8 labels.

Fashion-MNIST: the gzipped IDX files of the Debian package dataset-fashion-mnist.
CIFAR-10: the project's JPEG tarball (../shared/data/cifar10-jpg.tar.gz, `train|test/<class>/NNNN.jpg`) read
with tarfile + Pillow, or a folder holding the standard binary files (data_batch_1..5.bin, test_batch.bin).
Decoded CIFAR arrays are cached as .npz under the cache folder (build/train/data by default).
"""
import gzip
import hashlib
import io
import os
import struct
import tarfile

import numpy as np

FMNIST_DIR = "/usr/share/datasets/fashion-mnist"
CIFAR_JPG = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "data",
                         "cifar10-jpg.tar.gz")
CIFAR_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]


class DataError(RuntimeError):
    pass


def _read_idx(path):
    try:
        with gzip.open(path, "rb") as f:
            buf = f.read()
    except OSError as e:
        raise DataError(f"{path}: cannot read ({e}); install the Debian package dataset-fashion-mnist "
                        f"(make deps-train)") from e
    if len(buf) < 8 or buf[0] != 0 or buf[1] != 0 or buf[2] != 0x08:
        raise DataError(f"{path}: not an unsigned-byte IDX file")
    nd = buf[3]
    dims = struct.unpack_from(">" + "I" * nd, buf, 4)
    n = int(np.prod(dims))
    if len(buf) != 4 + 4 * nd + n:
        raise DataError(f"{path}: size {len(buf)} does not match dims {dims}")
    return np.frombuffer(buf, dtype=np.uint8, offset=4 + 4 * nd).reshape(dims)


def load_fmnist(root=FMNIST_DIR):
    """Returns (x_train, y_train, x_test, y_test); x uint8 (N, 28, 28, 1)."""
    out = []
    for split in ("train", "t10k"):
        x = _read_idx(os.path.join(root, f"{split}-images-idx3-ubyte.gz"))
        y = _read_idx(os.path.join(root, f"{split}-labels-idx1-ubyte.gz"))
        if x.shape[0] != y.shape[0]:
            raise DataError(f"{root}: {split} images and labels differ in count")
        out += [x[..., None].copy(), y.copy()]
    return tuple(out)


def _cifar_from_jpg(path, progress=True):
    from PIL import Image
    idx = {c: i for i, c in enumerate(CIFAR_CLASSES)}
    data = {"train": ([], []), "test": ([], [])}
    try:
        tf = tarfile.open(path, "r:gz")
    except OSError as e:
        raise DataError(f"{path}: cannot open the CIFAR-10 JPEG tarball ({e})") from e
    n = 0
    with tf:
        for m in tf:
            if not m.isfile() or not m.name.lower().endswith(".jpg"):
                continue
            parts = m.name.strip("./").split("/")
            if len(parts) < 3 or parts[-3] not in data or parts[-2] not in idx:
                continue
            img = Image.open(io.BytesIO(tf.extractfile(m).read())).convert("RGB")
            a = np.asarray(img, dtype=np.uint8)
            if a.shape != (32, 32, 3):
                raise DataError(f"{path}: {m.name} is {a.shape}, expected 32x32x3")
            data[parts[-3]][0].append((m.name, a))
            data[parts[-3]][1].append((m.name, idx[parts[-2]]))
            n += 1
            if progress and n % 5000 == 0:
                print(f"\rdecoding CIFAR-10 JPEGs: {n}", end="", flush=True)
    if progress:
        print()
    # sorted by path, so the arrays do not depend on the member order inside the tarball
    xs = {k: (np.stack([a for _, a in sorted(v[0], key=lambda t: t[0])]),
              np.array([c for _, c in sorted(v[1], key=lambda t: t[0])], dtype=np.uint8))
          for k, v in data.items() if v[0]}
    if "train" not in xs or "test" not in xs:
        raise DataError(f"{path}: no train/ or test/ images found")
    return xs["train"][0], xs["train"][1], xs["test"][0], xs["test"][1]


def _cifar_from_bin(folder):
    def rd(names):
        xs, ys = [], []
        for nm in names:
            p = os.path.join(folder, nm)
            raw = np.fromfile(p, dtype=np.uint8)
            if raw.size % 3073:
                raise DataError(f"{p}: size is not a multiple of 3073-byte records")
            r = raw.reshape(-1, 3073)
            ys.append(r[:, 0])
            xs.append(r[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1))
        return np.concatenate(xs), np.concatenate(ys)
    xtr, ytr = rd([f"data_batch_{i}.bin" for i in range(1, 6)])
    xte, yte = rd(["test_batch.bin"])
    return xtr, ytr, xte, yte


def _shuffled(xtr, ytr, xte, yte):
    """The JPEG tarball is ordered by class: a fixed permutation (seed 0) of each split makes a prefix
    (--subset N, the shipped sample inputs) a fair draw over the classes."""
    ptr = np.random.RandomState(0).permutation(len(xtr))
    pte = np.random.RandomState(1).permutation(len(xte))
    return xtr[ptr], ytr[ptr], xte[pte], yte[pte]


def load_cifar10(src=None, cache_dir="build/train/data"):
    """Returns (x_train, y_train, x_test, y_test); x uint8 (N, 32, 32, 3).

    src: the JPEG tarball (default ../shared/data/cifar10-jpg.tar.gz) or a folder with the binary files.
    """
    src = os.path.abspath(src or CIFAR_JPG)
    if os.path.isdir(src):
        return _cifar_from_bin(src)
    # The cache is keyed by the tarball's SHA-256, not its mtime: ../shared is re-copied (new mtimes,
    # same bytes) at every session start, and decoding 60,000 JPEGs again each time is a minute wasted.
    with open(src, "rb") as f:
        key = hashlib.sha256(f.read()).hexdigest()
    cache = os.path.join(cache_dir, "cifar10-jpg-v2.npz")
    if os.path.exists(cache):
        z = np.load(cache)
        if "key" in z.files and str(z["key"]) == key:
            return _shuffled(z["xtr"], z["ytr"], z["xte"], z["yte"])
    xtr, ytr, xte, yte = _cifar_from_jpg(src)
    os.makedirs(cache_dir, exist_ok=True)
    # A per-process temporary name: two runs started together (make train of two models) must not
    # rename each other's half-written file; os.replace makes whichever finishes last the cache.
    tmp = f"{cache}.{os.getpid()}.tmp.npz"
    np.savez(tmp, xtr=xtr, ytr=ytr, xte=xte, yte=yte, key=np.array(key))
    os.replace(tmp, cache)
    return _shuffled(xtr, ytr, xte, yte)


def load(dataset, src=None, cache_dir="build/train/data"):
    if dataset == "fashion-mnist":
        return load_fmnist(src or FMNIST_DIR)
    if dataset == "cifar10":
        return load_cifar10(src, cache_dir)
    raise DataError(f"unknown data set {dataset!r}")
