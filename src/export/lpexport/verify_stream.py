"""Streaming equivalence: hop-by-hop output (state carried) must equal whole-signal output.

    python3 -m lpexport.verify_stream [--checkpoint FILE_OR_RUN_DIR] [--hops 12] [--tol 1e-5]

Checks the encoder (audio -> latent mean) and the decoder (latent -> audio) of a random-init
model, and of a checkpoint when one is given. Exits 1 on any mismatch. Used by CI.
"""
import argparse
import sys

import torch

from .checkpoint import load_model
from .layers import apply_weight_norm, fold_weight_norm
from .model import Autoencoder
from .streaming import DecoderGraph, EncoderGraph, run_streaming, run_whole


def check(model, label, hops, tol, seed=0):
    torch.manual_seed(seed)
    hop = model.hop
    latent_size = model.config["latent_size"]
    # Band-limited-ish noise with a loudness envelope: exercises silence and loud passages.
    audio = torch.randn(1, 1, hop * hops) * torch.linspace(0, 1, hop * hops) ** 2 * 0.5
    latent = torch.randn(1, latent_size, hops)
    enc, dec = EncoderGraph(model).eval(), DecoderGraph(model).eval()
    ok = True
    for name, graph, x, block in (("encoder", enc, audio, hop), ("decoder", dec, latent, 1)):
        whole = run_whole(graph, x)
        streamed, _ = run_streaming(graph, x, block)
        diff = (whole - streamed).abs().max().item()
        scale = whole.abs().max().item()
        good = diff <= tol and whole.shape == streamed.shape
        ok &= good
        print(f"{label:>12} {name}: max|whole-stream| = {diff:.2e} (output peak {scale:.3f}) "
              f"{'ok' if good else 'FAIL'}")
    return ok


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", help="checkpoint file or run directory (latest is used)")
    ap.add_argument("--hops", type=int, default=12)
    ap.add_argument("--tol", type=float, default=1e-5)
    args = ap.parse_args(argv)
    torch.set_num_threads(1)

    torch.manual_seed(1)
    # Random init with weight norm folded, as export sees it.
    ok = check(fold_weight_norm(apply_weight_norm(Autoencoder())).eval(), "random-init", args.hops, args.tol)
    if args.checkpoint:
        model, _, path = load_model(args.checkpoint)
        ok &= check(model, "checkpoint", args.hops, args.tol)
        print(f"checkpoint: {path}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
