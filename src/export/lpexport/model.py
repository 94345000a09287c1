"""RAVE-style multiband autoencoder, causal, built from explicit-state streaming layers.

Layer structure follows RAVE v1 (Caillon & Esling 2021) closely enough that converting real RAVE
weights is a renaming/reshaping job:
  PQMF analysis (16 bands) -> encoder: conv k7, then per ratio [LeakyReLU, strided conv k=2r+1],
  LeakyReLU, conv k5 (groups=2: mean and scale halves) -> latent (8 dims)
  decoder: conv k7, then per ratio [LeakyReLU, transposed conv k=2r stride r, residual stack of
  3 dilated units (dilation 1, 3, 9)], then waveform conv k7 (tanh) times loudness conv k3
  (RAVE's mod_sigmoid) -> PQMF synthesis.
The exporter turns each transposed conv into its polyphase Conv form (layers.PolyphaseUpsample1d):
same numbers, plain Conv nodes in the graph.
Differences from RAVE v1, on purpose: every conv is causal (the pedal streams), no BatchNorm in
the encoder (it trains badly with batch 8 and streams no better), and no noise branch (RAVE's
uses FFT filtering, which torch 1.13 cannot export, and a random branch would make the pedal's
output non-deterministic).

Total hop = bands * prod(ratios) = 16 * 128 = 2048 at 48 kHz.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from .layers import CausalConv1d, CausalConvTranspose1d, Stream
from .pqmf import PQMF

DEFAULT_CONFIG = dict(
    sample_rate=48000,
    channels=1,
    bands=16,
    pqmf_taps_per_band=24,
    pqmf_attenuation_db=100.0,
    capacity=16,
    ratios=[4, 4, 4, 2],
    latent_size=8,
    res_kernel=3,
    res_dilations=[1, 3, 9],
)

SLOPE = 0.2


def mod_sigmoid(x):
    # RAVE's loudness nonlinearity: a sigmoid bent so that small logits reach near-silence.
    return 2 * torch.sigmoid(x) ** math.log(10) + 1e-7


class ResidualUnit(nn.Module):
    def __init__(self, dim, kernel, dilation):
        super().__init__()
        self.conv1 = CausalConv1d(dim, dim, kernel, dilation=dilation)
        self.conv2 = CausalConv1d(dim, dim, kernel)

    def forward(self, x, s):
        y = self.conv1(F.leaky_relu(x, SLOPE), s)
        y = self.conv2(F.leaky_relu(y, SLOPE), s)
        return x + y


class DownBlock(nn.Module):
    def __init__(self, in_dim, out_dim, ratio):
        super().__init__()
        self.conv = CausalConv1d(in_dim, out_dim, 2 * ratio + 1, stride=ratio)

    def forward(self, x, s):
        return self.conv(F.leaky_relu(x, SLOPE), s)


class UpBlock(nn.Module):
    def __init__(self, in_dim, out_dim, ratio, kernel, dilations):
        super().__init__()
        self.upsample = CausalConvTranspose1d(in_dim, out_dim, 2 * ratio, ratio)
        # Attributes rather than a ModuleList so ONNX names read decoder.up2.res1.conv1.weight.
        self.units = len(dilations)
        for j, d in enumerate(dilations):
            setattr(self, f"res{j}", ResidualUnit(out_dim, kernel, d))

    def forward(self, x, s):
        x = self.upsample(F.leaky_relu(x, SLOPE), s)
        for j in range(self.units):
            x = getattr(self, f"res{j}")(x, s)
        return x


class Encoder(nn.Module):
    def __init__(self, bands, capacity, ratios, latent_size):
        super().__init__()
        self.conv_in = CausalConv1d(bands, capacity, 7)
        self.blocks = len(ratios)
        for i, r in enumerate(ratios):
            setattr(self, f"down{i}", DownBlock(capacity * 2 ** i, capacity * 2 ** (i + 1), r))
        self.conv_out = CausalConv1d(capacity * 2 ** len(ratios), 2 * latent_size, 5, groups=2)

    def forward(self, bands, s):
        x = self.conv_in(bands, s)
        for i in range(self.blocks):
            x = getattr(self, f"down{i}")(x, s)
        return self.conv_out(F.leaky_relu(x, SLOPE), s)


class Decoder(nn.Module):
    def __init__(self, bands, capacity, ratios, latent_size, kernel, dilations):
        super().__init__()
        top = capacity * 2 ** len(ratios)
        self.conv_in = CausalConv1d(latent_size, top, 7)
        self.blocks = len(ratios)
        for i, r in enumerate(reversed(ratios)):
            setattr(self, f"up{i}", UpBlock(top // 2 ** i, top // 2 ** (i + 1), r, kernel, dilations))
        self.wave = CausalConv1d(capacity, bands, 7)
        self.loudness = CausalConv1d(capacity, 1, 3)

    def forward(self, z, s):
        x = self.conv_in(z, s)
        for i in range(self.blocks):
            x = getattr(self, f"up{i}")(x, s)
        x = F.leaky_relu(x, SLOPE)
        return torch.tanh(self.wave(x, s)) * mod_sigmoid(self.loudness(x, s))


class Autoencoder(nn.Module):
    def __init__(self, **config):
        super().__init__()
        self.config = {**DEFAULT_CONFIG, **config}
        c = self.config
        self.pqmf = PQMF(c["bands"], c["pqmf_taps_per_band"], c["pqmf_attenuation_db"])
        self.encoder = Encoder(c["bands"], c["capacity"], c["ratios"], c["latent_size"])
        self.decoder = Decoder(c["bands"], c["capacity"], c["ratios"], c["latent_size"],
                               c["res_kernel"], c["res_dilations"])

    @property
    def hop(self):
        return self.config["bands"] * math.prod(self.config["ratios"])

    def posterior(self, audio, s):
        """audio [B,1,T] -> (mean, std), each [B, L, T/hop]."""
        mean, scale = self.encoder(self.pqmf(audio, s), s).chunk(2, dim=1)
        return mean, F.softplus(scale) + 1e-4

    def decode(self, z, s):
        return self.pqmf.inverse(self.decoder(z, s), s)

    def forward(self, audio):
        """Training pass from reset: (reconstruction, KL per latent frame, posterior mean)."""
        mean, std = self.posterior(audio, Stream())
        z = mean + std * torch.randn_like(std)
        kl = 0.5 * (mean ** 2 + std ** 2 - 2 * torch.log(std) - 1).sum(1).mean()
        return self.decode(z, Stream()), kl, mean


def count_parameters(model, trainable_only=True):
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)
