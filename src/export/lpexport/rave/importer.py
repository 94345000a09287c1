"""Convert a RAVE TorchScript export (`rave export --streaming`) into a pedal model package.

    python3 -m lpexport.rave.importer MODEL.ts --out DIR [--name NAME] [--no-int8]

Steps, each reported on stdout as `progress: ...` (the C# `model import` command shows them):
1. read the file: a TorchScript zip holding a RAVE `VariationalScriptedRAVE` with cached
   (streaming) convolutions; weights and every hyper-parameter come from the file itself;
2. build the explicit-state graphs (blocks.py, graphs.py);
3. verify against the TorchScript module run in its own streaming mode on the same input, hop by
   hop from its saved state: the encoder's deterministic latent (posterior mean, PCA, crop) and the
   whole decoder, its noise draws included (RAVE's own RNG calls are replayed with the same seeds
   and handed to our graph as its noise inputs). Relative error = max |ours - RAVE| / max |RAVE|
   must be <= 1e-4; both go into model.json;
4. export encoder.onnx/decoder.onnx (opset 17), initial states, reference vectors;
5. int8 (unless --no-int8): static QDQ of the weight-bound convolutions (lpexport.rave.int8);
6. move the finished folder into place. Nothing is written at DIR before every step passed.

Errors: one line `error: ...` on stderr naming the file and the problem, exit code 2 for a file we
cannot convert (not TorchScript, not RAVE, truncated, an unsupported layer or configuration) and 1
for a failure while writing.
"""
import argparse
import base64
import datetime
import json
import os
import shutil
import sys
import tempfile
import zipfile

import numpy as np
import onnx
import torch

from ..quantize import _sha256
from ..riff import make_riff
from .blocks import Unsupported
from .delay import model_delay
from .graphs import DecoderGraph, EncoderGraph, RaveModel, RaveStream, check_root

OPSET = 17
TOLERANCE = 1e-4
VERIFY_SECONDS = 3.0
REFERENCE_HOPS = 4
BLOCK_NAMES = {"Generator", "GeneratorV2", "Encoder", "EncoderV2", "NoiseGenerator", "NoiseGeneratorV2",
               "CachedPQMF", "BatchNorm1d", "Snake", "ResidualStack", "DilatedUnit"}


class ImportError_(Exception):
    """A model that cannot be converted: exit 2, one line."""


def progress(msg):
    print(f"progress: {msg}", flush=True)


def load_torchscript(path):
    if not os.path.exists(path):
        raise ImportError_(f"{path}: no such file")
    if not os.path.isfile(path):
        raise ImportError_(f"{path}: not a regular file")
    if not zipfile.is_zipfile(path):
        raise ImportError_(f"{path}: not a TorchScript file (not a zip archive; truncated or another format)")
    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            if bad is not None:
                raise ImportError_(f"{path}: corrupt TorchScript archive (bad entry {bad})")
    except zipfile.BadZipFile as e:
        raise ImportError_(f"{path}: corrupt TorchScript archive ({e})")
    try:
        ts = torch.jit.load(path, map_location="cpu")
    except Exception as e:  # torch raises RuntimeError with multi-line text; keep its first line
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ImportError_(f"{path}: not a loadable TorchScript model ({first})")
    ts.eval()
    return ts


def check_streaming(ts, path):
    kinds = {m.original_name for _, m in ts.named_modules()}
    if "CachedPadding1d" not in kinds:
        raise ImportError_(f"{path}: an offline RAVE export (no cached convolutions); export it with "
                           "`rave export --streaming` and import that file")


def _run_ours_encoder(model, x, hop):
    """The encoder graph hop by hop from its exported initial states, as the engine runs it."""
    enc = EncoderGraph(model)
    states, out = initial_states(enc, x[..., :hop]), []
    for i in range(0, x.shape[-1], hop):
        o = enc(x[..., i:i + hop], *states)
        out.append(o[0])
        states = list(o[1:])
    return torch.cat(out, -1)


def _rel(ours, ref):
    scale = float(ref.abs().max())
    return float((ours - ref).abs().max()) / (scale if scale > 0 else 1.0)


