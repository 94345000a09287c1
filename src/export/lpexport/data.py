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
# Each phrase is rendered through one of these, drawn by weight among those installed (Debian:
# fluid-soundfont-gm, musescore-general-soundfont-lossless, timgm6mb-soundfont). More fonts, more
# timbres per instrument: the model should not learn one sample set's quirks.
SOUNDFONTS = [
    ("FluidR3_GM", "/usr/share/sounds/sf2/FluidR3_GM.sf2", 4),
    ("MuseScore_General", "/usr/share/sounds/sf2/MuseScore_General_Full.sf2", 4),
    ("TimGM6mb", SOUNDFONT, 1),
]
RATE = 48000

# (GM program, name, lowest, highest MIDI note, kind, weight), weighted towards what goes through a
# pedal: clean and overdriven electric guitar, bass, electric piano, synths, voice pads, drums.
# Kinds: pluck (decaying notes, strums, slides), lead (monophonic lines with bends and vibrato),
# sustain (pads and held chords), drums (GM kit on channel 10).
INSTRUMENTS = [
    (27, "clean_guitar", 40, 81, "pluck", 9),
    (26, "jazz_guitar", 40, 81, "pluck", 4),
    (29, "overdrive_guitar", 40, 76, "lead", 7),
    (30, "distortion_guitar", 40, 76, "lead", 6),
    (28, "muted_guitar", 40, 72, "pluck", 3),
    (25, "steel_guitar", 40, 81, "pluck", 4),
    (24, "nylon_guitar", 40, 81, "pluck", 2),
    (33, "finger_bass", 28, 55, "pluck", 4),
    (34, "pick_bass", 28, 55, "pluck", 3),
    (4, "electric_piano", 36, 88, "pluck", 4),
    (5, "fm_piano", 36, 88, "pluck", 2),
    (0, "piano", 36, 88, "pluck", 2),
    (81, "saw_lead", 48, 84, "lead", 3),
    (80, "square_lead", 48, 84, "lead", 2),
    (89, "warm_pad", 40, 79, "sustain", 3),
    (90, "poly_synth", 40, 79, "sustain", 2),
    (52, "choir_aahs", 48, 79, "sustain", 3),
    (53, "voice_oohs", 48, 79, "sustain", 2),
    (54, "synth_voice", 48, 79, "sustain", 2),
    (16, "drawbar_organ", 36, 84, "sustain", 1),
    (48, "strings", 40, 84, "sustain", 1),
    (0, "drums", 35, 81, "drums", 6),
]

# GM kit notes (channel 10): kick, snare, closed/open hat, toms, crash, ride.
KICK, SNARE, HAT, OPEN_HAT, TOMS, CRASH, RIDE = 36, 38, 42, 46, (45, 47, 50), 49, 51

SCALES = {
    "major": [0, 2, 4, 5, 7, 9, 11],
    "minor": [0, 2, 3, 5, 7, 8, 10],
    "pentatonic_minor": [0, 3, 5, 7, 10],
    "blues": [0, 3, 5, 6, 7, 10],
    "dorian": [0, 2, 3, 5, 7, 9, 10],
}


def _scale_notes(root, scale, low, high):
    return [n for n in range(low, high + 1) if (n - root) % 12 in SCALES[scale]]


def drum_phrase(rng, total_beats):
    """Bars of a rock/funk kit on a 16th grid: kick and snare backbeat, hats or ride, fills, crashes."""
    notes, bar = [], 0
    ride = rng.random() < 0.3
    while bar * 4 < total_beats - 1:
        t0 = bar * 4.0
        fill = rng.random() < 0.15
        for sixteenth in range(16):
            t = t0 + sixteenth / 4
            if fill and sixteenth >= 8:
                if rng.random() < 0.7:
                    notes.append((t, 0.2, int(rng.choice(TOMS + (SNARE,))), int(rng.integers(70, 120))))
                continue
            if sixteenth % 2 == 0 or rng.random() < 0.3:
                notes.append((t, 0.1, RIDE if ride else (OPEN_HAT if rng.random() < 0.08 else HAT),
                              int(rng.integers(40, 90) + (20 if sixteenth % 4 == 0 else 0))))
            if sixteenth in (0, 8) or (sixteenth % 2 == 0 and rng.random() < 0.2):
                notes.append((t, 0.2, KICK, int(rng.integers(80, 125))))
            if sixteenth in (4, 12) or rng.random() < 0.04:
                notes.append((t, 0.2, SNARE, int(rng.integers(70, 125) if sixteenth in (4, 12) else rng.integers(25, 60))))
        if bar % 4 == 0 and rng.random() < 0.5:
            notes.append((t0, 1.0, CRASH, int(rng.integers(80, 120))))
        bar += 1
    return notes


