"""int8 static QDQ quantisation of a model package, written with python3-onnx alone.

    python3 -m lpexport.quantize --package DIR [--calibration /work/lp-train/data] [--method auto]

Writes `encoder.int8.onnx` and `decoder.int8.onnx` next to the fp32 graphs, with the same inputs,
outputs and state tensors, and records what it did in model.json ("quantisation", "int8").

Scheme, chosen for what ONNX Runtime's CPU provider fuses into QLinearConv: each quantised Conv
reads DequantizeLinear(QuantizeLinear(x)) with a calibrated uint8 scale/zero point (asymmetric: the
post-LeakyReLU activations are mostly positive, and a probe found symmetric int8 activations fused
less), a per-output-channel symmetric int8 weight (axis 0), an int32 bias with scale
input_scale * weight_scale (the fusion wants the bias as a DequantizeLinear of int32 too), and its
output goes straight into QuantizeLinear/DequantizeLinear (uint8), which closes the fused unit.
States stay float: they are graph inputs and outputs, and each state is sliced from the float
Concat before that Concat is quantised, so only the Conv sees the rounded copy.

Which Convs:
- never ConvTranspose (not fused by the CPU provider; a probe found quantised transposed weights
  slower than float; the exporter now writes upsamplers as polyphase Convs, which are eligible)
  nor the PQMF filters (band split and reconstruction need more than 8 bits);
- by default only weight-bound Convs (--select weight-bound): many weights per frame of a hop.
  The others gain nothing from int8 at one hop per call, and the quantise and layout nodes around
  them cost more than they save;
- never a Conv whose quantisation alone pulls the model's output below --threshold-db against fp32;
  if the rest together still fall short, the most sensitive of them follow until it passes.

The SNR figures come from fake quantisation in torch (calibrate.TapConv). It runs the graph's
quantise, round and saturate steps on the same int8/int32 values that go into the graph. ONNX
Runtime's integer kernels differ from it only by float rounding in the requantisation.
"""
import argparse
import datetime
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper

from .calibrate import Comparer, Observer, TapConv, snr_db, split_audio
from .rebuild import PackageError, build_model, check_reference, load_graph
from .streaming import DecoderGraph, EncoderGraph

OPSET = 17
METHODS = ("minmax", "p99.999", "p99.99", "p99.9")
PACKAGE_LIMIT_BYTES = 8_000_000
DEFAULT_DATA = "/work/lp-train/data"


@dataclass
class LayerQuant:
    """The exact numbers written into the graph for one Conv, and their dequantised torch twins."""
    name: str
    x_scale: float
    x_zero_point: int
    y_scale: float
    y_zero_point: int
    weight_q: np.ndarray      # int8 [out, in/groups, k]
    weight_scale: np.ndarray  # float32 [out]
    bias_q: np.ndarray        # int32 [out]
    bias_scale: np.ndarray    # float32 [out]

    @property
    def weight_dq(self):
        return torch.from_numpy(self.weight_q.astype(np.float32) * self.weight_scale[:, None, None])

    @property
    def bias_dq(self):
        return torch.from_numpy(self.bias_q.astype(np.float32) * self.bias_scale)


def activation_qparams(lo, hi):
    """uint8 scale and zero point for [lo, hi] (lo <= 0 <= hi), float32 as the graph stores it."""
    scale = np.float32((hi - lo) / 255.0) if hi > lo else np.float32(1.0)
    zero_point = int(np.clip(np.round(-lo / float(scale)), 0, 255))
    return float(scale), zero_point


def quantise_layer(name, conv, x_range, y_range):
    w = conv.weight.detach().numpy().astype(np.float32)
    # Symmetric [-127, 127]: -128 would make the range lopsided for nothing.
    absmax = np.abs(w).reshape(w.shape[0], -1).max(axis=1)
    w_scale = np.where(absmax > 0, absmax / 127.0, 1.0).astype(np.float32)
    w_q = np.clip(np.round(w / w_scale[:, None, None]), -127, 127).astype(np.int8)
    x_scale, x_zp = activation_qparams(*x_range)
    y_scale, y_zp = activation_qparams(*y_range)
    b = conv.bias.detach().numpy().astype(np.float64) if conv.bias is not None else np.zeros(w.shape[0])
    # The integer kernel adds the int32 bias to the int32 accumulator of (x - zp) * w, whose unit
    # is x_scale * w_scale; computed in float32 as ONNX Runtime does.
    b_scale = (np.float32(x_scale) * w_scale).astype(np.float32)
    b_q = np.clip(np.round(b / b_scale), -2 ** 31, 2 ** 31 - 1).astype(np.int32)
    return LayerQuant(name, x_scale, x_zp, y_scale, y_zp, w_q, w_scale, b_q, b_scale)