def verify(path, model, signal):
    """Relative errors (encoder latent, decoder audio) against the TorchScript module itself."""
    hop, full, lat = model.hop, model.full_latent_size, model.latent_size
    ts = torch.jit.load(path, map_location="cpu").eval()
    pca, mean = ts.latent_pca.detach(), ts.latent_mean.detach()
    x = torch.from_numpy(signal).view(1, 1, -1)
    ref_z = []
    with torch.no_grad():
        for i in range(0, x.shape[-1], hop):
            raw = ts.encoder(ts.pqmf(x[..., i:i + hop]))
            mu = raw[:, :full] - mean.view(1, -1, 1)
            ref_z.append(torch.nn.functional.conv1d(mu, pca.unsqueeze(-1))[:, :lat])
        ref_z = torch.cat(ref_z, -1)
        ours_z = _run_ours_encoder(model, x, hop)
        enc_err = _rel(ours_z, ref_z)

        dec = DecoderGraph(model)
        dec(ref_z[..., :1])  # one dry call: the noise inputs' shapes
        ref_y, ours_y, states = [], [], None
        for t in range(ref_z.shape[-1]):
            z = ref_z[..., t:t + 1]
            torch.manual_seed(1000 + t)
            ref_y.append(ts.decode(z))
            # The same draws, in RAVE's call order: the latent padding, then each noise generator.
            torch.manual_seed(1000 + t)
            noises = []
            if dec.pads:
                noises.append(torch.randn(1, full - lat, 1))
            noises += [torch.rand(shape) for shape in model.ctx.noise_shapes]
            # Explicit states from the first hop on, starting from the exported initial states: this
            # checks exactly what the package will hold.
            o = dec(z, *noises, *(states if states is not None else initial_states(dec, z)))
            ours_y.append(o[0])
            states = list(o[1:])
        dec_err = _rel(torch.cat(ours_y, -1), torch.cat(ref_y, -1))
    return enc_err, dec_err


def initial_states(graph, example):
    s = RaveStream()
    with torch.no_grad():
        if isinstance(graph, EncoderGraph):
            graph.model.encode(example, s)
        else:
            graph.model.decode(example, None if not graph.pads else
                               torch.zeros(1, graph.model.full_latent_size - graph.model.latent_size, 1), s,
                               torch.zeros(1, 1, example.shape[-1] * graph.model.hop))
    # The values each state starts from (what the stream handed out), not what the call left behind.
    return [t.detach().clone() for t in s.taken]


def export_graph(graph, inputs, in_names, out_name, n_states, path, metadata):
    state_in = [f"state_in.{i:02d}" for i in range(n_states)]
    state_out = [f"state_out.{i:02d}" for i in range(n_states)]
    with torch.no_grad():
        torch.onnx.export(graph, tuple(inputs), path, input_names=in_names + state_in,
                          output_names=[out_name] + state_out, opset_version=OPSET, do_constant_folding=True)
    proto = onnx.load(path)
    for key, value in metadata.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, str(value)
    onnx.checker.check_model(proto)
    onnx.save(proto, path)
    return state_in, state_out


