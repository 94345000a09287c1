"""Time the package's model in torch, streaming one hop per call, as LibTorch-based players run it.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-serial \\
        python3 -m lpexport.bench_torch --package DIR --seconds 20

The torch model is rebuilt from the package's own fp32 graphs (rebuild.py), so it is the same
architecture and the same weights ONNX Runtime runs, and it must reproduce reference.json's hops
within 1e-4 before anything is timed. The encoder and decoder streaming graphs are traced
(torch.jit.trace: no Python per layer at run time) and run on one thread. Each timed hop is one
encode plus one decode call carrying both graphs' states, from reset, on the Karplus-Strong riff.

Prints one JSON line, which `latentplayground bench` parses:
    {"torch": "...", "mode": "traced, 1 thread", "hop_duration_us": ..., "hop_us": [...]}
A package that cannot be rebuilt exits 2 with one line on stderr.
"""
import argparse
import json
import sys
import time

import numpy as np
import torch

from .rebuild import PackageError, build_model, check_reference
from .riff import make_riff
from .streaming import DecoderGraph, EncoderGraph, run_streaming, zero_states

WARMUP_HOPS = 30


def traced(graph, example):
    states = zero_states(graph, example)
    with torch.no_grad():
        # check_trace re-runs the graph and compares; the reference check below covers that.
        return torch.jit.trace(graph, (example, *states), check_trace=False), states


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--package", required=True, help="model package folder")
    ap.add_argument("--seconds", type=float, default=20.0, help="audio seconds to time (default %(default)s)")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)

    try:
        model, manifest = build_model(args.package)
        check_reference(model, args.package, manifest, tolerance=1e-4)
    except (PackageError, KeyError, ValueError) as e:
        print(f"bench_torch: {e}", file=sys.stderr)
        return 2
    hop, rate = manifest["hop"], manifest["sample_rate"]
    encoder, enc_zero = traced(EncoderGraph(model).eval(), torch.zeros(1, manifest["channels"], hop))
    decoder, dec_zero = traced(DecoderGraph(model).eval(), torch.zeros(1, manifest["latent_size"], 1))

    hops = max(1, int(round(args.seconds * rate / hop)))
    riff = make_riff(seconds=(hops + WARMUP_HOPS) * hop / rate + 1.0)
    signal = torch.from_numpy(riff[:(hops + WARMUP_HOPS) * hop].copy()).view(-1, 1, 1, hop)

    def run(frames, times=None):
        """Hop by hop from reset, carrying both graphs' states; the decoded audio."""
        es, ds = list(enc_zero), list(dec_zero)
        out = []
        with torch.no_grad():
            for frame in frames:
                t0 = time.perf_counter_ns()
                z, *es = encoder(frame, *es)
                y, *ds = decoder(z, *ds)
                if times is not None:
                    times.append((time.perf_counter_ns() - t0) / 1000.0)
                out.append(y)
        return torch.cat(out, dim=-1)

    # The traced graphs, not only the eager model, must do what the package promises: the eager
    # model just matched reference.json, so the traced pair must match it on the same hops.
    first = torch.from_numpy(make_riff()[hop:hop * 7].copy())
    with torch.no_grad():
        z, _ = run_streaming(EncoderGraph(model).eval(), first.view(1, 1, -1), hop)
        eager, _ = run_streaming(DecoderGraph(model).eval(), z, 1)
    diff = float((run(first.view(-1, 1, 1, hop)) - eager).abs().max())
    if diff > 1e-4:
        print(f"bench_torch: the traced graphs differ from the eager model by {diff:.2e}", file=sys.stderr)
        return 2

    run(signal[:WARMUP_HOPS])
    times = []
    run(signal[WARMUP_HOPS:], times)
    print(json.dumps({"torch": torch.__version__, "mode": "traced, 1 thread",
                      "hop_duration_us": 1e6 * hop / rate,
                      "median_us": round(float(np.median(times)), 1),
                      "hop_us": [round(t, 1) for t in times]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
