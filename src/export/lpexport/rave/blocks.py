"""RAVE's building blocks as explicit-state streaming modules, built from a TorchScript RAVE export.

A RAVE streaming export (`rave export --streaming`) is a tree of modules whose only memory is held
by two kinds of leaf: the cached padding in front of every convolution (a buffer of the last input
frames) and the overlap cache of every transposed convolution. Everything else is stateless. So one
streaming implementation of each block type, with those two memories turned into graph inputs and
outputs (`layers.Stream`), reproduces the exported model call for call.

`build(ts_module)` walks the loaded TorchScript tree and returns our module for each node, keyed by
the node's class name (`original_name`), reading its hyper-parameters (kernel, stride, dilation,
groups, padding lengths, slopes, flags) and its weights from the file. A class we do not know is an
`Unsupported` error naming it, so an import fails with one line instead of computing something else.

Semantics reproduced (each checked against the TorchScript module by lpexport.rave.verify):
- cached padding: y = cat(cache, x); the new cache is the tail of y; a "crop" padding (the
  alignment delays) drops that tail from y, so it is a pure delay;
- cached conv: downsampling-delay padding, then cached padding, then a valid convolution;
- transposed conv (kernel 2r, stride r, padding r/2): written here as a kernel-1 Conv giving all 2r
  taps per input frame (so ONNX Runtime reads its weight at run time and int8 fuses it), whose second
  half is overlap-added into the next frame; the overlap cache is exactly RAVE's `cache` buffer;
- PQMF: analysis conv + the per-call odd-band sign flip (`reverse_half`), synthesis the reverse;
- the noise generator: mod_sigmoid(net(x) - 5) as a magnitude response, turned into a windowed
  zero-phase impulse response (a fixed linear map, precomputed here instead of an inverse FFT, which
  torch 1.13 cannot export), convolved with uniform noise given as a graph input (a causal linear
  convolution over the frame, as a lower-triangular Toeplitz matrix built with one Gather).
Initial states are the values saved in the file (row 0 of each 64-row buffer), as the exported
module starts from them.
"""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Unsupported(Exception):
    """The model holds something this converter does not implement; the message names it."""


def _mod_sigmoid(x):
    return 2 * torch.sigmoid(x) ** 2.3 + 1e-7


def _t(v):
    """A TorchScript attribute that may be a 1-tuple/list or a number, as an int."""
    if isinstance(v, (list, tuple)):
        return int(v[0])
    return int(v)


class Ctx:
    """Build-time context: names for parameters, and the collected noise inputs."""

    def __init__(self):
        self.noise_shapes = []
        self.excitation = False  # the noise generators filter the player's signal (Excitation), not noise


class Pad(nn.Module):
    """cached_conv.CachedPadding1d: a cache of the last `padding` input frames in front of the input."""

    def __init__(self, ts, ctx):
        super().__init__()
        self.padding = int(ts.padding)
        self.crop = bool(ts.crop)
        # A buffer, so it follows the model to the training device; not saved (the file is the source).
        self.register_buffer("init", ts.pad[:1].detach().clone() if self.padding else None, persistent=False)

    def forward(self, x, s):
        if not self.padding:
            return x
        xc = torch.cat([s.take(self.init, x), x], dim=-1)
        s.put(xc[..., -self.padding:])
        return xc[..., :-self.padding] if self.crop else xc


class Conv(nn.Module):
    """cached_conv.CachedConv1d."""

    def __init__(self, ts, ctx):
        super().__init__()
        self.delay = Pad(ts.downsampling_delay, ctx)
        self.cache = Pad(ts.cache, ctx)
        self.weight = nn.Parameter(ts.weight.detach().clone(), requires_grad=False)
        b = ts.bias
        self.bias = nn.Parameter(b.detach().clone(), requires_grad=False) if b is not None else None
        self.stride, self.dilation, self.groups = _t(ts.stride), _t(ts.dilation), int(ts.groups)
        if _t(ts.padding) != 0:
            raise Unsupported("CachedConv1d with built-in padding")
        self.observe = None

    def forward(self, x, s):
        x = self.cache(self.delay(x, s), s)
        y = F.conv1d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)
        if self.observe is not None:  # int8 calibration: what the ONNX Conv reads and writes
            self.observe(self, x, y)
        return y


