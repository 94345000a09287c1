"""The pedal's own model for training: a RAVE v2-style configuration (spec.py) on the import's blocks.

    model = RaveAutoencoder(latent_size=8)      # weight-normalised, PQMF frozen
    y, kl, mean = model(audio)                  # a training pass from the initial (zero) state

The same object exports through graphs.EncoderGraph/DecoderGraph after `fold()`, so the pedal runs
the trained model on exactly the code that runs every imported RAVE model.
Training draws the noise generator's noise afresh (as RAVE's forward does); the pedal feeds it from
the engine's seeded generator.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.weight_norm import WeightNorm

from .blocks import Conv, ConvT
from .graphs import RaveModel, RaveStream
from .spec import DEFAULT, build_tree


class RaveAutoencoder(nn.Module):
    def __init__(self, free_bits=0.0, **config):
        super().__init__()
        # A training setting, not part of the model: the exported graphs never see it.
        self.free_bits = free_bits
        # How much of the posterior's noise the decoder hears (the training loop ramps it up from 0): a
        # decoder that also hears the player ignores a latent that starts out as noise (src/export/README.md).
        self.noise_scale = 1.0
        # Weight of the latent-only reconstruction (see forward); the training loop sets it.
        self.latent_only_weight = 0.0
        self.latent_only = None
        self.config = {**DEFAULT, **config, "arch": "rave"}
        tree_config = {k: v for k, v in self.config.items() if k != "arch"}
        self.model = RaveModel(build_tree(tree_config))
        frozen = {id(self.model.pqmf.analysis), id(self.model.pqmf.synthesis)}
        if self.model.excitation is not None:  # a fixed filter bank and a fixed average
            frozen |= {id(self.model.excitation.analysis), id(self.model.excitation.envelope)}
        for m in self.model.modules():
            if isinstance(m, (Conv, ConvT)) and id(m) not in frozen:
                m.weight.requires_grad_(True)
                if m.bias is not None:
                    m.bias.requires_grad_(True)
                torch.nn.utils.weight_norm(m, "weight")
        # Snake or BatchNorm parameters would train too; this configuration has none.

    @property
    def hop(self):
        return self.model.hop

    def posterior(self, audio, s):
        raw = self.model.encoder(self.model.pqmf.analyse(audio, s), s)
        mean, scale = raw.chunk(2, dim=1)
        return mean, F.softplus(scale) + 1e-4

    def synthesise(self, z, audio, s):
        """Audio from latent frames z (the full latent, before any PCA); `audio` is the input they came
        from, which a model with an Excitation layer filters."""
        if self.model.excitation is not None:
            s.excitation = self.model.excitation(audio, s)
        return self.model.pqmf.synthesise(self.model.decoder(z, s), s)

    def forward(self, audio):
        """(reconstruction, KL per latent frame, posterior mean), from the initial state. With `free_bits`
        (nats per dimension), a dimension's KL below it costs nothing: the KL returned is the sum over
        dimensions of max(KL_d, free_bits), what the loss weighs."""
        mean, std = self.posterior(audio, RaveStream(random_noise=True))
        z = mean + self.noise_scale * std * torch.randn_like(std)
        kl_dims = 0.5 * (mean ** 2 + std ** 2 - 2 * torch.log(std) - 1).mean((0, 2))
        kl = torch.clamp(kl_dims, min=float(self.free_bits)).sum()
        s = RaveStream(random_noise=True)
        y = self.synthesise(z, audio, s)
        self.latent_only = None
        if self.latent_only_weight and self.model.excitation is not None:
            # The same decoder with white noise in place of the player's whitened bands: everything but the
            # fine structure must then come from the latent, so ignoring the latent costs something.
            s2 = RaveStream(random_noise=True)
            s2.excitation = torch.randn_like(s.excitation)
            self.latent_only = self.model.pqmf.synthesise(self.model.decoder(z, s2), s2)
        return y, kl, mean

    def fold(self):
        """Weight norm folded into plain weights (in place), for export; returns the RaveModel."""
        for m in self.model.modules():
            for hook in list(m._forward_pre_hooks.values()):
                if isinstance(hook, WeightNorm):
                    torch.nn.utils.remove_weight_norm(m, hook.name)
        return self.model.eval()
