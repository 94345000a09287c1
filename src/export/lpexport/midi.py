"""Minimal Standard MIDI File (format 0) writer.

Only what the data generator needs: one track, tempo, program change, notes, pitch bends. Written here
because there is no PyPI (no mido/pretty_midi) and the format is small.
"""
import struct

TICKS_PER_BEAT = 480


def _varlen(value):
    # MIDI delta times are big-endian base-128 with a continuation bit.
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def write_midi(path, notes, program, bpm, channel=0, bends=()):
    """Write notes [(start_beats, dur_beats, pitch, velocity)] played by one GM program, and pitch
    bends [(beat, value -1..1)] (GM's default range is ±2 semitones); channel 9 is the drum kit."""
    events = []  # (tick, order, bytes); note-offs sort before note-ons at the same tick
    for beat, value in bends:
        v = max(0, min(16383, int(round(8192 + value * 8191))))
        events.append((int(round(beat * TICKS_PER_BEAT)), 2, bytes([0xE0 | channel, v & 0x7F, v >> 7])))
    for start, dur, pitch, vel in notes:
        on = int(round(start * TICKS_PER_BEAT))
        off = max(on + 1, int(round((start + dur) * TICKS_PER_BEAT)))
        events.append((on, 1, bytes([0x90 | channel, pitch, vel])))
        events.append((off, 0, bytes([0x80 | channel, pitch, 0])))
    events.sort(key=lambda e: (e[0], e[1]))

    tempo = int(round(60_000_000 / bpm))
    track = bytearray()
    track += _varlen(0) + b"\xFF\x51\x03" + tempo.to_bytes(3, "big")
    track += _varlen(0) + bytes([0xC0 | channel, program])
    now = 0
    for tick, _, data in events:
        track += _varlen(tick - now) + data
        now = tick
    # One beat of tail so release/reverb is rendered before the end of track.
    track += _varlen(TICKS_PER_BEAT) + b"\xFF\x2F\x00"

    with open(path, "wb") as f:
        f.write(b"MThd" + struct.pack(">IHHH", 6, 0, 1, TICKS_PER_BEAT))
        f.write(b"MTrk" + struct.pack(">I", len(track)) + bytes(track))