class PlainConv(nn.Module):
    """torch.nn.Conv1d / cached_conv.Conv1d without cache (offline exports): refused for streaming."""


class ConvT(nn.Module):
    """cached_conv.CachedConvTranspose1d (kernel 2r, stride r, padding r/2), as a kernel-1 Conv.

    Output frame t of a transposed conv with kernel 2r and stride r is W[:, :, :r]·x[t] plus the
    overlap W[:, :, r:]·x[t-1]. RAVE's streaming layer keeps that overlap of the last frame as its
    `cache` (C_out × r); we compute both halves with one Conv of 2r·C_out outputs and carry the same
    cache, so the saved initial cache applies unchanged.
    """

    def __init__(self, ts, ctx):
        super().__init__()
        w = ts.weight.detach()  # [C_in, C_out, 2r]
        r, pad = _t(ts.stride), _t(ts.padding)
        c_in, c_out, k = w.shape
        if int(ts.groups) != 1 or _t(ts.dilation) != 1 or k != 2 * r or 2 * pad != r:
            raise Unsupported(f"CachedConvTranspose1d with kernel {k}, stride {r}, padding {pad}")
        self.r, self.c_out = r, c_out
        # taps[p * C_out + c, i, 0] = w[i, c, p] for p in 0..2r-1
        taps = w.permute(2, 1, 0).reshape(2 * r * c_out, c_in, 1).clone()
        self.weight = nn.Parameter(taps, requires_grad=False)
        b = ts.bias
        self.bias = nn.Parameter(b.detach().clone(), requires_grad=False) if b is not None else None
        self.register_buffer("init", ts.cache[:1].detach().clone(), persistent=False)  # [1, C_out, r]
        self.observe = None

    def forward(self, x, s):
        b, _, n = x.shape
        z = F.conv1d(x, self.weight)
        if self.observe is not None:
            self.observe(self, x, z)
        z = z.reshape(b, 2, self.r, self.c_out, n)
        head, tail = z[:, 0], z[:, 1]  # [B, r, C_out, n]
        cache = s.take(self.init, x)  # [B, C_out, r]
        s.put(tail[..., -1].permute(0, 2, 1))
        prev = torch.cat([cache.permute(0, 2, 1).unsqueeze(-1), tail[..., :-1]], dim=-1)
        y = (head + prev).permute(0, 2, 3, 1).reshape(b, self.c_out, -1)
        if self.bias is not None:
            y = y + self.bias.view(1, -1, 1)
        return y


class Act(nn.Module):
    def __init__(self, ts, ctx):
        super().__init__()
        self.slope = float(ts.negative_slope)

    def forward(self, x, s):
        return F.leaky_relu(x, self.slope)


class Snake(nn.Module):
    """RAVE's snake activation: x + sin²(αx)/α, α per channel."""

    def __init__(self, ts, ctx):
        super().__init__()
        self.alpha = nn.Parameter(ts.alpha.detach().clone(), requires_grad=False)

    def forward(self, x, s):
        a = self.alpha.view(1, -1, 1) if self.alpha.dim() == 1 else self.alpha
        return x + (a + 1e-9).reciprocal() * torch.sin(a * x) ** 2


class Norm(nn.Module):
    """BatchNorm1d in eval mode, folded to one per-channel affine."""

    def __init__(self, ts, ctx):
        super().__init__()
        inv = torch.rsqrt(ts.running_var.detach() + float(ts.eps))
        w = ts.weight.detach() if ts.weight is not None else torch.ones_like(inv)
        b = ts.bias.detach() if ts.bias is not None else torch.zeros_like(inv)
        scale = w * inv
        self.scale = nn.Parameter(scale.view(1, -1, 1).clone(), requires_grad=False)
        self.shift = nn.Parameter((b - ts.running_mean.detach() * scale).view(1, -1, 1).clone(), requires_grad=False)

    def forward(self, x, s):
        return x * self.scale + self.shift


