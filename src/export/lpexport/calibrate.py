"""Calibration audio, and the activation ranges of every convolution the int8 graphs quantise.

Ranges come from the torch model rebuilt from the package (rebuild.py), not from running the ONNX
graph: there is no ONNX Runtime for Python here, and a numpy ONNX interpreter would be a second
implementation of the model to trust. The rebuilt model reproduces the fp32 graphs to float
rounding (checked against reference.json first), and the tensor each ONNX Conv reads, the Concat of
its state and the new frames, is exactly what `CausalConv1d` convolves. Run on a whole clip from
reset, that tensor holds the same values the streaming graph sees hop by hop, so one whole-signal
pass per clip observes every quantised tensor.

Audio: the data set's held-out split, never trained on. Each phrase gives two disjoint excerpts,
one for calibration and one for evaluation, so the reported SNR is not measured on the audio the
ranges were fitted to, and both cover every held-out instrument. The Karplus-Strong riff (the
pedal's input is mostly guitar, and the training data has no such string) is split the same way.
"""
import glob
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from .audio import read_wav
from .riff import make_riff

SUBSAMPLE = 1 << 20  # values kept per tensor for percentiles; min/max are exact


def _phrases(data_dir):
    """Held-out phrases as float32 arrays, from heldout.npy + manifest.json, or from WAV files."""
    npy, manifest = os.path.join(data_dir, "heldout.npy"), os.path.join(data_dir, "manifest.json")
    if os.path.exists(npy) and os.path.exists(manifest):
        with open(manifest) as f:
            lengths = [p["samples"] for p in json.load(f)["heldout"]]
        pcm = np.load(npy, mmap_mode="r")
        if sum(lengths) != len(pcm):
            raise ValueError(f"{manifest}: held-out phrase lengths add up to {sum(lengths)}, {npy} has {len(pcm)}")
        ends = np.cumsum(lengths)
        return [np.asarray(pcm[e - n:e], dtype=np.float32) / 32768.0 for n, e in zip(lengths, ends)], \
            f"held-out split of {os.path.basename(os.path.normpath(data_dir))}/ ({len(lengths)} phrases, heldout.npy)"
    wavs = sorted(glob.glob(os.path.join(data_dir, "heldout", "*.wav"))) or sorted(glob.glob(os.path.join(data_dir, "*.wav")))
    if not wavs:
        raise FileNotFoundError(f"{data_dir}: neither heldout.npy + manifest.json nor WAV files")
    return [read_wav(w)[0] for w in wavs], f"{len(wavs)} WAV files in {os.path.basename(os.path.normpath(data_dir))}/"