def _b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f4").tobytes()).decode("ascii")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", help="RAVE TorchScript export (.ts), from `rave export --streaming`")
    ap.add_argument("--out", required=True, help="package folder to create (must not exist, or be empty)")
    ap.add_argument("--name", help="model name (default: the file's name)")
    ap.add_argument("--no-int8", action="store_true", help="write the fp32 graphs only")
    args = ap.parse_args(argv)
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    try:
        return run(args)
    except ImportError_ as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except Unsupported as e:
        what = str(e) if str(e).startswith("not a RAVE") else f"unsupported: {e}"
        print(f"error: {args.model}: {what}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"error: {args.out}: {e.strerror or e}", file=sys.stderr)
        return 1


def run(args):
    path = args.model
    out = os.path.abspath(args.out)
    if os.path.exists(out) and (not os.path.isdir(out) or os.listdir(out)):
        raise ImportError_(f"{args.out}: already exists and is not an empty folder")
    name = args.name or os.path.splitext(os.path.basename(path))[0]
    if not args.name and name.endswith("_streaming"):
        name = name[:-len("_streaming")]  # `rave export --streaming` names its file NAME_streaming.ts
    progress(f"reading {path}")
    digest = _sha256(path) if os.path.isfile(path) else None
    ts = load_torchscript(path)
    check_root(ts)
    check_streaming(ts, path)
    model = RaveModel(ts).eval()
    hop, sr, lat, full = model.hop, model.sample_rate, model.latent_size, model.full_latent_size
    if sr not in (44100, 48000):
        raise ImportError_(f"{path}: sample rate {sr} Hz (the pedal runs 44100 or 48000)")
    if not 512 <= hop <= 4096:
        raise ImportError_(f"{path}: hop {hop} (the pedal plays hops of 512 to 4096 samples)")
    blocks = sorted({m.original_name for _, m in ts.named_modules() if m.original_name in BLOCK_NAMES})
    kinds = [b for b in blocks if b in ("Generator", "GeneratorV2", "Encoder", "EncoderV2")]
    progress(f"RAVE model: {sr} Hz, hop {hop}, latent {lat} of {full}, blocks {', '.join(kinds)}, "
             f"{len(model.ctx.noise_shapes)} noise generator(s)")

    signal = make_riff(seed=7, seconds=VERIFY_SECONDS)
    signal = signal[:len(signal) // hop * hop].copy()
    progress(f"verifying against the TorchScript module in its streaming mode ({len(signal) // hop} hops)")
    enc_err, dec_err = verify(path, model, signal)
    progress(f"relative error: encoder {enc_err:.2e}, decoder {dec_err:.2e} (limit {TOLERANCE:.0e})")
    if not (enc_err <= TOLERANCE and dec_err <= TOLERANCE):
        raise ImportError_(f"{path}: the converted model differs from the TorchScript model "
                           f"(relative error encoder {enc_err:.2e}, decoder {dec_err:.2e}, limit {TOLERANCE:.0e})")

    parent = os.path.dirname(out)
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix=".import-", dir=parent)
    try:
        write_package(work, path, digest, name, model, signal, enc_err, dec_err, not args.no_int8, blocks)
        if os.path.isdir(out):
            os.rmdir(out)  # empty, checked above
        os.replace(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    progress(f"wrote {args.out}")
    return 0


def write_package(work, path, digest, name, model, signal, enc_err, dec_err, int8, blocks):
    """The package of an imported model: the common files, and what the import proved."""
    extra = {
        "architecture": {"family": "RAVE (imported)", "blocks": blocks,
                         "noise_generators": len(model.ctx.noise_shapes),
                         "parameters": int(sum(p.numel() for p in model.parameters()))},
        "conversion": {"tool": "lpexport.rave.importer", "tolerance": TOLERANCE,
                       "encoder_relative_error": enc_err, "decoder_relative_error": dec_err,
                       "checked_on": f"Karplus-Strong riff (lpexport.riff, seed 7), {len(signal) // model.hop} hops, "
                                     "against the TorchScript module's own streaming calls; decoder with RAVE's "
                                     "noise draws replayed as the graph's noise inputs"},
        "provenance": {"source_file": os.path.basename(path), "source_sha256": digest,
                       "imported": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                       "torch": torch.__version__, "onnx": onnx.__version__, "opset": OPSET},
        "licence": "The weights belong to whoever trained the imported model; RAVE (acids-ircam) is CC BY-NC 4.0. "
                   "Check the model's own licence before using it commercially.",
    }
    latency, latency_detail = model_delay(model)
    latency_block = {"samples": latency, "source": "structural: the streaming delay of the cached convolutions "
                     "against the same model run offline (lpexport.rave.delay)", **latency_detail}
    write_model_package(work, name, model, signal, latency_block, extra, int8)


def write_model_package(work, name, model, signal, latency, extra, int8):
    """Graphs, initial states, reference vectors, model.json (with `latency` and the `extra` fields)
    and, when asked, the int8 graphs: everything a package holds, for imported and trained models alike."""
    hop, sr, lat, full = model.hop, model.sample_rate, model.latent_size, model.full_latent_size
    progress("exporting ONNX graphs")
    enc, dec = EncoderGraph(model).eval(), DecoderGraph(model).eval()
    audio0 = torch.zeros(1, 1, hop)
    z0 = torch.zeros(1, lat, 1)
    enc_init = initial_states(enc, audio0)
    dec_init = initial_states(dec, z0)
    with torch.no_grad():
        dec(z0)
    noise_specs = []
    noise_inputs = []
    if dec.audio:
        noise_specs.append({"name": "excitation.audio", "shape": [1, 1, hop], "distribution": "input_audio",
                            "deterministic": 0.0,
                            "about": "the hop of input audio the encoder read, which the engine copies in: the "
                                     "decoder's noise generator filters the player's whitened signal"})
        noise_inputs.append(torch.zeros(1, 1, hop))
    if dec.pads:
        noise_specs.append({"name": "noise.latent_pad", "shape": [1, full - lat, 1], "distribution": "normal",
                            "deterministic": 0.0,
                            "about": "RAVE fills the latent dimensions it does not export with N(0,1) draws"})
        noise_inputs.append(torch.zeros(1, full - lat, 1))
    for i, shape in enumerate(model.ctx.noise_shapes):
        noise_specs.append({"name": f"noise.uniform.{i:02d}", "shape": list(shape), "distribution": "uniform",
                            "deterministic": 0.5,
                            "about": "uniform [0,1) draws of RAVE's noise generator (0.5 adds no noise)"})
        noise_inputs.append(torch.full(shape, 0.5))
    metadata = {"sample_rate": sr, "hop": hop, "latent_size": lat, "channels": 1, "name": name}
    enc_in, enc_out = export_graph(enc, [audio0, *enc_init], ["audio"], "latent", len(enc_init),
                                   os.path.join(work, "encoder.onnx"), {**metadata, "graph": "encoder"})
    dec_in, dec_out = export_graph(dec, [z0, *noise_inputs, *dec_init], ["latent"] + [n["name"] for n in noise_specs],
                                   "audio", len(dec_init), os.path.join(work, "decoder.onnx"),
                                   {**metadata, "graph": "decoder"})

    # Initial states: the values saved in the file, float32 little-endian, encoder then decoder.
    offset = 0
    blobs = []

    def spec(states, ins, outs):
        nonlocal offset
        entries = []
        for t, i, o in zip(states, ins, outs):
            entries.append({"input": i, "output": o, "shape": list(t.shape), "initial_offset": offset})
            blobs.append(t.numpy().astype("<f4").ravel())
            offset += t.numel()
        return entries

    enc_states = spec(enc_init, enc_in, enc_out)
    dec_states = spec(dec_init, dec_in, dec_out)
    with open(os.path.join(work, "initial_states.bin"), "wb") as f:
        f.write(np.concatenate(blobs).tobytes())

    progress("reference vectors")
    x = torch.from_numpy(signal[hop:hop * (REFERENCE_HOPS + 1)].copy()).view(1, 1, -1)
    with torch.no_grad():
        ref_lat = _run_ours_encoder(model, x, hop)
        ys, states = [], None
        for t in range(REFERENCE_HOPS):
            z = ref_lat[..., t:t + 1]
            if dec.audio:  # the hop the latent came from, as the engine feeds it
                noise_inputs[0] = x[..., t * hop:(t + 1) * hop]
            o = dec(z, *noise_inputs, *(states if states is not None else dec_init))
            ys.append(o[0])
            states = list(o[1:])
        ref_out = torch.cat(ys, -1)
    reference = {
        "format": "float32 little-endian, base64; row-major",
        "about": "Both graphs from their initial states (initial_states.bin), one hop per call, noise inputs "
                 "at their deterministic values (an `excitation.audio` input gets the hop of `input`). `latent` is the encoder's output for each hop of `input`; "
                 "`output` is the decoder's output when fed `latent`. Expected agreement: max abs difference "
                 "<= 1e-4 relative to the largest value.",
        "hops": REFERENCE_HOPS, "hop": hop, "latent_size": lat,
        "input": {"shape": [REFERENCE_HOPS, hop], "data": _b64(x.view(REFERENCE_HOPS, hop).numpy())},
        "latent": {"shape": [REFERENCE_HOPS, lat], "data": _b64(ref_lat[0].T.numpy())},
        "output": {"shape": [REFERENCE_HOPS, hop], "data": _b64(ref_out.view(REFERENCE_HOPS, hop).numpy())},
    }
    with open(os.path.join(work, "reference.json"), "w") as f:
        json.dump(reference, f)

    package = {
        "name": name,
        "sample_rate": sr, "hop": hop, "latent_size": lat, "channels": 1,
        "quantisation": "fp32",
        "latency_samples": latency["samples"],
        "latency": {**latency, "convention": "delay of output hop m relative to input hop m; the host's one-hop "
                                             "buffering is not included"},
        "encoder": {"file": "encoder.onnx", "input": {"name": "audio", "shape": [1, 1, hop]},
                    "output": {"name": "latent", "shape": [1, lat, 1]}, "states": enc_states},
        "decoder": {"file": "decoder.onnx", "input": {"name": "latent", "shape": [1, lat, 1]},
                    "output": {"name": "audio", "shape": [1, 1, hop]}, "states": dec_states,
                    "noise_inputs": noise_specs},
        "initial_states": "initial_states.bin",
        "latent": {"full_size": full, "order": "PCA (most significant first): the modulators, offsets and XY "
                   "act on dimensions 1..8", "encoder_output": "posterior mean (deterministic)"},
        **extra,
        "reference": "reference.json",
    }
    _write_json(os.path.join(work, "model.json"), package)
    if int8:
        from .int8 import quantise_package
        progress("int8 graphs")
        quantise_package(work, model, signal)


def _write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())
