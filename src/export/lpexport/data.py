"""Rebuild the training and held-out sets from nothing.

Random MIDI phrases are written with lpexport.midi and rendered by fluidsynth through the
TimGM6mb General MIDI soundfont (Debian: fluidsynth, timgm6mb-soundfont) at 48 kHz, then mixed
to mono and stored as int16 .npy files next to the per-phrase WAVs. Everything derives from
one seed, so the same command gives the same data on any machine with the same packages.

    python3 -m lpexport.data --out /work/lp-train/data [--minutes 45] [--heldout-minutes 5]
"""
import argparse
import json
import os
import subprocess
import tempfile

import numpy as np

from .audio import read_wav, write_wav
from .midi import write_midi

SOUNDFONT = "/usr/share/sounds/sf2/TimGM6mb.sf2"
RATE = 48000

# (GM program, name, lowest, highest MIDI note, kind, weight). The pedal mostly sees guitar, so
# guitar-like programs carry about half the weight; sustained ones teach smooth envelopes.
INSTRUMENTS = [
    (24, "nylon_guitar", 40, 81, "pluck", 8),
    (25, "steel_guitar", 40, 81, "pluck", 8),
    (26, "jazz_guitar", 40, 81, "pluck", 6),
    (27, "clean_guitar", 40, 81, "pluck", 8),
    (28, "muted_guitar", 40, 72, "pluck", 3),
    (29, "overdrive_guitar", 40, 76, "pluck", 4),
    (30, "distortion_guitar", 40, 76, "pluck", 3),
    (33, "finger_bass", 28, 55, "pluck", 2),
    (0, "piano", 36, 88, "pluck", 4),
    (46, "harp", 36, 88, "pluck", 3),
    (12, "marimba", 48, 84, "pluck", 2),
    (48, "strings", 40, 84, "sustain", 4),
    (52, "choir", 48, 79, "sustain", 3),
    (61, "brass", 41, 77, "sustain", 3),
    (19, "church_organ", 36, 84, "sustain", 2),
    (16, "drawbar_organ", 36, 84, "sustain", 2),
    (73, "flute", 60, 96, "sustain", 3),
    (71, "clarinet", 50, 89, "sustain", 3),
    (42, "cello", 36, 72, "sustain", 2),
    (40, "violin", 55, 96, "sustain", 2),
]

SCALES = {
    "major": [0, 2, 4, 5, 7, 9, 11],
    "minor": [0, 2, 3, 5, 7, 8, 10],
    "pentatonic_minor": [0, 3, 5, 7, 10],
    "blues": [0, 3, 5, 6, 7, 10],
    "dorian": [0, 2, 3, 5, 7, 9, 10],
}


def _scale_notes(root, scale, low, high):
    return [n for n in range(low, high + 1) if (n - root) % 12 in SCALES[scale]]


