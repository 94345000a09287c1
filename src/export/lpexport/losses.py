"""Multi-scale spectral distance (training loss and evaluation measure)."""
import torch

SCALES = (2048, 1024, 512, 256, 128, 64)
_windows = {}


def _magnitude(x, n):
    key = (n, x.device)
    if key not in _windows:
        _windows[key] = torch.hann_window(n, device=x.device)
    spec = torch.stft(x.reshape(-1, x.shape[-1]), n, hop_length=n // 4, win_length=n,
                      window=_windows[key], center=True, return_complex=True)
    return spec.abs()


def multiscale_spectral(x, y, scales=SCALES, eps=1e-5):
    """Sum over window sizes of a linear term (spectral convergence: relative Frobenius error,
    which weighs loud partials) and a log term (mean |log S - log S^|, which weighs quiet
    detail and the noise floor). Several sizes trade time against frequency resolution."""
    total = x.new_zeros(())
    for n in scales:
        sx, sy = _magnitude(x, n), _magnitude(y, n)
        lin = torch.linalg.norm(sx - sy) / (torch.linalg.norm(sx) + eps)
        log = (torch.log(sx + eps) - torch.log(sy + eps)).abs().mean()
        total = total + lin + log
    return total


def envelope_distance(x, y, lag, frame=480, floor=1e-4):
    """Mean |log RMS(y) - log RMS(x)| over 10 ms frames, with y taken `lag` samples later (the model's
    latency), over frames where the input is above `floor` (-80 dB) so silence does not count. It asks the
    output's loudness to follow the player's frame by frame, which the spectral terms weigh only loosely:
    their windows are up to 43 ms long and the log term averages over every bin."""
    x = x.reshape(x.shape[0], -1)
    y = y.reshape(y.shape[0], -1)
    if lag > 0:
        x, y = x[:, :-lag], y[:, lag:]
    n = x.shape[-1] // frame
    ex = x[:, : n * frame].reshape(x.shape[0], n, frame).pow(2).mean(-1).add(floor * floor).sqrt()
    ey = y[:, : n * frame].reshape(y.shape[0], n, frame).pow(2).mean(-1).add(floor * floor).sqrt()
    voiced = (ex > 10 * floor).float()
    return ((ex.log() - ey.log()).abs() * voiced).sum() / voiced.sum().clamp(min=1.0)
