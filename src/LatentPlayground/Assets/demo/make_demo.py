#!/usr/bin/python3
"""Rebuilds guitar-riff.wav, the demo clip the README's first command renders.

An 8-second clean electric guitar riff (E minor pentatonic, 100 BPM) rendered by fluidsynth from
Debian's TimGM6mb soundfont, mono 48 kHz 16-bit. Run from anywhere:
    /usr/bin/python3 src/LatentPlayground/Assets/demo/make_demo.py
Needs: fluidsynth, timgm6mb-soundfont, sox.
"""
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "export"))
from lpexport.midi import write_midi  # noqa: E402

SOUNDFONT = "/usr/share/sounds/sf2/TimGM6mb.sf2"
E2, G2, A2, B2, D3, E3, G3, A3 = 40, 43, 45, 47, 50, 52, 55, 57

# (start beat, length in beats, pitch, velocity): a two-bar riff played twice, then a held chord.
riff = [
    (0.0, 0.5, E2, 110), (0.5, 0.5, E3, 90), (1.0, 0.5, G2, 100), (1.5, 0.5, A2, 100),
    (2.0, 0.75, B2, 105), (2.75, 0.25, A2, 80), (3.0, 1.0, G2, 100),
    (4.0, 0.5, E2, 110), (4.5, 0.5, D3, 95), (5.0, 0.5, E3, 100), (5.5, 0.5, G3, 90),
    (6.0, 0.5, A3, 100), (6.5, 0.5, G3, 85), (7.0, 1.0, E3, 100),
]
notes = [(s + rep * 8, d, p, v) for rep in range(1, -1, -1) for s, d, p, v in riff if s + rep * 8 < 12]
notes += [(12.0, 1.3, p, 95) for p in (E2, B2, E3, G3)]

with tempfile.TemporaryDirectory() as tmp:
    mid = os.path.join(tmp, "riff.mid")
    raw = os.path.join(tmp, "riff.wav")
    write_midi(mid, sorted(notes), program=27, bpm=100)
    subprocess.run(["fluidsynth", "-ni", "-g", "0.8", "-r", "48000", "-F", raw, SOUNDFONT, mid],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = os.path.join(here, "guitar-riff.wav")
    # Mono, 16-bit, trimmed to 8 s, peak-normalised to -3 dBFS with a 20 ms fade out.
    subprocess.run(["sox", raw, "-r", "48000", "-b", "16", "-c", "1", out, "remix", "-", "trim", "0", "8",
                    "gain", "-n", "-3", "fade", "t", "0", "8", "0.02"], check=True)
print("wrote", out)
