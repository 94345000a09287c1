"""Write a model package (encoder.onnx, decoder.onnx, model.json, reference.json) from a checkpoint.

    python3 -m lpexport.export --checkpoint /work/lp-train/run --out ../LatentPlayground/Assets/models/default
    python3 -m lpexport.export --random --out /tmp/pkg        # random-init package, for plumbing

Graphs take one hop per call (k = 1, fixed shapes). State tensors are graph inputs
`state_in.NN` and outputs `state_out.NN`, paired by suffix, zeros at reset. The encoder exports
the posterior mean, so inference is deterministic. Weight norm is folded first so every Conv reads its weight straight from a named initializer (live
weight bending needs that), and each transposed-conv upsampler is exported in its polyphase form, a
plain Conv named `decoder.upN.upsample.conv` (see layers.PolyphaseUpsample1d).
"""
import argparse
import base64
import datetime
import json
import os
import subprocess
import sys

import numpy as np
import onnx
import torch

from .checkpoint import load_model
from .latency import measured_latency, pqmf_latency
from .layers import apply_weight_norm, fold_weight_norm, to_polyphase
from .model import Autoencoder, count_parameters
from .riff import make_riff
from .streaming import DecoderGraph, EncoderGraph, run_streaming, zero_states

OPSET = 17
REFERENCE_HOPS = 6


