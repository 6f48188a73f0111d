# SPDX-License-Identifier: Apache-2.0
"""Writer and reader of the st-accel model file (.stm) and sample file (.sti).

Follows docs/model-format.md field for field: little-endian struct packing, 4-byte aligned blobs, the zlib
CRC-32 over the whole file with the CRC field taken as zero. Needs only numpy and the standard library, so
the torch-free tests can use it too. The C parser (sim/golden/st_model.c, `stc check`) is the judge: every
file written here is validated by it in the export check.
"""
import struct
import zlib

import numpy as np

CONV, DENSE, MAXPOOL, GSUM = 1, 2, 3, 4
TYPE_NAMES = {CONV: "CONV", DENSE: "DENSE", MAXPOOL: "MAXPOOL", GSUM: "GSUM"}
HEADER_SIZE = 48
META_SIZE = 64
CLASS_NAME_LEN = 24
LAYER_SIZE = 64
FLAG_BIPOLAR, FLAG_BIAS, FLAG_RESIDUAL = 1, 2, 4


class FormatError(ValueError):
    """A model or sample file (or an in-memory model) breaks docs/model-format.md."""


def bitlen(v):
    return int(v).bit_length()


def tensor_vmax(t):
    """Largest |value| of a tensor's encoding (numerics.md §8)."""
    return 1 if t["bipolar"] else (1 << t["bits"]) - 1


