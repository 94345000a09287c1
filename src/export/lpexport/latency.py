"""Algorithmic latency: measured through the streaming encoder+decoder, and the architectural figure.

Convention: the host feeds hop m and gets hop m back; `latency` is how many samples the model's
output lags its input within that alignment. The host's own one-hop buffering comes on top.
"""
import numpy as np
import torch

from .layers import Stream
from .pqmf import PQMF
from .streaming import DecoderGraph, EncoderGraph, run_streaming


def pqmf_latency(model):
    """Delay of PQMF analysis+synthesis alone, by an impulse: the architecture's floor."""
    c = model.config
    bank = PQMF(c["bands"], c["pqmf_taps_per_band"], c["pqmf_attenuation_db"])
    x = torch.zeros(1, 1, 8 * bank.taps)
    x[..., bank.taps] = 1.0
    with torch.no_grad():
        y = bank.inverse(bank(x, Stream()), Stream())
    return int(torch.argmax(y.abs()).item()) - bank.taps


def _envelope(x, frame):
    n = len(x) // frame
    return np.sqrt((x[:n * frame].reshape(n, frame) ** 2).mean(axis=1))


def _best_lag(a, b, max_lag):
    """Lag (>= -max_lag, <= max_lag) maximising the normalised correlation of b against a."""
    a = (a - a.mean()) / (a.std() + 1e-12)
    b = (b - b.mean()) / (b.std() + 1e-12)
    best, best_r = 0, -np.inf
    for lag in range(-max_lag, max_lag + 1):
        if lag >= 0:
            r = np.dot(a[:len(a) - lag], b[lag:]) / (len(a) - lag)
        else:
            r = np.dot(a[-lag:], b[:len(b) + lag]) / (len(a) + lag)
        if r > best_r:
            best, best_r = lag, r
    return best, float(best_r)


def measured_latency(model, signal):
    """Run `signal` (1-D numpy, a multiple of the hop) through the streaming graphs and compare.

    Waveform cross-correlation is exact when the model keeps phase (an identity-like model);
    a trained RAVE-style model rebuilds the sound without keeping phase, so the onset envelope
    (positive change of a 1 ms RMS envelope) is cross-correlated as well, at 48-sample resolution.
    """
    hop = model.hop
    x = torch.from_numpy(signal[:len(signal) // hop * hop].astype(np.float32)).view(1, 1, -1)
    latent, _ = run_streaming(EncoderGraph(model).eval(), x, hop)
    y, _ = run_streaming(DecoderGraph(model).eval(), latent, 1)
    xs, ys = x.view(-1).numpy(), y.view(-1).numpy()
    wave_lag, wave_r = _best_lag(xs, ys, hop)
    frame = 48
    ex, ey = _envelope(xs, frame), _envelope(ys, frame)
    ox, oy = np.maximum(np.diff(ex), 0), np.maximum(np.diff(ey), 0)
    env_lag, env_r = _best_lag(ox, oy, hop // frame)
    return {"waveform_xcorr": {"samples": wave_lag, "peak_correlation": round(wave_r, 3)},
            "onset_envelope_xcorr": {"samples": env_lag * frame, "peak_correlation": round(env_r, 3),
                                     "resolution_samples": frame}}