def conv_layers(proto):
    """[(layer name, op_type)] of a graph, in node order, from the weight initializer names."""
    return [(n.input[1][:-len(".weight")], n.op_type) for n in proto.graph.node
            if n.op_type in ("Conv", "ConvTranspose")]


def eligible(name, op_type):
    return op_type == "Conv" and not name.startswith("pqmf.")


def policy_reason(name, op_type):
    if op_type == "ConvTranspose":
        return "ConvTranspose: not fused into an int8 kernel by ONNX Runtime's CPU provider"
    return "PQMF filter bank: needs more than 8 bits"


COMPUTE_BOUND_NOTE = ("compute-bound Convs: at one hop per call the int8 kernel, with the quantise and NHWC layout "
                      "nodes around it, is no faster than the float Conv")


class ShapeRecorder:
    """Output frames per hop of each tapped layer, from one hop from reset."""

    def __init__(self):
        self.frames = {}

    def see(self, name, x, y):
        self.frames[name] = int(y.shape[-1])


class Model:
    """The rebuilt model with every eligible Conv behind a TapConv, and whole-clip runs from reset."""

    def __init__(self, model, names, latent_size):
        self.model, self.taps = model, {}
        for name in names:
            parent, leaf = name.rsplit(".", 1)
            owner = model.get_submodule(parent)
            tap = TapConv(getattr(owner, leaf), name, latent_size if name == "encoder.conv_out" else None)
            setattr(owner, leaf, tap)
            self.taps[name] = tap
        self.encoder, self.decoder = EncoderGraph(model).eval(), DecoderGraph(model).eval()

    def configure(self, params=None, observer=None, compare=None):
        for name, tap in self.taps.items():
            tap.quant = (params or {}).get(name)
            tap.observer, tap.compare = observer, compare

    def run(self, audio, latent=None):
        """(latent, output) for a clip; a given latent skips the encoder."""
        with torch.no_grad():
            if latent is None:
                latent = self.encoder(torch.from_numpy(audio).view(1, 1, -1))[0]
            return latent, self.decoder(latent)[0].view(-1).numpy()


def quantise_graph(proto, params, metadata):
    """A copy of `proto` with QDQ around every Conv in `params`; everything else untouched."""
    graph = proto.graph
    used = {}
    for n in graph.node:
        for i in n.input:
            used[i] = used.get(i, 0) + 1
    inits, nodes, dropped = [], [], set()

    def const(name, array):
        inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    for node in graph.node:
        layer = node.input[1][:-len(".weight")] if node.op_type == "Conv" else None
        q = params.get(layer)
        if q is None:
            nodes.append(node)
            continue
        x, y = node.input[0], node.output[0]
        xs = const(f"{layer}.input_scale", np.float32(q.x_scale))
        xz = const(f"{layer}.input_zero_point", np.uint8(q.x_zero_point))
        ys = const(f"{layer}.output_scale", np.float32(q.y_scale))
        yz = const(f"{layer}.output_zero_point", np.uint8(q.y_zero_point))
        wq = const(f"{layer}.weight_quantized", q.weight_q)
        ws = const(f"{layer}.weight_scale", q.weight_scale)
        wz = const(f"{layer}.weight_zero_point", np.zeros(len(q.weight_scale), np.int8))
        bq = const(f"{layer}.bias_quantized", q.bias_q)
        bs = const(f"{layer}.bias_scale", q.bias_scale)
        bz = const(f"{layer}.bias_zero_point", np.zeros(len(q.bias_scale), np.int32))
        prefix = node.name or f"/{layer.replace('.', '/')}/Conv"
        nodes += [
            helper.make_node("QuantizeLinear", [x, xs, xz], [f"{layer}.input_quantized"], name=f"{prefix}/input/QuantizeLinear"),
            helper.make_node("DequantizeLinear", [f"{layer}.input_quantized", xs, xz], [f"{layer}.input_dequantized"],
                             name=f"{prefix}/input/DequantizeLinear"),
            helper.make_node("DequantizeLinear", [wq, ws, wz], [f"{layer}.weight_dequantized"], axis=0,
                             name=f"{prefix}/weight/DequantizeLinear"),
            helper.make_node("DequantizeLinear", [bq, bs, bz], [f"{layer}.bias_dequantized"], axis=0,
                             name=f"{prefix}/bias/DequantizeLinear"),
        ]
        conv = onnx.NodeProto()
        conv.CopyFrom(node)
        del conv.input[:]
        conv.input.extend([f"{layer}.input_dequantized", f"{layer}.weight_dequantized", f"{layer}.bias_dequantized"])
        conv.output[0] = f"{layer}.output_float"
        nodes.append(conv)
        # The dequantised output keeps the Conv's original name, so its consumers stay as exported.
        nodes += [
            helper.make_node("QuantizeLinear", [f"{layer}.output_float", ys, yz], [f"{layer}.output_quantized"],
                             name=f"{prefix}/output/QuantizeLinear"),
            helper.make_node("DequantizeLinear", [f"{layer}.output_quantized", ys, yz], [y],
                             name=f"{prefix}/output/DequantizeLinear"),
        ]
        for old in node.input[1:]:
            if used[old] == 1:
                dropped.add(old)

    out = onnx.ModelProto()
    out.CopyFrom(proto)
    g = out.graph
    del g.node[:]
    g.node.extend(nodes)
    kept = [i for i in g.initializer if i.name not in dropped]
    del g.initializer[:]
    g.initializer.extend(kept + inits)
    del out.metadata_props[:]
    for key, value in metadata.items():
        entry = out.metadata_props.add()
        entry.key, entry.value = key, str(value)
    del out.opset_import[:]
    out.opset_import.extend([helper.make_opsetid("", OPSET)])
    return out


