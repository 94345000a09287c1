"""Where a model's buzz comes from: the periodic share, stage by stage through the decoder.

    python3 -m lpexport.artefacts --package DIR            # the shipped (legacy-architecture) model
    python3 -m lpexport.artefacts --random-legacy          # the same architecture at initialisation

Each decoder stage's output is a multichannel signal at its own rate (latent rate x the strides so
far). For every period P of the hop's divisors (in output samples) that the stage can represent, the
share of the stage's energy on the harmonics of that period is measured on all channels together
(lpexport.quality.periodic_share per channel, energy-weighted), with the riff's latents driving the
decoder. The stage where the share jumps is where the comb is made.
"""
import argparse
import json
import sys

import numpy as np
import torch

from .layers import Stream, apply_weight_norm, fold_weight_norm
from .model import Autoencoder
from .quality import periodic_share
from .rebuild import build_model
from .riff import make_riff


def stage_shares(model, seconds=12.0):
    hop, bands = model.hop, model.config["bands"]
    x = torch.from_numpy(make_riff(7, seconds)).view(1, 1, -1)[..., :int(seconds * 48000) // hop * hop]
    outputs = {}
    dec = model.decoder

    def keep(name):
        def hook(_m, _inp, out):
            outputs[name] = out.detach()[0].numpy().astype(np.float64)
        return hook

    handles = [dec.conv_in.register_forward_hook(keep("conv_in"))]
    for i in range(dec.blocks):
        handles.append(getattr(dec, f"up{i}").register_forward_hook(keep(f"up{i}")))
    handles.append(dec.wave.register_forward_hook(keep("wave conv")))
    handles.append(dec.loudness.register_forward_hook(keep("loudness conv")))
    handles.append(dec.register_forward_hook(keep("decoder bands")))
    with torch.no_grad():
        mean, _ = model.posterior(x, Stream())
        y = model.decode(mean, Stream()).view(-1).numpy().astype(np.float64)
    for h in handles:
        h.remove()
    frames = mean.shape[-1]
    result = {}
    for name, sig in outputs.items():
        per_frame = sig.shape[-1] // frames  # stage samples per hop
        stage_rate = 48000.0 * per_frame / hop
        energy = (sig ** 2).sum(axis=1)
        agg = {}
        for ch, e in zip(sig, energy):
            shares, _ = periodic_share(ch, stage_rate, per_frame, min_period=1)
            for p, v in shares.items():
                period_out = p * hop // per_frame  # the same period in output samples
                agg[period_out] = agg.get(period_out, 0.0) + v * e
        total = energy.sum()
        result[name] = {int(k): round(100 * v / total, 2) for k, v in sorted(agg.items()) if k >= 16}
    shares, _ = periodic_share(y, 48000, hop)
    result["output"] = {int(k): round(100 * v, 2) for k, v in shares.items()}
    shares, _ = periodic_share(x.view(-1).numpy(), 48000, hop)
    result["input (riff)"] = {int(k): round(100 * v, 2) for k, v in shares.items()}
    return result


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--package")
    g.add_argument("--random-legacy", action="store_true")
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    if args.package:
        model, _ = build_model(args.package)
    else:
        torch.manual_seed(0)
        model = fold_weight_norm(apply_weight_norm(Autoencoder())).eval()
    for stage, shares in stage_shares(model).items():
        print(f"{stage:>18}: " + "  ".join(f"P{p}:{v:5.1f}%" for p, v in shares.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
