"""The streaming delay of an imported RAVE model, computed from its structure (exact, weight-free).

A cached convolution streams with all its padding in front (the cache), so against the same layer
run offline with its own padding it is late by the padding the offline layer puts on the right:
RAVE's "centered" mode pads p//2 on the right (p = (k-1)·d + 1), "causal" pads nothing there.
Alignment paddings (the `crop` caches in front of residual branches) are pure delays, transposed
convolutions are late by their padding, strides divide the delay. Propagating that through the
model gives how far the streaming output lags the offline (zero-phase) output, which for a trained
model is the lag of its output behind its input: the number the pedal needs to align the dry signal.
The file does not record the padding mode; a centred model must delay the skip branch of its
residual blocks, a causal one never does, and that tells them apart.
"""
from .blocks import (PQMF, Act, Align, Branches, Conv, ConvT, Generator, GeneratorV2, Identity, Net, Noise, Norm,
                     Pad, Residual, ResidualStack, Seq, Snake)


def is_causal(model):
    for m in model.modules():
        if isinstance(m, Pad) and m.crop and m.padding > 0:
            return False
    return True


def _pad(m, d, causal):
    if m.crop:
        return d + m.padding
    right = 0 if causal else m.padding - m.padding // 2
    return d + right


def delay(m, d, causal):
    """Delay at the output of `m`, in frames of its output rate, given `d` at its input."""
    if isinstance(m, Pad):
        return _pad(m, d, causal)
    if isinstance(m, Conv):
        return _pad(m.cache, _pad(m.delay, d, causal), causal) / m.stride
    if isinstance(m, ConvT):
        return d * m.r + m.r // 2
    if isinstance(m, (Act, Norm, Identity, Snake)):
        return d
    if isinstance(m, Seq):
        for layer in m.layers:
            d = delay(layer, d, causal)
        return d
    if isinstance(m, Net):
        return delay(m.net, d, causal)
    if isinstance(m, Align):
        return max(delay(b, delay(p, d, causal), causal) for b, p in zip(m.branches, m.paddings))
    if isinstance(m, Branches):
        return max(delay(b, d, causal) for b in m.branches)
    if isinstance(m, Residual):
        return delay(m.aligned, d, causal)
    if isinstance(m, ResidualStack):
        return delay(m.net, d, causal)
    if isinstance(m, Generator):
        x = delay(m.net, d, causal)
        return delay(m.synth.branches[0], delay(m.synth.paddings[0], x, causal), causal)
    if isinstance(m, GeneratorV2):
        x = delay(m.net, d, causal)
        return delay(m.wave, x, causal) if m.wave is not None else x
    if isinstance(m, Noise):
        return d
    raise TypeError(f"no delay rule for {type(m).__name__}")


def model_delay(model):
    """(total samples, detail) for encoder + decoder through the PQMF, from sample 0 of the input."""
    causal = is_causal(model)
    bands = delay(model.pqmf.analysis, 0.0, causal)
    latent = delay(model.encoder, bands, causal)
    decoded = delay(model.decoder, latent, causal)
    out_bands = delay(model.pqmf.synthesis, decoded, causal)
    samples = out_bands * model.pqmf.m
    return int(round(samples)), {"padding": "causal" if causal else "centred",
                                 "pqmf_analysis_band_frames": bands, "encoder_latent_frames": latent,
                                 "decoder_band_frames": decoded, "total_samples": samples}
