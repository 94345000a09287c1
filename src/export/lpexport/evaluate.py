"""Measures for the training report, on held-out audio and on the Karplus-Strong riff.

    python3 -m lpexport.evaluate --checkpoint /work/lp-train/run [--data /work/lp-train/data] [--json out.json]

For each test signal x and the model's reconstruction y (posterior mean, run from reset, which
equals the streaming result):
- spectral: multi-scale spectral distance d(x, y), next to d(x, untrained model's y) and
  d(x, an unrelated clip of the same kind): the model should beat the unrelated clip clearly;
- loudness: Pearson correlation of 20 ms RMS envelopes of x and y (after latency alignment);
- chroma: mean cosine similarity of 12-bin chroma vectors of x and y over frames where x is
  not silent (pitch following);
- periodic-artefact share (lpexport.quality): the largest share of y's energy on the harmonic comb
  of a period dividing the hop, per period, next to x's and the comb's chance level;
- pitch (monophonic riff): median |f0 error| in cents by YIN and the voiced-frame agreement;
- spectrograms of x and y (`--figures DIR`): the riff and two held-out phrases.
Models of the RAVE-compatible architecture run with their noise generator drawing (seeded), as the
pedal plays them.
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

from .checkpoint import load_model
from .latency import _best_lag, _envelope
from .layers import Stream, apply_weight_norm, fold_weight_norm
from .losses import multiscale_spectral
from .model import Autoencoder
from .quality import periodic_share, pitch_error
from .riff import make_riff

RATE = 48000


def reconstruct(model, x):
    hop = model.hop
    t = torch.from_numpy(x[:len(x) // hop * hop].astype(np.float32)).view(1, 1, -1)
    with torch.no_grad():
        if model.config.get("arch") == "rave":
            from .rave.graphs import RaveStream
            torch.manual_seed(0)  # the noise generator draws, seeded: what the pedal plays
            mean, _ = model.posterior(t, RaveStream())
            s = RaveStream(random_noise=True)
            return model.synthesise(mean, t, s).view(-1).numpy()
        mean, _ = model.posterior(t, Stream())
        return model.decode(mean, Stream()).view(-1).numpy()


def untrained_like(model):
    torch.manual_seed(0)
    if model.config.get("arch") == "rave":
        from .rave.trainable import RaveAutoencoder
        m = RaveAutoencoder(**{k: v for k, v in model.config.items() if k != "arch"})
        m.fold()
        return m.eval()
    return fold_weight_norm(apply_weight_norm(Autoencoder(**model.config))).eval()


def chance_levels(n, hop):
    """The share a flat spectrum puts on each comb (the same FFT grid as the measure)."""
    shares, _ = periodic_share(np.random.default_rng(0).standard_normal(n), RATE, hop)
    return {p: round(100 * v, 2) for p, v in shares.items()}


def spectrogram(path, x, y, title):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(2, 1, figsize=(10, 6), sharex=True)
    floor = np.random.default_rng(0).standard_normal(len(x)) * 1e-10  # -200 dB: digital silence shows black, not blank
    for ax, sig, name in ((axes[0], x, "input"), (axes[1], y, "model output")):
        ax.specgram(np.asarray(sig, dtype=np.float64) + floor[:len(sig)], NFFT=2048, Fs=RATE, noverlap=1536,
                    cmap="magma", vmin=-130, vmax=-20)
        ax.set_ylabel("Hz")
        ax.set_title(f"{title}: {name}")
    axes[1].set_xlabel("seconds")
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


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


def measures(model, untrained, x, unrelated, pitch=False, figure=None, title=""):
    y = reconstruct(model, x)
    xa, ya, lag = align(x[:len(y)], y)
    ex, ey = _envelope(xa, 960), _envelope(ya, 960)  # 20 ms RMS
    cx, energy = chroma(xa)
    cy, _ = chroma(ya)
    voiced = energy > 0.1 * energy.max()
    cos = (cx * cy).sum(1) / (np.linalg.norm(cx, axis=1) * np.linalg.norm(cy, axis=1) + 1e-12)
    shares_y, max_y = periodic_share(ya, RATE, model.hop)
    shares_x, max_x = periodic_share(xa, RATE, model.hop)
    extra = {
        "periodic_share_pct": {str(p): round(100 * v, 2) for p, v in shares_y.items()},
        "periodic_share_input_pct": {str(p): round(100 * v, 2) for p, v in shares_x.items()},
        "periodic_share_chance_pct": {str(p): v for p, v in chance_levels(len(ya), model.hop).items()},
        "periodic_share_max_pct": round(100 * max_y, 2),
    }
    if pitch:
        cents, agreement, frames = pitch_error(xa, ya, RATE)
        extra.update({"pitch_median_cents": round(cents, 1), "voiced_agreement": round(agreement, 3),
                      "pitch_frames": frames})
    if figure:
        spectrogram(figure, xa, ya, title)
        extra["spectrogram"] = figure
    return {
        **extra,
        "seconds": round(len(x) / RATE, 1),
        "spectral_model": round(spectral(x, y), 3),
        "spectral_untrained": round(spectral(x, reconstruct(untrained, x)), 3),
        "spectral_unrelated_clip": round(spectral(x, unrelated), 3),
        "loudness_r": round(float(np.corrcoef(ex, ey)[0, 1]), 3),
        "chroma_cosine": round(float(cos[voiced].mean()), 3),
        "aligned_lag_samples": int(lag),
    }


def control_reach(model, x, offset=2.0):
    """What the pedal's controls can do: the spectral distance by which offsetting each latent dimension by
    `offset` (a modulator's reach) moves the riff's reconstruction, next to the distance from the input. A
    model that ignores its latent reads about 0: its knobs would move nothing."""
    from .rave.graphs import RaveStream
    hop = model.hop
    t = torch.from_numpy(x[:len(x) // hop * hop].astype(np.float32)).view(1, 1, -1)
    with torch.no_grad():
        mean, _ = model.posterior(t, RaveStream())
        base = model.synthesise(mean, t, RaveStream())
        moves = []
        for d in range(mean.shape[1]):
            z = mean.clone()
            z[:, d] += offset
            moves.append(round(float(multiscale_spectral(base, model.synthesise(z, t, RaveStream()))), 3))
        return {"offset": offset, "spectral_move_per_dimension": moves,
                "spectral_input_to_output": round(float(multiscale_spectral(t, base)), 3),
                "latent_std_per_dimension": [round(v, 3) for v in mean.std(-1).view(-1).tolist()]}


def phrase_starts(data, count):
    """Sample offsets in heldout.npy of the first plucked and first sustained phrases (manifest order)."""
    try:
        if os.path.isfile(data):
            from .pack import load
            phrases = load(data)[2]["heldout"]
        else:
            with open(os.path.join(data, "manifest.json")) as f:
                phrases = json.load(f)["heldout"]
    except (OSError, KeyError, ValueError):
        return []
    starts, offset, kinds = [], 0, set()
    for p in phrases:
        kind = p.get("kind")
        if kind not in kinds and kind in ("pluck", "lead", "sustain", "drums") and len(starts) < count:
            kinds.add(kind)
            starts.append(offset + p["samples"] // 4)
        offset += p["samples"]
    return starts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--data", default="/work/lp-train/data")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--json")
    ap.add_argument("--figures", help="folder for the spectrogram PNGs (e.g. the package)")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    model, ckpt, path = load_model(args.checkpoint)
    torch.manual_seed(0)
    untrained = untrained_like(model)

    n = int(args.seconds * RATE)

    if args.figures:
        os.makedirs(args.figures, exist_ok=True)

    def fig(name):
        return os.path.join(args.figures, name) if args.figures else None
    from .train import load_split
    held = np.asarray(load_split(args.data, "heldout")).astype(np.float32) / 32767.0
    # Unrelated clip: the held-out set's second half (other phrases, other instruments).
    results = {
        "checkpoint": path, "step": int(ckpt["step"]), "wall_time_hours": round(ckpt["elapsed"] / 3600, 3),
        "heldout": measures(model, untrained, held[:n], held[len(held) // 2:len(held) // 2 + n]),
        "riff": measures(model, untrained, make_riff(7, 12.0), make_riff(11, 12.0),
                         figure=fig("spectrogram_riff.png"), title="Karplus-Strong riff"),
        "mono_riff": measures(model, untrained, make_riff(7, 12.0, monophonic=True), make_riff(11, 12.0, monophonic=True),
                              pitch=True),
    }
    if model.config.get("arch") == "rave":
        results["controls"] = control_reach(model, make_riff(7, 12.0))
    # Two held-out phrases on their own, for the eyes: the first plucked and the first sustained one.
    for i, start in enumerate(phrase_starts(args.data, 2)):
        clip = held[start:start + 8 * RATE]
        results[f"heldout_phrase_{i + 1}"] = measures(model, untrained, clip, held[len(held) // 2:len(held) // 2 + len(clip)],
                                                      figure=fig(f"spectrogram_heldout_{i + 1}.png"),
                                                      title=f"held-out phrase {i + 1}")
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