def infer_shapes(model):
    """Fill model['tensors']: tensor 0 is the input, tensor t+1 the output of layer t (numerics.md §2).

    Each tensor is a dict h, w, c, bits, bipolar, int32. Raises FormatError on an impossible shape.
    """
    t0 = dict(h=model["in_h"], w=model["in_w"], c=model["in_c"], bits=model["in_bits"],
              bipolar=bool(model.get("in_bipolar", False)), int32=False)
    tensors = [t0]
    for i, L in enumerate(model["layers"]):
        tin = tensors[-1]
        if tin["int32"]:
            raise FormatError(f"layer {i}: reads an int32 output tensor")
        ty = L["type"]
        if ty in (CONV, DENSE):
            if ty == DENSE:
                kh, kw, s, p = tin["h"], tin["w"], 1, 0
            else:
                kh, kw, s, p = L["kh"], L["kw"], L["stride"], L["pad"]
            ho = (tin["h"] + 2 * p - kh) // s + 1
            wo = (tin["w"] + 2 * p - kw) // s + 1
            if tin["h"] + 2 * p < kh or tin["w"] + 2 * p < kw:
                raise FormatError(f"layer {i}: kernel larger than the padded input")
            ob = L["out_bits"]
            out = dict(h=ho, w=wo, c=L["out_c"], bits=ob if ob else 32,
                       bipolar=bool(L.get("bipolar", False)), int32=(ob == 0))
        elif ty == MAXPOOL:
            k, s = L["kh"], L["stride"]
            if tin["h"] < k or tin["w"] < k:
                raise FormatError(f"layer {i}: pool window larger than the input")
            out = dict(tin, h=(tin["h"] - k) // s + 1, w=(tin["w"] - k) // s + 1)
        elif ty == GSUM:
            if tin["bipolar"]:
                raise FormatError(f"layer {i}: GSUM of a bipolar tensor")
            n = bitlen(tensor_vmax(tin) * tin["h"] * tin["w"])
            if n > 16:
                raise FormatError(f"layer {i}: GSUM output needs {n} > 16 bits")
            out = dict(h=1, w=1, c=tin["c"], bits=n, bipolar=False, int32=False)
        else:
            raise FormatError(f"layer {i}: unknown layer type {ty}")
        tensors.append(out)
    model["tensors"] = tensors
    return tensors


def acc_bound(model, i):
    """The accumulator bound B of numerics.md §8 for MAC layer i (as the C parser computes it)."""
    L = model["layers"][i]
    tin = model["tensors"][i]
    taps = tin["h"] * tin["w"] * tin["c"] if L["type"] == DENSE else L["kh"] * L["kw"] * tin["c"]
    wm = 1 if L["w_bits"] == 1 else 1 << (L["w_bits"] - 1)
    b = taps * tensor_vmax(tin) * wm
    if L.get("res_src", -1) >= 0:
        mmax = int(np.max(np.abs(np.asarray(L["mult"], dtype=np.int64)))) if len(L["mult"]) else 0
        b += mmax * tensor_vmax(model["tensors"][L["res_src"]])
    if L.get("bias") is not None:
        b += int(np.max(np.abs(np.asarray(L["bias"], dtype=np.int64))))
    return b


def _cstr(s, n, what):
    b = s.encode("ascii")
    if len(b) >= n or any(c < 0x20 or c > 0x7E for c in b):
        raise FormatError(f"{what} {s!r}: must be printable ASCII shorter than {n} bytes")
    return b + b"\0" * (n - len(b))


def write_stm(model, path=None):
    """Serialize a model dict (see README.md, 'model dict') to .stm bytes; write them to path if given.

    model: name, dataset, in_h, in_w, in_c, in_bits, in_bipolar, class_names, in_scale (num, den), layers.
    A layer: type, kh, kw, stride, pad, w_bits, out_bits, out_c, bipolar, res_src (-1: none) and the numpy
    blobs weights (int, OHWI, shape (O, KH, KW, C)), thresholds (O, 2^n-1), signs (O,), mult (O,), bias (O,)
    where the layer has them.
    """
    tensors = infer_shapes(model)
    layers = model["layers"]
    ncls = len(model["class_names"])
    meta = bytearray()
    meta += _cstr(model["name"], 32, "model name")
    meta += _cstr(model.get("dataset", ""), 16, "dataset")
    num, den = model.get("in_scale", (1, 1))
    meta += struct.pack("<HHHBBHHHH", model["in_h"], model["in_w"], model["in_c"], model["in_bits"],
                        1 if model.get("in_bipolar") else 0, ncls, num, den, 0)
    for cn in model["class_names"]:
        meta += _cstr(cn, CLASS_NAME_LEN, "class name")
    assert len(meta) == META_SIZE + CLASS_NAME_LEN * ncls

    data = bytearray()

    def blob(arr, dtype):
        nonlocal data
        while len(data) % 4:
            data += b"\0"
        off = len(data)
        b = np.ascontiguousarray(np.asarray(arr).astype("<" + dtype)).tobytes()
        data += b
        return off, len(b)

    recs = bytearray()
    for i, L in enumerate(layers):
        tin, tout = tensors[i], tensors[i + 1]
        ty = L["type"]
        kh = kw = stride = pad = wb = ob = 0
        flags = 0
        res_src = -1
        offs = [(0, 0)] * 5
        if ty in (CONV, DENSE):
            if ty == CONV:
                kh, kw, stride, pad = L["kh"], L["kw"], L["stride"], L["pad"]
                wshape = (tout["c"], kh, kw, tin["c"])
            else:
                wshape = (tout["c"], tin["h"], tin["w"], tin["c"])
            wb, ob = L["w_bits"], L["out_bits"]
            w = np.asarray(L["weights"])
            if w.shape != wshape:
                raise FormatError(f"layer {i}: weights shape {w.shape}, expected {wshape}")
            lo, hi = (-1, 1) if wb == 1 else (-(1 << (wb - 1)), (1 << (wb - 1)) - 1)
            if w.min() < lo or w.max() > hi or (wb == 1 and np.any(w == 0)):
                raise FormatError(f"layer {i}: weights outside the range of {wb} bits")
            offs[0] = blob(w, "i1")
            if ob:
                nt = (1 << ob) - 1
                thr = np.asarray(L["thresholds"], dtype=np.int64)
                if thr.shape != (tout["c"], nt) or np.any(np.diff(thr, axis=1) < 0):
                    raise FormatError(f"layer {i}: thresholds must be ({tout['c']}, {nt}), sorted")
                if thr.min() < -2 ** 31 or thr.max() > 2 ** 31 - 1:
                    raise FormatError(f"layer {i}: threshold outside int32")
                offs[1] = blob(thr, "i4")
                sg = np.asarray(L["signs"])
                if sg.shape != (tout["c"],) or not np.all(np.abs(sg) == 1):
                    raise FormatError(f"layer {i}: signs must be +1/-1 per channel")
                offs[2] = blob(sg, "i1")
                if L.get("bipolar"):
                    flags |= FLAG_BIPOLAR
            if L.get("res_src", -1) >= 0:
                res_src = L["res_src"]
                m = np.asarray(L["mult"], dtype=np.int64)
                if m.shape != (tout["c"],) or m.min() < -32768 or m.max() > 32767:
                    raise FormatError(f"layer {i}: residual multipliers must be int16 per channel")
                offs[3] = blob(m, "i4")
                flags |= FLAG_RESIDUAL
            if ob == 0 and L.get("bias") is not None:
                offs[4] = blob(np.asarray(L["bias"], dtype=np.int64), "i4")
                flags |= FLAG_BIAS
        elif ty == MAXPOOL:
            kh = kw = L["kh"]
            stride = L["stride"]
        recs += struct.pack("<BBBBBBBBHHHHHHhH", ty, kh, kw, stride, pad, wb, ob, flags,
                            tin["h"], tin["w"], tin["c"], tout["h"], tout["w"], tout["c"], res_src, 0)
        for off, size in offs:
            recs += struct.pack("<II", off, size)
    while len(data) % 4:
        data += b"\0"

    meta_off = HEADER_SIZE
    layers_off = meta_off + len(meta)
    data_off = layers_off + len(recs)
    size = data_off + len(data)
    hdr = struct.pack("<4sHHIIIIIIIIII", b"STNN", 1, 0, HEADER_SIZE, size, 0, meta_off, len(meta),
                      layers_off, len(recs), data_off, len(data), len(layers))
    buf = bytearray(hdr + meta + recs + data)
    struct.pack_into("<I", buf, 16, zlib.crc32(bytes(buf)) & 0xFFFFFFFF)
    if path is not None:
        with open(path, "wb") as f:
            f.write(buf)
    return bytes(buf)


def read_stm(src):
    """Parse a .stm file (path or bytes) back into a model dict with numpy blobs.

    Checks magic, version, sizes and CRC; the exhaustive validation is the C parser's job.
    """
    buf = src if isinstance(src, (bytes, bytearray)) else open(src, "rb").read()
    if len(buf) < HEADER_SIZE:
        raise FormatError("truncated header")
    (magic, vmaj, _vmin, hsize, fsize, crc, meta_off, meta_size, layers_off, layers_size, data_off,
     data_size, n_layers) = struct.unpack_from("<4sHHIIIIIIIIII", buf, 0)
    if magic != b"STNN" or vmaj != 1 or hsize != HEADER_SIZE or fsize != len(buf):
        raise FormatError("bad magic, version, header size or file size")
    z = bytearray(buf)
    z[16:20] = b"\0\0\0\0"
    if zlib.crc32(bytes(z)) & 0xFFFFFFFF != crc:
        raise FormatError("CRC-32 mismatch")

    def cstr(b):
        return b.split(b"\0", 1)[0].decode("ascii")

    name = cstr(buf[meta_off:meta_off + 32])
    dataset = cstr(buf[meta_off + 32:meta_off + 48])
    in_h, in_w, in_c, in_bits, in_flags, ncls, num, den, _ = struct.unpack_from("<HHHBBHHHH", buf,
                                                                               meta_off + 48)
    cls = [cstr(buf[meta_off + 64 + CLASS_NAME_LEN * k:meta_off + 64 + CLASS_NAME_LEN * (k + 1)])
           for k in range(ncls)]
    model = dict(name=name, dataset=dataset, in_h=in_h, in_w=in_w, in_c=in_c, in_bits=in_bits,
                 in_bipolar=bool(in_flags & 1), class_names=cls, in_scale=(num, den), layers=[])
    for i in range(n_layers):
        o = layers_off + LAYER_SIZE * i
        (ty, kh, kw, stride, pad, wb, ob, flags, ih, iw, ic, oh, ow, oc, res_src,
         _r) = struct.unpack_from("<BBBBBBBBHHHHHHhH", buf, o)
        offs = struct.unpack_from("<10I", buf, o + 24)
        L = dict(type=ty, kh=kh, kw=kw, stride=stride, pad=pad, w_bits=wb, out_bits=ob, out_c=oc,
                 bipolar=bool(flags & FLAG_BIPOLAR), res_src=res_src if flags & FLAG_RESIDUAL else -1,
                 in_shape=(ih, iw, ic), out_shape=(oh, ow, oc))

        def get(k, dtype, shape):
            off, size = offs[2 * k], offs[2 * k + 1]
            a = np.frombuffer(buf, dtype="<" + dtype, count=size // np.dtype(dtype).itemsize,
                              offset=data_off + off)
            return a.reshape(shape).astype(np.int64)

        if ty in (CONV, DENSE):
            kk = (kh, kw) if ty == CONV else (ih, iw)
            L["weights"] = get(0, "i1", (oc, kk[0], kk[1], ic))
            if ob:
                L["thresholds"] = get(1, "i4", (oc, (1 << ob) - 1))
                L["signs"] = get(2, "i1", (oc,))
            if flags & FLAG_RESIDUAL:
                L["mult"] = get(3, "i4", (oc,))
            if flags & FLAG_BIAS:
                L["bias"] = get(4, "i4", (oc,))
        model["layers"].append(L)
    infer_shapes(model)
    return model


def write_sti(images, labels, path=None):
    """Write a sample file: images uint8 (N, H, W, C) NHWC codes, labels (N,) in 0..255."""
    images = np.ascontiguousarray(images, dtype=np.uint8)
    labels = np.asarray(labels, dtype=np.uint8)
    n, h, w, c = images.shape
    if not 1 <= n <= 65535 or labels.shape != (n,):
        raise FormatError(f"sample count {n} outside 1..65535 or labels do not match")
    rec = np.concatenate([images.reshape(n, h * w * c), labels.reshape(n, 1)], axis=1)
    payload = rec.tobytes()
    buf = struct.pack("<4sHHHHI", b"STIN", h, w, c, n, zlib.crc32(payload) & 0xFFFFFFFF) + payload
    if path is not None:
        with open(path, "wb") as f:
            f.write(buf)
    return buf


def read_sti(src):
    """Read a sample file; returns (images uint8 (N, H, W, C), labels uint8 (N,))."""
    buf = src if isinstance(src, (bytes, bytearray)) else open(src, "rb").read()
    if len(buf) < 16:
        raise FormatError("truncated sample header")
    magic, h, w, c, n, crc = struct.unpack_from("<4sHHHHI", buf, 0)
    if magic != b"STIN" or len(buf) != 16 + n * (h * w * c + 1):
        raise FormatError("bad sample magic or size")
    if zlib.crc32(buf[16:]) & 0xFFFFFFFF != crc:
        raise FormatError("sample CRC-32 mismatch")
    rec = np.frombuffer(buf, dtype=np.uint8, offset=16).reshape(n, h * w * c + 1)
    return rec[:, :-1].reshape(n, h, w, c).copy(), rec[:, -1].copy()


def packed_bytes(model):
    """Bytes the network's parameters take in RAM in the packed layouts of numerics.md §7.4-7.5."""
    total = 0
    for i, L in enumerate(model["layers"]):
        if L["type"] not in (CONV, DENSE):
            continue
        tin = model["tensors"][i]
        kh, kw = (L["kh"], L["kw"]) if L["type"] == CONV else (tin["h"], tin["w"])
        if i == 0:  # BYTES input layout: taps packed densely
            kwords = -(-kh * kw * tin["c"] // 32)
        else:
            kwords = kh * kw * -(-tin["c"] // 32)
        total += 4 * L["out_c"] * L["w_bits"] * kwords
        p = 1 + (1 << L["out_bits"]) - 1 if L["out_bits"] else 2
        total += 4 * L["out_c"] * p
    return total


def macs(model):
    """Multiply-accumulates per inference, counted nominally (padding taps included): Ho*Wo*O*KH*KW*C."""
    total = 0
    for i, L in enumerate(model["layers"]):
        if L["type"] not in (CONV, DENSE):
            continue
        tin, tout = model["tensors"][i], model["tensors"][i + 1]
        kk = L["kh"] * L["kw"] if L["type"] == CONV else tin["h"] * tin["w"]
        total += tout["h"] * tout["w"] * tout["c"] * kk * tin["c"]
    return total