def split_audio(data_dir, hop, seconds=3.0, rate=48000):
    """(calibration, evaluation, riff_calibration, riff_evaluation, description); lengths are whole hops.

    Excerpts are taken at a quarter and at three quarters of each phrase, where the phrase is
    playing rather than fading in or out.
    """
    n = int(seconds * rate) // hop * hop
    calib, evaluate, source = [], [], "none"
    if data_dir:
        phrases, source = _phrases(data_dir)
        for p in phrases:
            if len(p) < 2 * n:
                continue
            for at, out in ((len(p) // 4, calib), (3 * len(p) // 4, evaluate)):
                start = min(max(0, at - n // 2), len(p) - n)
                out.append(p[start:start + n])
    riff = make_riff(seed=7, seconds=12.0)
    half = len(riff) // 2 // hop * hop
    cat = (lambda parts: np.concatenate(parts).astype(np.float32)) if calib else (lambda parts: None)
    return cat(calib), cat(evaluate), riff[:half].copy(), riff[half:2 * half].copy(), source


class TapConv(nn.Module):
    """Stands in for one CausalConv1d: the same state handling and call order, plus three modes.

    - plain (no observer, no quant): the float layer;
    - observer set: the float layer, reporting the tensors its ONNX Conv reads and writes;
    - quant set: computes what the QDQ graph computes (u8 input, s8 per-channel weights, int32
      bias, u8 output), in float arithmetic on the dequantised values (fake quantisation);
      with `compare` also set, returns the float result and reports the quantised one beside it.
    """

    def __init__(self, conv, name, out_channels=None):
        super().__init__()
        self.conv, self.name = conv, name
        # The encoder's last conv feeds a Slice that keeps only the posterior mean: values in the
        # other half never reach the output, so they must not widen its range.
        self.out_channels = out_channels
        self.observer = None
        self.quant = None
        self.compare = None

    def forward(self, x, stream):
        c = self.conv
        if c.context:
            xc = torch.cat([stream.take(c.state_shape, x), x], dim=-1)
            stream.put(xc[..., -c.context:])
        else:
            xc = x
        y = F.conv1d(xc, c.weight, c.bias, c.stride, 0, c.dilation, c.groups)
        if self.quant is None:
            if self.observer is not None:
                self.observer.see(self.name, xc, self._kept(y))
            return y
        q = self.quant
        xq = fake_quant(xc, q.x_scale, q.x_zero_point)
        yq = F.conv1d(xq, q.weight_dq, q.bias_dq, c.stride, 0, c.dilation, c.groups)
        yq = fake_quant(yq, q.y_scale, q.y_zero_point)
        if self.compare is not None:
            self.compare.see(self.name, self._kept(y), self._kept(yq))
            return y
        return yq

    def _kept(self, y):
        return y if self.out_channels is None else y[:, :self.out_channels]


def fake_quant(x, scale, zero_point, lo=0, hi=255):
    """QuantizeLinear then DequantizeLinear: round half to even (as ONNX), saturate to [lo, hi]."""
    q = torch.clamp(torch.round(x / scale) + zero_point, lo, hi)
    return (q - zero_point) * scale


class Observer:
    """Exact min/max and a bounded random subsample per tensor, for min/max or percentile ranges."""

    def __init__(self, seed=0):
        self.stats = {}
        self.gen = torch.Generator().manual_seed(seed)

    def see(self, name, x, y):
        for kind, t in (("input", x), ("output", y)):
            flat = t.detach().reshape(-1)
            if flat.numel() > SUBSAMPLE:
                flat = flat[torch.randint(flat.numel(), (SUBSAMPLE,), generator=self.gen)]
            s = self.stats.setdefault((name, kind), {"min": float("inf"), "max": float("-inf"), "values": []})
            s["min"] = min(s["min"], float(t.min()))
            s["max"] = max(s["max"], float(t.max()))
            s["values"].append(flat.numpy().copy())

    def range(self, name, kind, method):
        """(lo, hi) containing 0, so that zero (state at reset, padding) is exactly representable."""
        s = self.stats[(name, kind)]
        if method == "minmax":
            lo, hi = s["min"], s["max"]
        else:
            pct = float(method[1:])
            values = np.concatenate(s["values"])
            lo, hi = np.percentile(values, [100.0 - pct, pct])
        return min(0.0, float(lo)), max(0.0, float(hi))


class Comparer:
    """Per-layer SNR of the quantised layer output against the float one, on the same float input."""

    def __init__(self):
        self.energy = {}

    def see(self, name, y, yq):
        e = self.energy.setdefault(name, [0.0, 0.0])
        e[0] += float((y.double() ** 2).sum())
        e[1] += float(((y - yq).double() ** 2).sum())

    def snr(self):
        return {n: snr_db_from(s, e) for n, (s, e) in self.energy.items()}


def snr_db_from(signal, error):
    if error == 0:
        return float("inf")
    return 10.0 * np.log10(max(signal, 1e-30) / error)


def snr_db(reference, test):
    reference, test = np.asarray(reference, np.float64), np.asarray(test, np.float64)
    return snr_db_from(float((reference ** 2).sum()), float(((reference - test) ** 2).sum()))
