"""Measures for the training report, on held-out audio and on the Karplus-Strong riff.

    python3 -m lpexport.evaluate --checkpoint /work/lp-train/run [--data /work/lp-train/data] [--json out.json]

For each test signal x and the model's reconstruction y (posterior mean, run from reset, which
equals the streaming result):
- spectral: multi-scale spectral distance d(x, y), next to d(x, untrained model's y) and
  d(x, an unrelated clip of the same kind): the model should beat the unrelated clip clearly;
- loudness: Pearson correlation of 20 ms RMS envelopes of x and y (after latency alignment);
- chroma: mean cosine similarity of 12-bin chroma vectors of x and y over frames where x is
  not silent (pitch following).
"""
import argparse
import json
import sys

import numpy as np
import torch

from .checkpoint import load_model
from .latency import _best_lag, _envelope
from .layers import Stream, apply_weight_norm, fold_weight_norm
from .losses import multiscale_spectral
from .model import Autoencoder
from .riff import make_riff

RATE = 48000


def reconstruct(model, x):
    hop = model.hop
    t = torch.from_numpy(x[:len(x) // hop * hop].astype(np.float32)).view(1, 1, -1)
    with torch.no_grad():
        mean, _ = model.posterior(t, Stream())
        return model.decode(mean, Stream()).view(-1).numpy()


def spectral(x, y):
    n = min(len(x), len(y))
    with torch.no_grad():
        return float(multiscale_spectral(torch.from_numpy(x[:n].copy()).view(1, 1, -1),
                                         torch.from_numpy(y[:n].copy()).view(1, 1, -1)))


def chroma(x, n_fft=8192, hop=2048):
    frames = (len(x) - n_fft) // hop + 1
    idx = np.arange(n_fft)[None, :] + hop * np.arange(frames)[:, None]
    spec = np.abs(np.fft.rfft(x[idx] * np.hanning(n_fft), axis=1))
    freqs = np.fft.rfftfreq(n_fft, 1 / RATE)
    keep = (freqs > 60) & (freqs < 5000)
    pitch_class = np.round(12 * np.log2(freqs[keep] / 440.0)).astype(int) % 12
    out = np.zeros((frames, 12))
    for pc in range(12):
        out[:, pc] = spec[:, keep][:, pitch_class == pc].sum(axis=1)
    energy = np.sqrt((x[idx] ** 2).mean(axis=1))
    return out, energy


def align(x, y, max_lag=4096):
    """Delay y back by the lag that best matches the 1 ms envelopes (model latency)."""
    lag, _ = _best_lag(_envelope(x, 48), _envelope(y, 48), max_lag // 48)
    lag = max(0, lag * 48)
    n = min(len(x), len(y) - lag)
    return x[:n], y[lag:lag + n], lag


def measures(model, untrained, x, unrelated):
    y = reconstruct(model, x)
    xa, ya, lag = align(x[:len(y)], y)
    ex, ey = _envelope(xa, 960), _envelope(ya, 960)  # 20 ms RMS
    cx, energy = chroma(xa)
    cy, _ = chroma(ya)
    voiced = energy > 0.1 * energy.max()
    cos = (cx * cy).sum(1) / (np.linalg.norm(cx, axis=1) * np.linalg.norm(cy, axis=1) + 1e-12)
    return {
        "seconds": round(len(x) / RATE, 1),
        "spectral_model": round(spectral(x, y), 3),
        "spectral_untrained": round(spectral(x, reconstruct(untrained, x)), 3),
        "spectral_unrelated_clip": round(spectral(x, unrelated), 3),
        "loudness_r": round(float(np.corrcoef(ex, ey)[0, 1]), 3),
        "chroma_cosine": round(float(cos[voiced].mean()), 3),
        "aligned_lag_samples": int(lag),
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--data", default="/work/lp-train/data")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    model, ckpt, path = load_model(args.checkpoint)
    torch.manual_seed(0)
    untrained = fold_weight_norm(apply_weight_norm(Autoencoder(**model.config))).eval()

    n = int(args.seconds * RATE)
    held = np.load(f"{args.data}/heldout.npy").astype(np.float32) / 32767.0
    # Unrelated clip: the held-out set's second half (other phrases, other instruments).
    results = {
        "checkpoint": path, "step": int(ckpt["step"]), "wall_time_hours": round(ckpt["elapsed"] / 3600, 3),
        "heldout": measures(model, untrained, held[:n], held[len(held) // 2:len(held) // 2 + n]),
        "riff": measures(model, untrained, make_riff(7, 12.0), make_riff(11, 12.0)),
    }
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
