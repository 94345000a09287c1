"""int8 graphs for an imported RAVE package: static QDQ of its weight-bound convolutions.

The scheme is the default model's (lpexport.quantize: per-channel symmetric int8 weights, int32
bias, asymmetric uint8 activations in and out of each quantised Conv, which ONNX Runtime fuses into
QLinearConv; states stay float). Which Convs: every Conv outside the PQMF whose weights outnumber
WEIGHT_BOUND per output frame of a hop; the others are compute-bound at one hop per call and gain
nothing. Activation ranges: the p99.99 percentile of what each Conv reads and writes on the
calibration riff (lpexport.riff, seed 7), always including 0. The C# `model import` command then
measures the int8 graphs against the fp32 ones with ONNX Runtime and drops them below 20 dB SNR.
"""
import json
import os

import numpy as np
import onnx
import torch

from ..quantize import quantise_graph, quantise_layer
from .blocks import Conv, ConvT, PQMF
from .graphs import DecoderGraph, EncoderGraph, RaveStream

WEIGHT_BOUND = 512
PERCENTILE = 99.99
SUBSAMPLE = 200_000


class _WeightOnly:
    def __init__(self, weight):
        self.weight, self.bias = weight, None


class _Observer:
    def __init__(self):
        self.values, self.frames = {}, {}
        self.gen = np.random.default_rng(0)

    def __call__(self, module, x, y):
        for kind, t in (("input", x), ("output", y)):
            flat = t.detach().reshape(-1).numpy()
            if flat.size > 4096:
                flat = self.gen.choice(flat, 4096, replace=False)
            self.values.setdefault((id(module), kind), []).append(flat.copy())
        self.frames[id(module)] = int(y.shape[-1])

    def range(self, module, kind):
        v = np.concatenate(self.values[(id(module), kind)])
        lo, hi = np.percentile(v, [100 - PERCENTILE, PERCENTILE])
        return min(0.0, float(lo)), max(0.0, float(hi))


def quantise_package(work, model, signal):
    hop = model.hop
    enc, dec = EncoderGraph(model).eval(), DecoderGraph(model).eval()
    convs = {}
    pqmf_convs = {id(model.pqmf.analysis), id(model.pqmf.synthesis)}
    if model.excitation is not None:  # the same filter bank, and an average of powers: both need float
        pqmf_convs |= {id(model.excitation.analysis), id(model.excitation.envelope)}
    for graph in (enc, dec):
        for name, m in graph.named_modules():
            if isinstance(m, (Conv, ConvT)) and id(m) not in pqmf_convs:
                convs[name + ".weight"] = m
    obs = _Observer()
    for m in convs.values():
        m.observe = obs
    try:
        x = torch.from_numpy(signal).view(1, 1, -1)
        with torch.no_grad():
            states, zs = None, []
            for i in range(0, x.shape[-1], hop):
                o = enc(x[..., i:i + hop], *(states or []))
                zs.append(o[0])
                states = list(o[1:])
            s_dec = None
            for i, z in enumerate(zs):
                audio = x[..., i * hop:(i + 1) * hop]
                if s_dec is None:
                    s = RaveStream()
                    pad = torch.zeros(1, model.full_latent_size - model.latent_size, 1) if dec.pads else None
                    o = (model.decode(z, pad, s, audio), *s.out)
                else:
                    noise = ([audio] if dec.audio else []) + \
                        ([torch.zeros(1, model.full_latent_size - model.latent_size, 1)] if dec.pads else []) + \
                        [torch.full(sh, 0.5) for sh in model.ctx.noise_shapes]
                    o = dec(z, *noise, *s_dec)
                s_dec = list(o[1:])
    finally:
        for m in convs.values():
            m.observe = None

    manifest_path = os.path.join(work, "model.json")
    with open(manifest_path) as f:
        manifest = json.load(f)
    quantised, kept = [], {}
    for role in ("encoder", "decoder"):
        proto = onnx.load(os.path.join(work, f"{role}.onnx"))
        params = {}
        for node in proto.graph.node:
            if node.op_type != "Conv" or len(node.input) < 2:
                continue
            weight = node.input[1]
            m = convs.get(weight)
            if m is None or (id(m), "input") not in obs.values:
                continue
            layer = weight[:-len(".weight")]
            per_frame = m.weight.numel() / max(1, obs.frames[id(m)])
            if per_frame < WEIGHT_BOUND:
                kept[layer] = f"compute-bound: {m.weight.numel()} weights over {obs.frames[id(m)]} frames per hop"
                continue
            # A transposed conv adds its bias after the overlap-add, outside the ONNX Conv.
            weights = _WeightOnly(m.weight) if isinstance(m, ConvT) else m
            params[layer] = quantise_layer(layer, weights, obs.range(m, "input"), obs.range(m, "output"))
            quantised.append(layer)
        meta = {p.key: p.value for p in proto.metadata_props}
        out = quantise_graph(proto, params, meta)
        onnx.checker.check_model(out)
        onnx.save(out, os.path.join(work, f"{role}.int8.onnx"))
    manifest["quantisation"] = f"fp32 + int8 (static QDQ, {len(quantised)} convolutions int8)"
    manifest["int8"] = {
        "encoder": "encoder.int8.onnx", "decoder": "decoder.int8.onnx",
        "scheme": "static QDQ, opset 17: per-channel symmetric int8 weights, int32 bias, asymmetric uint8 "
                  "activations in and out of each quantised Conv; states and everything else float",
        "quantised": quantised, "kept_fp32": {"pqmf": "PQMF filter bank: needs more than 8 bits", **kept},
        "activation_ranges": f"p{PERCENTILE} on the calibration riff (lpexport.riff, seed 7)",
        "tool": "lpexport.rave.int8",
    }
    tmp = manifest_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    os.replace(tmp, manifest_path)
