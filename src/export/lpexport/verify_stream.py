"""Streaming equivalence: hop-by-hop output (state carried) must equal whole-signal output.

    python3 -m lpexport.verify_stream [--checkpoint FILE_OR_RUN_DIR] [--hops 12] [--tol 1e-5]

Checks the encoder (audio -> latent mean) and the decoder (latent -> audio) of a random-init
model, and of a checkpoint when one is given; also that the polyphase upsamplers the exporter
writes compute what the transposed convs compute, and stream exactly themselves. Exits 1 on any mismatch. Used by CI.
"""
import argparse
import sys

import torch

from .checkpoint import load_model
import copy

from .layers import apply_weight_norm, fold_weight_norm, to_polyphase
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


def check_polyphase(model, label, hops, tol, seed=0):
    """The exported (polyphase) upsamplers compute what the trained transposed convs compute."""
    torch.manual_seed(seed)
    latent = torch.randn(1, model.config["latent_size"], hops)
    plain = run_whole(DecoderGraph(model).eval(), latent)
    poly = run_whole(DecoderGraph(to_polyphase(copy.deepcopy(model)).eval()).eval(), latent)
    diff = (plain - poly).abs().max().item()
    good = diff <= tol and plain.shape == poly.shape
    print(f"{label:>12} polyphase upsamplers: max|transposed-polyphase| = {diff:.2e} {'ok' if good else 'FAIL'}")
    return good


def check_rave(hops, tol, seed=0, excitation=False):
    """The RAVE-compatible architecture (random init, weight norm folded): hop by hop from the exported
    initial states, with the noise inputs at their noise-free value (and, with the excitation layer, the
    decoder fed the same audio the encoder read), equals one whole-signal call."""
    from .rave.importer import initial_states
    from .rave.graphs import RaveStream
    from .rave.graphs import DecoderGraph as RaveDecoder, EncoderGraph as RaveEncoder
    from .rave.trainable import RaveAutoencoder
    torch.manual_seed(seed)
    model = RaveAutoencoder(excitation=excitation, excitation_keep_level=excitation).fold()
    label = "rave+exc" if excitation else "rave-arch"
    hop = model.hop
    audio = torch.randn(1, 1, hop * hops) * torch.linspace(0, 1, hop * hops) ** 2 * 0.5
    latent = torch.randn(1, model.latent_size, hops)
    ok = True
    with torch.no_grad():
        for name, graph, x, block in (("encoder", RaveEncoder(model), audio, hop), ("decoder", RaveDecoder(model), latent, 1)):
            feeds_audio = name == "decoder" and graph.audio
            if name == "decoder":
                graph(x[..., :1])  # the noise inputs' per-hop shapes
            uniform = [] if name == "encoder" else [torch.full(s, 0.5) for s in model.ctx.noise_shapes]
            pads = [torch.zeros(1, model.full_latent_size - model.latent_size, x.shape[-1])] if name == "decoder" and graph.pads else []
            if feeds_audio:
                s = RaveStream()
                whole = model.decode(x, pads[0] if pads else None, s, audio)
            else:
                whole = graph(x)[0]
            states, outs = initial_states(graph, x[..., :block]), []
            for i in range(hops):
                extra = [audio[..., i * hop:(i + 1) * hop]] if feeds_audio else []
                extra += [p[..., i:i + 1] for p in pads]
                o = graph(x[..., i * block:(i + 1) * block], *extra, *uniform, *states)
                outs.append(o[0])
                states = list(o[1:])
            streamed = torch.cat(outs, -1)
            diff = (whole - streamed).abs().max().item()
            good = diff <= tol and whole.shape == streamed.shape
            ok &= good
            print(f"{label:>12} {name}: max|whole-stream| = {diff:.2e} (output peak {whole.abs().max().item():.3f}) "
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
    random_init = fold_weight_norm(apply_weight_norm(Autoencoder())).eval()
    ok = check(random_init, "random-init", args.hops, args.tol)
    ok &= check_polyphase(random_init, "random-init", args.hops, args.tol)
    # The export form must stream exactly too (its state is the last input frame, not the overlap tail).
    ok &= check(to_polyphase(copy.deepcopy(random_init)).eval(), "polyphase", args.hops, args.tol)
    ok &= check_rave(args.hops, args.tol)
    ok &= check_rave(args.hops, args.tol, excitation=True)
    if args.checkpoint:
        model, _, path = load_model(args.checkpoint)
        ok &= check(model, "checkpoint", args.hops, args.tol)
        ok &= check_polyphase(model, "checkpoint", args.hops, args.tol)
        print(f"checkpoint: {path}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