class Identity(nn.Module):
    def __init__(self, ts=None, ctx=None):
        super().__init__()

    def forward(self, x, s):
        return x


class Seq(nn.Module):
    """CachedSequential / Sequential, and the blocks whose forward is `self.net(x)`."""

    def __init__(self, ts, ctx):
        super().__init__()
        self.layers = nn.ModuleList([build(c, ctx) for _, c in ts.named_children()])

    def forward(self, x, s):
        for layer in self.layers:
            x = layer(x, s)
        return x


class Net(nn.Module):
    """A block whose forward is exactly `self.net(x)`."""

    def __init__(self, ts, ctx):
        super().__init__()
        self.net = build(ts.net, ctx)

    def forward(self, x, s):
        return self.net(x, s)


class Align(nn.Module):
    """cached_conv.AlignBranches: each branch after its own alignment delay; returns the list."""

    def __init__(self, ts, ctx):
        super().__init__()
        self.branches = nn.ModuleList([build(c, ctx) for _, c in ts.branches.named_children()])
        self.paddings = nn.ModuleList([Pad(c, ctx) for _, c in ts.paddings.named_children()])

    def forward(self, x, s):
        return [branch(pad(x, s), s) for branch, pad in zip(self.branches, self.paddings)]


class Branches(nn.Module):
    def __init__(self, ts, ctx):
        super().__init__()
        self.branches = nn.ModuleList([build(c, ctx) for _, c in ts.branches.named_children()])

    def forward(self, x, s):
        return [branch(x, s) for branch in self.branches]


class Residual(nn.Module):
    def __init__(self, ts, ctx):
        super().__init__()
        self.aligned = build(ts.aligned, ctx)

    def forward(self, x, s):
        net, res = self.aligned(x, s)
        return net + res


class ResidualStack(nn.Module):
    def __init__(self, ts, ctx):
        super().__init__()
        self.net = build(ts.net, ctx)

    def forward(self, x, s):
        outs = self.net(x, s)
        y = outs[0]
        for o in outs[1:]:
            y = y + o
        return y