def articulate(rng, notes, kind):
    """Staccato and legato, accents, and for lines: slides into notes and vibrato (pitch bends)."""
    out, bends = [], []
    for start, dur, pitch, vel in notes:
        r = rng.random()
        if r < 0.2:
            dur *= 0.35  # staccato
        elif r < 0.3:
            vel = min(127, vel + 25)  # accent
        out.append((start, dur, pitch, vel))
        if kind == "lead":
            if rng.random() < 0.25:  # slide up into the note
                depth = float(rng.uniform(-0.5, -0.2))
                bends += [(start, depth), (start + min(dur, 0.25) * 0.5, depth / 2), (start + min(dur, 0.25), 0.0)]
            if dur >= 0.75 and rng.random() < 0.5:  # vibrato on held notes
                rate, depth = float(rng.uniform(4, 7)), float(rng.uniform(0.03, 0.12))
                for k in range(int(dur * 16)):
                    bends.append((start + 0.25 + k / 16, depth * np.sin(2 * np.pi * rate * k / 16 / 2)))
                bends.append((start + dur, 0.0))
    return out, sorted(bends)


def make_phrase(rng, seconds):
    """One phrase: an instrument, a key, and a mix of melody, arpeggios, chords and rests."""
    weights = np.array([i[5] for i in INSTRUMENTS], dtype=float)
    program, name, low, high, kind, _ = INSTRUMENTS[rng.choice(len(INSTRUMENTS), p=weights / weights.sum())]
    fonts = [f for f in SOUNDFONTS if os.path.exists(f[1])]
    if not fonts:
        raise SystemExit("no General MIDI soundfont installed: apt-get install fluid-soundfont-gm timgm6mb-soundfont")
    fw = np.array([f[2] for f in fonts], dtype=float)
    font = fonts[rng.choice(len(fonts), p=fw / fw.sum())]
    bpm = float(rng.uniform(70, 150))
    if kind == "drums":
        total_beats = seconds * bpm / 60.0
        return dict(program=0, instrument=name, kind=kind, bpm=bpm, root=0, scale="-", channel=9,
                    soundfont=font[0], soundfont_path=font[1], notes=drum_phrase(rng, total_beats), bends=[])
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
            if kind == "lead":
                chord = chord[:2]  # power-chord-like dyads: a lead line is mostly single notes
            vel = int(rng.integers(45, 115))
            for j, p in enumerate(chord):
                strum = 0.03 * j if kind == "pluck" else 0.0
                notes.append((t + strum, dur * 0.95, p, max(1, min(127, vel + int(rng.integers(-8, 9))))))
            t += dur
            continue
        count = int(rng.integers(3, 9))
        step = float(rng.choice([0.25, 0.5, 1.0] if kind in ("pluck", "lead") else [0.5, 1.0, 2.0]))
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
    notes, bends = articulate(rng, [n for n in notes if n[0] < total_beats], kind)
    return dict(program=program, instrument=name, kind=kind, bpm=bpm, root=root, scale=scale, channel=0,
                soundfont=font[0], soundfont_path=font[1], notes=notes, bends=[b for b in bends if b[0] < total_beats])


def render(phrase, wav_path, tmpdir):
    mid = os.path.join(tmpdir, "phrase.mid")
    raw = os.path.join(tmpdir, "raw.wav")
    write_midi(mid, phrase["notes"], phrase["program"], phrase["bpm"], channel=phrase["channel"], bends=phrase["bends"])
    # Dry (no reverb/chorus): the pedal's input is usually a DI guitar, not a mixed track.
    subprocess.run(["fluidsynth", "-ni", "-q", "-R", "0", "-C", "0", "-g", "0.6",
                    "-r", str(RATE), "-F", raw, phrase["soundfont_path"], mid],
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
            meta.append({k: phrase[k] for k in ("program", "instrument", "kind", "bpm", "root", "scale", "soundfont")}
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
        "generator": "lpexport.data", "seed": args.seed, "sample_rate": RATE,
        "soundfonts": {f[0]: f[1] for f in SOUNDFONTS if os.path.exists(f[1])},
        "train_seconds": n_train / RATE, "heldout_seconds": n_held / RATE,
        "train": train_meta, "heldout": held_meta,
    }
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"train {n_train / RATE / 60:.1f} min, heldout {n_held / RATE / 60:.1f} min -> {args.out}")


if __name__ == "__main__":
    main()
