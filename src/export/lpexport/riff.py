"""A guitar-like evaluation riff by Karplus-Strong plucked-string synthesis (numpy only).

    python3 -m lpexport.riff --out riff.wav [--seed 7] [--seconds 12]

Not rendered from the soundfont on purpose: it checks that the model follows a plucked string
it never saw in training. A minor-pentatonic line with power chords, palm-muted-like short
notes and ringing ones, at 48 kHz mono.
"""
import argparse

import numpy as np

from .audio import write_wav

RATE = 48000


def pluck(freq, seconds, rng, brightness=0.5, decay=0.996):
    """One string: a noise burst circulating in a delay line of one period, averaged (lowpass)
    and damped on each pass. Computed a period at a time, since each period depends only on the
    one before it."""
    n = int(seconds * RATE)
    period = max(2, int(round(RATE / freq)))
    burst = rng.uniform(-1, 1, period)
    # A one-pole lowpass on the excitation sets the pick's brightness.
    for i in range(1, period):
        burst[i] = brightness * burst[i] + (1 - brightness) * burst[i - 1]
    y = np.zeros(n + period + 1)
    y[1:period + 1] = burst - burst.mean()
    start = period + 1
    while start < len(y):
        end = min(start + period, len(y))
        prev = y[start - period:end - period]
        prev1 = y[start - period - 1:end - period - 1]
        y[start:end] = decay * 0.5 * (prev + prev1)
        start = end
    return y[1:n + 1]


def midi_hz(note):
    return 440.0 * 2 ** ((note - 69) / 12)


def make_riff(seed=7, seconds=12.0, bpm=110.0, monophonic=False):
    """The riff; `monophonic` plays single notes only (no power chords), for pitch-following measures."""
    rng = np.random.default_rng(seed)
    out = np.zeros(int(seconds * RATE) + RATE)
    eighth = 60.0 / bpm / 2
    scale = [40, 43, 45, 47, 50, 52, 55, 57, 59, 62, 64]  # E minor pentatonic, E2..E4
    t = 0.0
    while t < seconds:
        kind = rng.choice(["single", "power", "mute", "rest"], p=[0.5, 0.2, 0.2, 0.1])
        if monophonic and kind == "power":
            kind = "single"
        length = eighth * float(rng.choice([1, 1, 2, 3]))
        if kind != "rest":
            root = int(rng.choice(scale[:8]))
            notes = [root, root + 7, root + 12] if kind == "power" else [root]
            ring = length * (0.35 if kind == "mute" else 1.6)
            decay = 0.985 if kind == "mute" else 0.997
            amp = float(rng.uniform(0.4, 1.0))
            for j, note in enumerate(notes):
                s = pluck(midi_hz(note), ring, rng, brightness=float(rng.uniform(0.3, 0.8)), decay=decay)
                fade = np.minimum(1.0, np.linspace(ring * 200, 0, len(s)))  # 5 ms release, no click
                i0 = int((t + 0.012 * j) * RATE)
                seg = out[i0:i0 + len(s)]  # a view: the last notes may run past the buffer
                out[i0:i0 + len(seg)] = seg + (amp * s * fade)[:len(seg)]
        t += length
    out = out[:int(seconds * RATE)]
    return (0.8 * out / np.max(np.abs(out))).astype(np.float32)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--seconds", type=float, default=12.0)
    ap.add_argument("--monophonic", action="store_true", help="single notes only (pitch-following tests)")
    args = ap.parse_args(argv)
    write_wav(args.out, make_riff(args.seed, args.seconds, monophonic=args.monophonic), RATE)


if __name__ == "__main__":
    main()
