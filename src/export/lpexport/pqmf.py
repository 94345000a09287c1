"""Pseudo-QMF (cosine-modulated) filter bank, streaming, polyphase.

Design (textbook: Vaidyanathan, "Multirate Systems and Filter Banks", ch. 8; Lin & Vaidyanathan
1998, Kaiser-window approach):
- prototype lowpass h[n] = sinc windowed by a Kaiser window of length N = taps_per_band * M, with
  beta from the requested stopband attenuation;
- its cutoff is searched so that h*h is close to a 2M-th band (Nyquist) filter, which is what makes
  adjacent-band aliasing cancel and the bank nearly perfect-reconstructing;
- band k: h_k[n] = 2 h[n] cos((2k+1) pi/(2M) (n - (N-1)/2) + (-1)^k pi/4), synthesis with -pi/4.

Implementation: the signal is folded into M phases (a reshape, no arithmetic), and both analysis
and synthesis become stride-1 causal convolutions at the band rate over M channels with
N/M taps. So the filter bank is two CausalConv1d layers and streams with the same state rules
as the rest of the model. The per-call length must be a multiple of M.
"""
import math

import numpy as np
import torch
import torch.nn as nn

from .layers import CausalConv1d


def kaiser_beta(attenuation_db):
    a = attenuation_db
    if a > 50:
        return 0.1102 * (a - 8.7)
    if a >= 21:
        return 0.5842 * (a - 21) ** 0.4 + 0.07886 * (a - 21)
    return 0.0


def prototype(bands, taps, attenuation_db):
    """Kaiser-windowed lowpass whose cutoff minimises the Nyquist(2M) error of h*h."""
    n = np.arange(taps) - (taps - 1) / 2
    window = np.kaiser(taps, kaiser_beta(attenuation_db))

    def design(cutoff):
        h = cutoff / np.pi * np.sinc(cutoff / np.pi * n) * window
        return h / h.sum()

    def error(cutoff):
        h = design(cutoff)
        g = np.convolve(h, h)
        centre = len(g) // 2
        # Samples of g at nonzero multiples of 2M should vanish; g itself is symmetric.
        side = g[centre % (2 * bands)::2 * bands]
        side = side[np.abs(np.arange(len(side)) * 2 * bands + centre % (2 * bands) - centre) > 0]
        return float(np.max(np.abs(side))) / float(g[centre])

    # Golden-section search around the ideal pi/(2M); the error is unimodal in this bracket.
    lo, hi = 0.5 * np.pi / (2 * bands), 1.5 * np.pi / (2 * bands)
    phi = (math.sqrt(5) - 1) / 2
    a, b = hi - phi * (hi - lo), lo + phi * (hi - lo)
    fa, fb = error(a), error(b)
    for _ in range(80):
        if fa < fb:
            hi, b, fb = b, a, fa
            a = hi - phi * (hi - lo)
            fa = error(a)
        else:
            lo, a, fa = a, b, fb
            b = lo + phi * (hi - lo)
            fb = error(b)
    return design((lo + hi) / 2)


def filter_bank(bands, taps, attenuation_db):
    h = prototype(bands, taps, attenuation_db)
    n = np.arange(taps) - (taps - 1) / 2
    k = np.arange(bands)[:, None]
    arg = (2 * k + 1) * np.pi / (2 * bands) * n[None, :]
    sign = np.where(k % 2 == 0, 1.0, -1.0) * np.pi / 4
    analysis = 2 * h[None, :] * np.cos(arg + sign)
    synthesis = 2 * h[None, :] * np.cos(arg - sign)
    return analysis, synthesis


class PQMF(nn.Module):
    def __init__(self, bands=16, taps_per_band=24, attenuation_db=100.0):
        super().__init__()
        self.bands, self.taps = bands, taps_per_band * bands
        analysis, synthesis = filter_bank(bands, self.taps, attenuation_db)
        M, K = bands, taps_per_band
        # Polyphase weights. Analysis output m is sum_n h_k[n] x[(m+1)M-1-n]; with n = qM + r
        # that reads phase p = M-1-r of frame m-q, i.e. conv tap K-1-q.
        wa = analysis.reshape(M, K, M)[:, ::-1, ::-1].copy()          # [k, K-1-q, p]
        wa = wa.transpose(0, 2, 1)                                      # [k, p, tap]
        # Synthesis: x[mM+p] = M * sum_k sum_j g_k[jM+p] v_k[m-j]; the factor M undoes the
        # decimation's 1/M energy loss.
        ws = M * synthesis.reshape(M, K, M)[:, ::-1, :]                  # [k, K-1-j, p]
        ws = ws.transpose(2, 0, 1).copy()                               # [p, k, tap]
        self.analysis = CausalConv1d(M, M, K, bias=False)
        self.synthesis = CausalConv1d(M, M, K, bias=False)
        with torch.no_grad():
            self.analysis.weight.copy_(torch.from_numpy(np.ascontiguousarray(wa)).float())
            self.synthesis.weight.copy_(torch.from_numpy(np.ascontiguousarray(ws)).float())
        # Fixed filters: part of the architecture, not trained.
        self.analysis.weight.requires_grad_(False)
        self.synthesis.weight.requires_grad_(False)

    def forward(self, x, stream):
        """[B, 1, T] -> [B, M, T/M]."""
        b, _, t = x.shape
        phases = x.reshape(b, t // self.bands, self.bands).transpose(1, 2)
        return self.analysis(phases, stream)

    def inverse(self, bands, stream):
        """[B, M, T/M] -> [B, 1, T]."""
        y = self.synthesis(bands, stream)
        # flatten/unsqueeze rather than reshape(b, 1, n): no traced shape arithmetic in the graph.
        return y.transpose(1, 2).flatten(1).unsqueeze(1)