class Noise(nn.Module):
    """NoiseGenerator (v1) and NoiseGeneratorV2: filtered uniform noise, the noise as a graph input.

    The magnitude frames amp[..., K] become impulse responses through RAVE's recipe (inverse real
    FFT of a zero-phase spectrum, centred, Hann-windowed, padded to the frame, rotated back), which is
    linear in amp and so one fixed [K, N] matrix; the noise is then filtered by a causal linear
    convolution truncated to the frame (what RAVE's zero-padded FFT convolution computes).
    """

    def __init__(self, ts, ctx):
        super().__init__()
        self.net = build(ts.net, ctx)
        self.bands = int(ts.data_size) * (int(ts.n_channels) if hasattr(ts, "n_channels") else 1)
        self.target = int(ts.target_size)
        self.index = None
        if not ctx.excitation:
            self.index = len(ctx.noise_shapes)
            ctx.noise_shapes.append(None)  # filled at the first call, when the frame count is known
        self.ctx = [ctx]
        self._fixed = None

    def _response(self, k):
        n = self.target
        filt = 2 * (k - 1)
        m = np.zeros((k, n), dtype=np.float64)
        win = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(filt) / filt)  # periodic Hann, as torch's default
        for i in range(k):
            spec = np.zeros(k, dtype=np.complex128)
            spec[i] = 1.0
            ir = np.fft.irfft(spec, n=filt)
            ir = np.roll(ir, filt // 2) * win
            # RAVE pads to the frame with F.pad, which crops when the response is the longer one.
            ir = np.pad(ir, (0, n - filt)) if n >= filt else ir[:n]
            m[i] = np.roll(ir, -(filt // 2))
        return torch.from_numpy(m.astype(np.float32))

    def forward(self, x, s):
        amp = _mod_sigmoid(self.net(x, s) - 5)  # [B, bands*K, T]
        # Sizes as Python ints: in an exported graph (one hop per call) they are constants, not Shape
        # arithmetic; in training they follow the crop.
        b, ck, t = (int(v) for v in amp.shape)
        n = self.target
        if self._fixed is None or self._fixed[0] != ck:
            k = ck // self.bands
            # The filter is linear in amp, so filtering the source by each of the K basis responses first and
            # weighting those by amp equals filtering by amp's response: one fixed [N, K*N] matrix, where
            # basis[j, k, m] = response[k, m - j] for m >= j (causal, truncated to the frame). One plain
            # matrix product then replaces a gathered Toeplitz matrix per frame and band and its batched
            # products, which in ONNX Runtime cost more in per-call overhead than in arithmetic.
            response = self._response(k)
            basis = torch.zeros(n, k, n)
            for j in range(n):
                basis[j, :, j:] = response[:, : n - j]
            self._fixed = (ck, k, basis.reshape(n, k * n))
        _, k, basis = self._fixed
        amp = amp.permute(0, 2, 1).reshape(b, t, self.bands, k, 1)
        if self.index is None:
            # The whitened player's signal, cut into the same frames as the noise would be.
            source = s.excitation.reshape(s.excitation.shape[0], self.bands, t, n).permute(0, 2, 1, 3)
        else:
            self.ctx[0].noise_shapes[self.index] = [1, t, self.bands, n]
            source = s.noise(self.index, [1, t, self.bands, n], x) * 2 - 1
        filtered = torch.matmul(source, basis.to(amp.device)).reshape(b, t, self.bands, k, n)
        noise = (filtered * amp).sum(dim=3)  # [B, T, bands, N]
        return noise.permute(0, 2, 1, 3).reshape(b, self.bands, t * n)


class Excitation(nn.Module):
    """The pedal's own models only (RAVE has no such layer): the player's signal as the noise generator's source.

    The hop of input audio is split by a copy of the model's PQMF analysis, and each band is whitened: divided
    by its causal RMS over `window` band samples (a fixed averaging conv), floored at `floor` so silence stays
    silent; with `keep_level`, multiplied back by the RMS of all bands together, so the level stays and only
    the spectral shape goes. The noise generator then filters these bands instead of uniform noise. A decoder fed only by a
    latent that holds still gives out the same waveform every hop, a buzz at the harmonics of the hop rate
    (src/export/README.md); filtering the player's own partials keeps their pitch and their phase, and the
    latent still has to supply every band's level and spectral shape, because the whitening removed them.
    """

    def __init__(self, ts, ctx):
        super().__init__()
        self.analysis = Conv(ts.analysis, ctx)
        self.envelope = Conv(ts.envelope, ctx)
        self.floor = float(ts.floor)
        self.keep_level = bool(getattr(ts, "keep_level", False))
        ctx.excitation = True

    def forward(self, audio, s):
        bands = PQMF._reverse_half(self.analysis(audio, s))
        power = self.envelope(bands * bands, s)
        floor = self.floor ** 2
        if not self.keep_level:
            return bands * torch.rsqrt(power + floor)
        # Every band brought to the mean power of all bands: the spectral shape goes, the level stays.
        level = power.mean(dim=1, keepdim=True)
        return bands * torch.sqrt((level + floor) / (power + floor))


class Generator(nn.Module):
    """RAVE v1's decoder: upsampling net, then waveform × mod_sigmoid(loudness) (+ noise when warmed up)."""

    def __init__(self, ts, ctx):
        super().__init__()
        self.net = build(ts.net, ctx)
        self.synth = build(ts.synth, ctx)
        self.use_noise = bool(ts.use_noise)
        self.loud_stride = int(ts.loud_stride)
        self.add_noise = self.use_noise and bool(int(ts.warmed_up))

    def forward(self, x, s):
        x = self.net(x, s)
        outs = self.synth(x, s)
        waveform, loudness = outs[0], outs[1]
        if self.loud_stride != 1:
            b, c, t = loudness.shape
            loudness = loudness.unsqueeze(-1).expand(b, c, t, self.loud_stride).reshape(b, 1, -1)
        y = torch.tanh(waveform) * _mod_sigmoid(loudness)
        if self.add_noise:
            y = y + outs[2]
        return y


class GeneratorV2(nn.Module):
    """RAVE v2's decoder: net, optional noise module and amplitude modulation, then tanh."""

    def __init__(self, ts, ctx):
        super().__init__()
        self.net = build(ts.net, ctx)
        self.noise = build(ts.noise_module, ctx) if ts.noise_module is not None else None
        self.wave = build(ts.waveform_module, ctx) if ts.waveform_module is not None else None
        self.am = bool(ts.amplitude_modulation)

    def forward(self, x, s):
        x = self.net(x, s)
        noise = self.noise(x, s) if self.noise is not None else None
        if self.wave is not None:
            x = self.wave(x, s)
        if self.am:
            half = x.shape[1] // 2
            x = x[:, :half] * torch.sigmoid(x[:, half:])
        if noise is not None:
            x = x + noise
        return torch.tanh(x)


class PQMF(nn.Module):
    """rave.pqmf.CachedPQMF: analysis conv + odd-band sign flip; synthesis the reverse."""

    def __init__(self, ts, ctx):
        super().__init__()
        self.bands = int(ts.n_band)
        if self.bands == 1:
            raise Unsupported("a model without PQMF (n_band = 1)")
        self.analysis = Conv(ts.forward_conv, ctx)
        self.synthesis = Conv(ts.inverse_conv, ctx)
        self.m = int(ts.hk.shape[0])

    @staticmethod
    def _reverse_half(x):
        # Sign flip of odd bands at even time indices, counted from the call's first frame (RAVE
        # applies it per call), so a constant mask for the fixed per-call length.
        _, c, t = (int(v) for v in x.shape)
        mask = np.ones((1, c, t), dtype=np.float32)
        mask[:, 1::2, ::2] = -1  # built in numpy: an indexed write in torch would export as ScatterND
        return x * torch.from_numpy(mask).to(x.device)

    def analyse(self, x, s):
        return self._reverse_half(self.analysis(x, s))

    def synthesise(self, x, s):
        x = self.synthesis(self._reverse_half(x), s) * self.m
        x = torch.flip(x, [1])
        b, m, t = x.shape
        return x.permute(0, 2, 1).reshape(b, 1, t * m)


def _unsupported(name):
    def fail(ts, ctx):
        raise Unsupported(f"layer {name}")
    return fail


BUILDERS = {
    "CachedPadding1d": Pad,
    "CachedConv1d": Conv,
    "CachedConvTranspose1d": ConvT,
    "LeakyReLU": Act,
    "Snake": Snake,
    "BatchNorm1d": Norm,
    "Identity": Identity,
    "CachedSequential": Seq,
    "Sequential": Seq,
    "AlignBranches": Align,
    "Branches": Branches,
    "Residual": Residual,
    "ResidualStack": ResidualStack,
    "ResidualBlock": Net,
    "ResidualLayer": Net,
    "DilatedUnit": Net,
    "UpsampleLayer": Net,
    "Encoder": Net,
    "EncoderV2": Net,
    "NoiseGenerator": Noise,
    "NoiseGeneratorV2": Noise,
    "Generator": Generator,
    "LPExcitation": Excitation,
    "GeneratorV2": GeneratorV2,
    # Known RAVE layers that cannot stream here, named so the user knows what stopped the import.
    "Conv1d": _unsupported("Conv1d without cache (this is an offline export: use `rave export --streaming`)"),
    "ConvTranspose1d": _unsupported("ConvTranspose1d without cache (offline export: use `rave export --streaming`)"),
    "GRU": _unsupported("GRU (recurrent_layer)"),
    "SampleNorm": _unsupported("SampleNorm"),
    "AdaptiveInstanceNormalization": _unsupported("AdaptiveInstanceNormalization (adain)"),
}


def build(ts, ctx):
    kind = ts.original_name
    builder = BUILDERS.get(kind)
    if builder is None:
        raise Unsupported(f"layer {kind}")
    return builder(ts, ctx)