def make_phrase(rng, seconds):
    """One phrase: an instrument, a key, and a mix of melody, arpeggios, chords and rests."""
    weights = np.array([i[5] for i in INSTRUMENTS], dtype=float)
    program, name, low, high, kind, _ = INSTRUMENTS[rng.choice(len(INSTRUMENTS), p=weights / weights.sum())]
    bpm = float(rng.uniform(70, 150))
    root = int(rng.integers(0, 12))
    scale = str(rng.choice(list(SCALES)))
    pool = _scale_notes(root, scale, low, high)
    total_beats = seconds * bpm / 60.0

    notes, t = [], 0.0
    idx = int(rng.integers(len(pool) // 4, 3 * len(pool) // 4))
    while t < total_beats - 1:
        mode = rng.choice(["melody", "arpeggio", "chord", "rest"], p=[0.45, 0.25, 0.2, 0.1])
        if mode == "rest":
            t += float(rng.choice([0.5, 1, 2]))
            continue
        if mode == "chord":
            # Triads/sevenths from scale degrees; plucked chords are strummed (small onsets offsets).
            base = int(rng.integers(0, max(1, len(pool) - 7)))
            chord = [pool[min(base + k, len(pool) - 1)] for k in (0, 2, 4, 6)[: int(rng.integers(3, 5))]]
            dur = float(rng.choice([1, 2, 4])) if kind == "sustain" else float(rng.choice([0.5, 1, 2]))
            vel = int(rng.integers(45, 115))
            for j, p in enumerate(chord):
                strum = 0.03 * j if kind == "pluck" else 0.0
                notes.append((t + strum, dur * 0.95, p, max(1, min(127, vel + int(rng.integers(-8, 9))))))
            t += dur
            continue
        count = int(rng.integers(3, 9))
        step = float(rng.choice([0.25, 0.5, 1.0] if kind == "pluck" else [0.5, 1.0, 2.0]))
        legato = float(rng.uniform(0.5, 1.0))
        vel = int(rng.integers(40, 120))
        for _ in range(count):
            if mode == "arpeggio":
                idx += int(rng.choice([-2, 2, 3, -3]))
            else:
                idx += int(rng.choice([-2, -1, -1, 0, 1, 1, 2, 4, -4]))
            idx = int(np.clip(idx, 0, len(pool) - 1))
            v = max(1, min(127, vel + int(rng.integers(-15, 16))))
            notes.append((t, step * legato, pool[idx], v))
            t += step
    return dict(program=program, instrument=name, kind=kind, bpm=bpm, root=root, scale=scale,
                notes=[n for n in notes if n[0] < total_beats])


def render(phrase, wav_path, tmpdir):
    mid = os.path.join(tmpdir, "phrase.mid")
    raw = os.path.join(tmpdir, "raw.wav")
    write_midi(mid, phrase["notes"], phrase["program"], phrase["bpm"])
    # Dry (no reverb/chorus): the pedal's input is usually a DI guitar, not a mixed track.
    subprocess.run(["fluidsynth", "-ni", "-q", "-R", "0", "-C", "0", "-g", "0.6",
                    "-r", str(RATE), "-F", raw, SOUNDFONT, mid],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    x, rate = read_wav(raw)
    assert rate == RATE, f"fluidsynth rendered at {rate} Hz"
    peak = float(np.max(np.abs(x))) if x.size else 0.0
    if peak > 1e-4:
        # Normalise per phrase so soft instruments are not drowned; training applies random gain.
        x = x * (0.9 / peak)
    write_wav(wav_path, x, RATE)
    return x


def build_split(out_dir, split, minutes, seed, phrase_seconds):
    split_dir = os.path.join(out_dir, split)
    os.makedirs(split_dir, exist_ok=True)
    rng = np.random.default_rng(seed)
    chunks, meta, total = [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        i = 0
        while total < minutes * 60 * RATE:
            phrase = make_phrase(rng, phrase_seconds)
            wav_path = os.path.join(split_dir, f"{i:04d}_{phrase['instrument']}.wav")
            x = render(phrase, wav_path, tmp)
            chunks.append(x)
            total += x.size
            meta.append({k: phrase[k] for k in ("program", "instrument", "kind", "bpm", "root", "scale")}
                        | {"file": os.path.basename(wav_path), "samples": int(x.size), "notes": len(phrase["notes"])})
            i += 1
    audio = np.concatenate(chunks)
    np.save(os.path.join(out_dir, f"{split}.npy"), np.round(np.clip(audio, -1, 1) * 32767).astype(np.int16))
    return meta, audio.size


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="/work/lp-train/data")
    ap.add_argument("--minutes", type=float, default=45.0, help="training audio to render")
    ap.add_argument("--heldout-minutes", type=float, default=5.0)
    ap.add_argument("--phrase-seconds", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=20240601)
    args = ap.parse_args(argv)

    os.makedirs(args.out, exist_ok=True)
    # Distinct seeds per split: held-out phrases are new draws, not slices of training phrases.
    train_meta, n_train = build_split(args.out, "train", args.minutes, args.seed, args.phrase_seconds)
    held_meta, n_held = build_split(args.out, "heldout", args.heldout_minutes, args.seed + 1, args.phrase_seconds)
    manifest = {
        "generator": "lpexport.data", "seed": args.seed, "sample_rate": RATE, "soundfont": SOUNDFONT,
        "train_seconds": n_train / RATE, "heldout_seconds": n_held / RATE,
        "train": train_meta, "heldout": held_meta,
    }
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"train {n_train / RATE / 60:.1f} min, heldout {n_held / RATE / 60:.1f} min -> {args.out}")


if __name__ == "__main__":
    main()
