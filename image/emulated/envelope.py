#!/usr/bin/env python3
"""The boot test's signal and its comparison (image/emulated/boot-test.sh, step 3).

Usage: envelope.py make RIFF.wav OUT.wav
       envelope.py compare IN.wav OUT.wav MIN_CORRELATION

make: the known test signal: the demo riff (8 s, mono, 16-bit, 48 kHz) cut into 1 s pieces at gains 1, 0, 0.5, 1,
0.25, 0, 1, 0.5, each followed by 0.5 s of silence (12 s), so that its envelope has a shape a recording must
follow whatever the pedal's modulators do to the timbre.

compare: prints one line of figures and exits 0 when the recording follows the input and is not the dry signal
alone:
- envelope: RMS in 10 ms windows of both (mono mix); the Pearson correlation of the two envelopes at the lag
  (0..3 s: the recording starts 1 s before the playback) where it is highest must be >= MIN_CORRELATION;
- not dry only: the normalised cross-correlation of the two waveforms, at its largest over every lag, must stay
  below 0.99. A dry signal through the loopback is the input itself, delayed (about 1.0). The bundled model
  reconstructs the riff closely: `render` of the signal gives 0.89 with the default settings and 0.94 with the
  first factory preset (80 % wet), envelope correlations 0.88 and 0.93;
- not silent: the recording's RMS over the input's span is at least 1% of the input's.
Exit 1 when a check fails, 2 when a file cannot be read or the arguments are wrong.
"""
import sys
import wave

import numpy as np


def read(path):
    try:
        with wave.open(path) as w:
            width, raw = w.getsampwidth(), w.readframes(w.getnframes())
            if width == 2:
                data = np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0
            elif width == 3:
                b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
                v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
                data = np.where(v >= 1 << 23, v - (1 << 24), v).astype(np.float64) / (1 << 23)
            elif width == 4:
                data = np.frombuffer(raw, dtype="<i4").astype(np.float64) / 2.0**31
            else:
                raise ValueError(f"{width * 8}-bit samples (16, 24 or 32-bit PCM expected)")
            return data.reshape(-1, w.getnchannels()).mean(axis=1), w.getframerate()
    except (OSError, EOFError, wave.Error, ValueError) as e:
        print(f"{path}: cannot read: {e}")
        sys.exit(2)


def envelope(x, win):
    n = len(x) // win
    return np.sqrt((x[: n * win].reshape(n, win) ** 2).mean(axis=1))


GAINS = [1.0, 0.0, 0.5, 1.0, 0.25, 0.0, 1.0, 0.5]


def make(riff_path, out_path):
    x, rate = read(riff_path)
    parts = []
    for k, g in enumerate(GAINS):
        parts.append(x[k * rate:(k + 1) * rate] * g)
        parts.append(np.zeros(rate // 2))
    y = np.clip(np.round(np.concatenate(parts) * 32768.0), -32768, 32767).astype("<i2")
    tmp = out_path + ".tmp"
    with wave.open(tmp, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(y.tobytes())
    import os
    os.replace(tmp, out_path)
    print(f"{out_path}: {len(y) / rate:.1f} s at {rate} Hz")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) != 5 or sys.argv[1] != "compare":
        print(__doc__)
        sys.exit(2)
    x, rate_in = read(sys.argv[2])
    y, rate_out = read(sys.argv[3])
    min_corr = float(sys.argv[4])
    if rate_in != rate_out:
        print(f"rates differ: {rate_in} and {rate_out} Hz")
        sys.exit(1)
    win = rate_in // 100
    ex, ey = envelope(x, win), envelope(y, win)
    best, best_lag = -2.0, 0
    for lag in range(0, 300):
        seg = ey[lag: lag + len(ex)]
        if len(seg) < len(ex) // 2:
            break
        a = ex[: len(seg)]
        if seg.std() == 0 or a.std() == 0:
            continue
        c = float(np.corrcoef(a, seg)[0, 1])
        if c > best:
            best, best_lag = c, lag
    # Waveform cross-correlation over every lag, normalised by the energies (FFT).
    n = 1 << int(np.ceil(np.log2(len(x) + len(y))))
    xc = np.fft.irfft(np.fft.rfft(y, n) * np.conj(np.fft.rfft(x, n)), n)
    lag_w = int(np.argmax(np.abs(xc[: len(y)])))
    seg = y[lag_w: lag_w + len(x)]
    norm = np.sqrt((x[: len(seg)] ** 2).sum() * (seg ** 2).sum())
    dry = float(abs(xc[lag_w]) / norm) if norm > 0 else 0.0
    rms_in = float(np.sqrt((x ** 2).mean()))
    span = y[best_lag * win: best_lag * win + len(x)]
    rms_out = float(np.sqrt((span ** 2).mean())) if len(span) else 0.0
    ok = best >= min_corr and dry < 0.99 and rms_out >= 0.01 * rms_in
    print(f"envelope correlation {best:.3f} at lag {best_lag * 10} ms (min {min_corr}); "
          f"waveform correlation with the input {dry:.3f} at lag {lag_w / rate_in * 1000:.1f} ms (dry only if >= 0.99); "
          f"RMS in {20 * np.log10(max(rms_in, 1e-9)):.1f} dBFS, out {20 * np.log10(max(rms_out, 1e-9)):.1f} dBFS"
          f"{'' if ok else ' -> FAIL'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
