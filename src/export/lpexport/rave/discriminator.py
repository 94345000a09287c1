"""Adversarial fine-tuning, as RAVE's second training phase (Caillon & Esling 2021, section 3.2).

A multi-scale discriminator (MelGAN's: the same convolutional critic at the waveform's rate and at
1/2 and 1/4 of it) judges real and decoded audio. The decoder is trained with the hinge loss plus
feature matching (L1 between the critic's hidden activations on real and decoded audio, averaged over
layers and scales) on top of the spectral distance; the encoder is frozen, as in RAVE. A critic hears
what a spectral distance barely penalises: narrow fixed lines, a comb locked to the frame grid,
smeared transients.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Critic(nn.Module):
    """Strided 1-D convolutions with weight norm and leaky ReLU; returns every layer's activation."""

    def __init__(self, capacity=16, layers=4, kernel=15, stride=4):
        super().__init__()
        convs = [nn.Conv1d(1, capacity, kernel, padding=kernel // 2)]
        ch = capacity
        for _ in range(layers):
            nxt = min(ch * 4, 512)
            convs.append(nn.Conv1d(ch, nxt, kernel + 1, stride=stride, padding=kernel // 2, groups=max(1, ch // 16)))
            ch = nxt
        convs.append(nn.Conv1d(ch, ch, 5, padding=2))
        convs.append(nn.Conv1d(ch, 1, 3, padding=1))
        self.convs = nn.ModuleList(nn.utils.weight_norm(c) for c in convs)

    def forward(self, x):
        features = []
        for i, conv in enumerate(self.convs):
            x = conv(x)
            if i != len(self.convs) - 1:
                x = F.leaky_relu(x, 0.2)
            features.append(x)
        return features


class MultiScaleDiscriminator(nn.Module):
    def __init__(self, scales=3, capacity=16):
        super().__init__()
        self.critics = nn.ModuleList(Critic(capacity) for _ in range(scales))

    def forward(self, x):
        out = []
        for i, critic in enumerate(self.critics):
            out.append(critic(x))
            if i != len(self.critics) - 1:
                x = F.avg_pool1d(x, 4, 2, padding=1)
        return out


def discriminator_loss(real_out, fake_out):
    """Hinge loss for the critic."""
    loss = 0.0
    for r, f in zip(real_out, fake_out):
        loss = loss + F.relu(1 - r[-1]).mean() + F.relu(1 + f[-1]).mean()
    return loss


def generator_losses(real_out, fake_out):
    """(adversarial hinge loss, feature matching) for the decoder."""
    adv, fm, count = 0.0, 0.0, 0
    for r, f in zip(real_out, fake_out):
        adv = adv - f[-1].mean()
        for fr, ff in zip(r[:-1], f[:-1]):
            fm = fm + (fr.detach() - ff).abs().mean()
            count += 1
    return adv, fm / max(1, count)