def _git_commit():
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=here, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "."], cwd=os.path.dirname(here),
                               capture_output=True, text=True).stdout.strip()
        return commit + ("+dirty(src/export)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def export_graph(graph, example, io_name, out_name, path, metadata):
    graph.eval()
    states = zero_states(graph, example)
    in_names = [io_name] + [f"state_in.{i:02d}" for i in range(len(states))]
    out_names = [out_name] + [f"state_out.{i:02d}" for i in range(len(states))]
    with torch.no_grad():
        torch.onnx.export(graph, (example, *states), path, input_names=in_names, output_names=out_names,
                          opset_version=OPSET, do_constant_folding=True)
    proto = onnx.load(path)
    for key, value in metadata.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, str(value)
    onnx.checker.check_model(proto)
    onnx.save(proto, path)
    shapes = [list(s.shape) for s in states]
    return {
        "file": os.path.basename(path),
        "input": {"name": io_name, "shape": list(example.shape)},
        "output": {"name": out_name, "shape": list(graph(example)[0].shape)},
        "states": [{"input": i, "output": o, "shape": s} for i, o, s in zip(in_names[1:], out_names[1:], shapes)],
    }


def _b64(t):
    return base64.b64encode(np.ascontiguousarray(t, dtype="<f4").tobytes()).decode("ascii")


def reference_vectors(model, signal, hops):
    """Hop-by-hop torch outputs from reset, for the C# equivalence test (ORT vs torch <= 1e-5)."""
    hop = model.hop
    # Start where the riff is playing, so every value is far from zero.
    x = torch.from_numpy(signal[hop:hop * (hops + 1)].astype(np.float32)).view(1, 1, -1)
    latent, _ = run_streaming(EncoderGraph(model).eval(), x, hop)
    audio, _ = run_streaming(DecoderGraph(model).eval(), latent, 1)
    return {
        "format": "float32 little-endian, base64; row-major",
        "about": "Both graphs run from zero state, one hop per call. `latent` is the encoder's output "
                 "for each hop of `input`; `output` is the decoder's output when fed `latent` hop by hop "
                 "(feed these reference latents, not the ones ORT produced, so the two graphs are checked "
                 "separately). Expected agreement: max abs difference <= 1e-5.",
        "hops": hops, "hop": hop, "latent_size": int(latent.shape[1]),
        "input": {"shape": [hops, hop], "data": _b64(x.view(hops, hop).numpy())},
        "latent": {"shape": [hops, int(latent.shape[1])], "data": _b64(latent[0].T.numpy())},
        "output": {"shape": [hops, hop], "data": _b64(audio.view(hops, hop).numpy())},
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--checkpoint", help="checkpoint file, or run directory (its newest checkpoint)")
    src.add_argument("--random", action="store_true", help="export a random-init model (seed 0)")
    ap.add_argument("--arch", choices=["rave", "legacy"], default="rave",
                    help="architecture of a --random model (a checkpoint says its own)")
    ap.add_argument("--out", required=True, help="package directory to write")
    ap.add_argument("--name", default="latentplayground-default")
    ap.add_argument("--data-manifest", default="/work/lp-train/data/manifest.json")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)

    if args.random:
        torch.manual_seed(0)
        if args.arch == "rave":
            from .rave.trainable import RaveAutoencoder
            model = RaveAutoencoder(excitation=True)
            model.fold()
        else:
            model = fold_weight_norm(apply_weight_norm(Autoencoder())).eval()
        ckpt, ckpt_path = {"step": 0, "elapsed": 0.0, "sittings": 0}, None
    else:
        model, ckpt, ckpt_path = load_model(args.checkpoint)
    if model.config.get("arch") == "rave":
        from .rave.export_trained import export_trained
        return export_trained(model, ckpt, ckpt_path, args.out, args.name, args.data_manifest, _git_commit())
    c = model.config
    hop, latent_size = model.hop, c["latent_size"]
    parameters = count_parameters(model, False)
    # The exported graphs carry each upsampler as one plain Conv (see PolyphaseUpsample1d): the same
    # numbers, but int8 fuses it and bending reads its weight live.
    model = to_polyphase(model).eval()
    os.makedirs(args.out, exist_ok=True)

    metadata = {"sample_rate": c["sample_rate"], "hop": hop, "latent_size": latent_size,
                "channels": c["channels"], "name": args.name}
    encoder = export_graph(EncoderGraph(model), torch.zeros(1, c["channels"], hop), "audio", "latent",
                           os.path.join(args.out, "encoder.onnx"), {**metadata, "graph": "encoder"})
    decoder = export_graph(DecoderGraph(model), torch.zeros(1, latent_size, 1), "latent", "audio",
                           os.path.join(args.out, "decoder.onnx"), {**metadata, "graph": "decoder"})

    riff = make_riff()
    measured = measured_latency(model, riff)
    architectural = pqmf_latency(model)
    # Trust the measurement only when the output clearly follows the input's onsets; a random or
    # barely trained model gives a meaningless peak, and then the architectural floor is used.
    onset = measured["onset_envelope_xcorr"]
    trusted = onset["peak_correlation"] >= 0.5 and onset["samples"] >= 0
    latency = onset["samples"] if trusted else architectural

    data = None
    if ckpt_path and os.path.exists(args.data_manifest):
        with open(args.data_manifest) as f:
            m = json.load(f)
        data = {"generator": m["generator"], "seed": m["seed"], "soundfont": m["soundfont"],
                "train_minutes": round(m["train_seconds"] / 60, 1),
                "heldout_minutes": round(m["heldout_seconds"] / 60, 1),
                "train_phrases": len(m["train"]), "heldout_phrases": len(m["heldout"])}

    package = {
        "name": args.name,
        "sample_rate": c["sample_rate"], "hop": hop, "latent_size": latent_size, "channels": c["channels"],
        "quantisation": "fp32",
        "latency_samples": latency,
        "latency": {
            "samples": latency,
            "source": "measured (onset envelope)" if trusted else "architectural (PQMF)",
            "convention": "delay of output hop m relative to input hop m; the host's one-hop "
                          "buffering is not included",
            "architectural_pqmf_samples": architectural,
            "measured_on": "Karplus-Strong riff (lpexport.riff, seed 7), streaming torch graphs",
            **measured,
        },
        "encoder": encoder,
        "decoder": decoder,
        "architecture": {"family": "RAVE v1-style, causal, no noise branch", "parameters": parameters,
                         "upsample": "polyphase", **c},
        "provenance": {
            "checkpoint": os.path.basename(ckpt_path) if ckpt_path else "random-init (seed 0)",
            "steps": int(ckpt["step"]), "wall_time_hours": round(ckpt["elapsed"] / 3600, 3),
            "sittings": int(ckpt.get("sittings", 0)),
            "data": data,
            "git_commit": _git_commit(),
            "exported": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "torch": torch.__version__, "onnx": onnx.__version__, "opset": OPSET,
        },
        "licence": "LatentPlayground project licence. Weights trained from scratch in this project "
                   "(no third-party weights) on audio rendered by fluidsynth from MIDI phrases generated "
                   "here, through the TimGM6mb soundfont (Debian timgm6mb-soundfont; (c) 2004 Tim Brechbill, "
                   "2010 David Bolton; GPL-2).",
        "reference": "reference.json",
    }
    with open(os.path.join(args.out, "reference.json"), "w") as f:
        json.dump(reference_vectors(model, riff, REFERENCE_HOPS), f)
    tmp = os.path.join(args.out, "model.json.tmp")
    with open(tmp, "w") as f:
        json.dump(package, f, indent=2)
        f.write("\n")
    os.replace(tmp, os.path.join(args.out, "model.json"))
    size = sum(os.path.getsize(os.path.join(args.out, n)) for n in os.listdir(args.out))
    print(f"wrote {args.out}: {len(encoder['states'])} encoder states, {len(decoder['states'])} decoder states, "
          f"latency {latency} samples ({package['latency']['source']}), {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