def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _io_signature(proto):
    inits = {i.name for i in proto.graph.initializer}
    def sig(values):
        return sorted((v.name, v.type.tensor_type.elem_type,
                       tuple(d.dim_value for d in v.type.tensor_type.shape.dim)) for v in values if v.name not in inits)
    return sig(proto.graph.input), sig(proto.graph.output)


def _write_json_atomic(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _fmt(db):
    return "inf" if db == float("inf") else f"{db:.1f}"


class Selection:
    """Calibrates the candidate Convs, picks the range method, and drops the layers that cost SNR."""

    def __init__(self, m, names, calib_clips, conditions, threshold_db):
        self.m, self.names, self.threshold = m, list(names), threshold_db
        self.observer = Observer()
        m.configure(observer=self.observer)
        for clip in calib_clips:
            m.run(clip)
        m.configure()
        self.conditions = conditions
        self.reference = {k: m.run(clip) for k, clip in conditions.items()}

    def params_for(self, names, method):
        return {n: quantise_layer(n, self.m.taps[n].conv, self.observer.range(n, "input", method),
                                  self.observer.range(n, "output", method)) for n in names}

    def measure(self, params):
        """{condition: output SNR in dB, latent_heldout: latent SNR} with `params` int8, the rest float."""
        m = self.m
        m.configure(params)
        encoder_touched = any(n.startswith("encoder.") for n in params)
        out = {}
        for k, clip in self.conditions.items():
            z, y = m.run(clip, None if encoder_touched else self.reference[k][0])
            out[k] = snr_db(self.reference[k][1], y)
            if k == "heldout":
                out["latent_heldout"] = snr_db(self.reference[k][0].numpy(), z.numpy())
        m.configure()
        return out

    @staticmethod
    def worst(result):
        return min(v for k, v in result.items() if not k.startswith("latent"))

    def run(self, methods):
        self.method_snr = {}
        for method in methods:
            self.method_snr[method] = self.worst(self.measure(self.params_for(self.names, method)))
            print(f"range {method:8s}: {len(self.names)} candidate convs int8 -> worst {_fmt(self.method_snr[method])} dB",
                  flush=True)
        self.method = max(self.method_snr, key=self.method_snr.get)
        candidates = self.params_for(self.names, self.method)

        self.alone = {n: self.worst(self.measure({n: candidates[n]})) for n in self.names}
        comparer = Comparer()
        self.m.configure(candidates, compare=comparer)
        self.m.run(self.conditions["heldout"])
        self.m.configure()
        self.local = comparer.snr()

        self.failed = [n for n in self.names if self.alone[n] < self.threshold]
        selected = [n for n in self.names if n not in self.failed]
        self.added = []
        result = self.measure({n: candidates[n] for n in selected})
        while self.worst(result) < self.threshold and selected:
            weakest = min(selected, key=lambda n: self.alone[n])
            selected.remove(weakest)
            self.added.append(weakest)
            result = self.measure({n: candidates[n] for n in selected})
        self.params = {n: candidates[n] for n in selected}
        self.snr = {k: round(v, 2) for k, v in result.items()}
        return self.params


def write_graphs(pkg, manifest, protos, layers, params):
    """Writes the int8 pair atomically next to the fp32 pair; ({role: file name}, {role: fp32 sha256})."""
    written, sha = {}, {}
    for role, proto in protos.items():
        sha[role] = _sha256(os.path.join(pkg, manifest[role]["file"]))
        meta = {p.key: p.value for p in proto.metadata_props}
        # Lets a loader tell an int8 graph left over from an earlier export from a current one.
        meta.update({"precision": "int8", "quantised_from_sha256": sha[role]})
        mine = {name for name, _ in layers[role]}
        qproto = quantise_graph(proto, {n: q for n, q in params.items() if n in mine}, meta)
        onnx.checker.check_model(qproto, full_check=True)
        if _io_signature(qproto) != _io_signature(proto):
            raise RuntimeError(f"{role}: quantisation changed the graph's inputs or outputs")
        stem, ext = os.path.splitext(manifest[role]["file"])
        path = os.path.join(pkg, f"{stem}.int8{ext}")
        onnx.save(qproto, path + ".tmp")
        os.replace(path + ".tmp", path)
        written[role] = os.path.basename(path)
    return written, sha


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--package", required=True, help="model package folder (fp32 graphs + model.json)")
    ap.add_argument("--calibration", help=f"data folder with heldout.npy + manifest.json, or WAV files (default "
                                          f"{DEFAULT_DATA} when it exists, else the riff alone); 'none' for the riff alone")
    ap.add_argument("--method", default="auto", choices=("auto",) + METHODS,
                    help="activation range: min/max or a two-sided percentile; auto picks the best SNR")
    ap.add_argument("--threshold-db", type=float, default=20.0, help="minimum int8-vs-fp32 output SNR (default 20)")
    ap.add_argument("--select", default="weight-bound", choices=("weight-bound", "all"),
                    help="candidate Convs: those with at least --min-weights-per-frame weights per output frame "
                         "of a hop (default), or every Conv outside the PQMF")
    ap.add_argument("--min-weights-per-frame", type=float, default=1000.0)
    ap.add_argument("--seconds", type=float, default=3.0, help="excerpt length per held-out phrase, each split (default 3)")
    ap.add_argument("--report", help="also write the per-layer report as JSON here")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    started = time.time()
    pkg = args.package

    try:
        model, manifest = build_model(pkg)
        check_reference(model, pkg, manifest)
        protos = {role: load_graph(pkg, manifest, role) for role in ("encoder", "decoder")}
    except PackageError as e:
        print(f"quantize: {e}", file=sys.stderr)
        return 2
    layers = {role: conv_layers(p) for role, p in protos.items()}
    names = [n for role in layers for n, op in layers[role] if eligible(n, op)]
    kept = {n: policy_reason(n, op) for role in layers for n, op in layers[role] if not eligible(n, op)}
    m = Model(model, names, manifest["latent_size"])

    if args.select == "weight-bound":
        shapes = ShapeRecorder()
        m.configure(observer=shapes)
        m.run(np.zeros(manifest["hop"], np.float32))
        m.configure()
        # One hop per call leaves most layers a handful of frames. A Conv with many weights per
        # frame is bound by reading its weights, and int8 weights are a quarter of the bytes; a
        # Conv with few weights over many frames gains little from the int8 kernel, and the
        # Quantize/Dequantize pair and the NHWC Transposes ONNX Runtime wraps around it then cost
        # more than it saves (README: measured per variant).
        for n in names:
            w = m.taps[n].conv.weight.numel()
            if w / shapes.frames[n] < args.min_weights_per_frame:
                kept[n] = f"compute-bound: {w} weights over {shapes.frames[n]} frames per hop"
        names = [n for n in names if n not in kept]

    data_dir = args.calibration
    if data_dir is None:
        data_dir = DEFAULT_DATA if os.path.isdir(DEFAULT_DATA) else "none"
    try:
        calib, evaluate, riff_calib, riff_eval, source = split_audio(None if data_dir == "none" else data_dir,
                                                                     manifest["hop"], args.seconds)
    except (OSError, ValueError) as e:
        print(f"quantize: calibration audio: {e}", file=sys.stderr)
        return 2
    if calib is None:
        print("quantize: no held-out data; calibrating and measuring on the riff alone", file=sys.stderr)
        calib_clips, music = [riff_calib], riff_eval
    else:
        calib_clips, music = [calib, riff_calib], evaluate
    # The SNR that decides is the worst of three conditions: held-out music, the same 18 dB
    # quieter (a guitar reaches a pedal well below full scale, and ranges fitted to loud audio
    # give quiet audio relatively coarser steps), and the plucked riff.
    conditions = {"heldout": music,
                  "heldout_minus_18dB": (music * np.float32(10 ** (-18 / 20))).astype(np.float32),
                  "riff": riff_eval}

    sel = Selection(m, names, calib_clips, conditions, args.threshold_db)
    params = sel.run(METHODS if args.method == "auto" else (args.method,))
    if not params:
        print("quantize: no convolution can be int8 within the SNR threshold; nothing written", file=sys.stderr)
        return 1
    try:
        written, sha = write_graphs(pkg, manifest, protos, layers, params)
    except (RuntimeError, onnx.checker.ValidationError) as e:
        print(f"quantize: {e}", file=sys.stderr)
        return 1

    kept.update({n: f"alone it brings the output to {_fmt(sel.alone[n])} dB SNR (< {args.threshold_db:g})"
                 for n in sel.failed})
    kept.update({n: f"the most sensitive left ({_fmt(sel.alone[n])} dB alone); the others needed it fp32 to reach "
                    f"{args.threshold_db:g} dB" for n in sel.added})
    method_snr = {k: round(v, 2) for k, v in sel.method_snr.items()}
    seconds = len(music) / manifest["sample_rate"]
    details = {
        "encoder": written["encoder"], "decoder": written["decoder"],
        "scheme": "static QDQ, opset 17: per-channel symmetric int8 weights (axis 0), int32 bias "
                  "(scale = input scale x weight scale), asymmetric uint8 activations in and out of each "
                  "quantised Conv; states and everything else float",
        "quantised": list(params),
        "note": COMPUTE_BOUND_NOTE if args.select == "weight-bound" else "",
        "kept_fp32": kept,
        "activation_ranges": sel.method if len(method_snr) == 1 else
        f"{sel.method} (worst-case dB by method: {', '.join(f'{k} {v}' for k, v in method_snr.items())})",
        "calibration": (f"{source}: a {args.seconds:g} s excerpt at 1/4 of each phrase, " if calib is not None else "")
                       + "and the first 6 s of the Karplus-Strong riff (lpexport.riff, seed 7)",
        "evaluation": (f"held-out: excerpts at 3/4 of each phrase ({seconds:.0f} s, disjoint from calibration)"
                       if calib is not None else f"no held-out data: 'heldout' is the riff's last {seconds:.0f} s")
                      + "; the same 18 dB quieter; the riff's last 6 s. Torch fake quantisation, whole clip from "
                        "reset; the threshold applies to the worst of the three",
        "snr_db": sel.snr,
        "threshold_db": args.threshold_db,
        "quantised_from_sha256": sha,
        "tool": "lpexport.quantize",
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }
    manifest_path = os.path.join(pkg, "model.json")
    with open(manifest_path) as f:
        package = json.load(f)
    total = len(kept) + len(params)
    # ManifestReader shows "quantisation" verbatim on one line (model info), so it stays a short
    # string; the details go under "int8", which the reader ignores.
    package["quantisation"] = (f"fp32 + int8 ({written['encoder']}, {written['decoder']}: static QDQ, "
                               f"{len(params)} of {total} convolutions int8)")
    package["int8"] = details
    _write_json_atomic(manifest_path, package)

    size = sum(os.path.getsize(os.path.join(pkg, n)) for n in os.listdir(pkg) if os.path.isfile(os.path.join(pkg, n)))
    print(f"{'layer':32s} {'alone dB':>9s} {'layer dB':>9s}  int8")
    for n in sel.names:
        print(f"{n:32s} {_fmt(sel.alone[n]):>9s} {_fmt(sel.local[n]):>9s}  {'yes' if n in params else 'no (fp32)'}")
    for n, why in kept.items():
        if n not in sel.names:
            print(f"{n:32s} {'-':>9s} {'-':>9s}  no (fp32): {why.split(':')[0]}")
    print("(alone: the worst output SNR with only this layer int8; layer: its own output SNR on float input)")
    snr = sel.snr
    print(f"activation ranges {sel.method}; int8 vs fp32 output SNR: held-out {snr['heldout']} dB, held-out at -18 dB "
          f"{snr['heldout_minus_18dB']} dB, riff {snr['riff']} dB (latent {snr['latent_heldout']} dB)")
    print(f"wrote {written['encoder']}, {written['decoder']} and model.json in {pkg}; package {size / 1e6:.2f} MB; "
          f"{time.time() - started:.0f} s")
    if args.report:
        _write_json_atomic(args.report, {**details, "per_layer_alone_snr_db": sel.alone,
                                         "per_layer_output_snr_db": sel.local})
    if size > PACKAGE_LIMIT_BYTES:
        print(f"quantize: package is {size / 1e6:.2f} MB, over the {PACKAGE_LIMIT_BYTES / 1e6:.0f} MB limit", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
