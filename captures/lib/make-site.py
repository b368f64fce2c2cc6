#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Make the binary files of the lab page: site/logo.png and site/tone.wav.

Deterministic (same bytes every run), standard library only.
Usage: make-site.py SITE_DIR
"""
import math, struct, sys, wave, zlib, os

def png(path, w=64, h=64):
    rows = []
    seed = 2024001
    for y in range(h):
        row = bytearray([0])  # filter type 0
        for x in range(w):
            seed = (seed * 1103515245 + 12345) & 0x7fffffff
            noise = (seed >> 16) & 0x03
            dx, dy = x - w / 2, y - h / 2
            inside = dx * dx + dy * dy < (w * 0.42) ** 2
            if inside:
                r, g, b = 30 + noise, 90 + (y * 120 // h), 200 - (x * 80 // w)
            else:
                r, g, b = 245 - noise // 2, 245 - noise // 2, 240
            row += bytes((r & 255, g & 255, b & 255))
        rows.append(bytes(row))
    raw = b"".join(rows)
    def chunk(t, d):
        c = t + d
        return struct.pack(">I", len(d)) + c + struct.pack(">I", zlib.crc32(c) & 0xffffffff)
    data = (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(data)

def wav(path, rate=8000, seconds=12.5):
    # a short melody (C E G C'), 16-bit mono
    notes = [261.63, 329.63, 392.00, 523.25]
    n = int(rate * seconds)
    frames = bytearray()
    for i in range(n):
        t = i / rate
        f = notes[int(t / 0.5) % len(notes)]
        env = 0.5 - 0.5 * math.cos(2 * math.pi * ((t % 0.5) / 0.5))
        v = int(12000 * env * math.sin(2 * math.pi * f * t))
        frames += struct.pack("<h", v)
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))

if __name__ == "__main__":
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "site")
    png(os.path.join(d, "logo.png"))
    wav(os.path.join(d, "tone.wav"))
