#!/usr/bin/env python3
"""Writes the golden WAV headers and files in this folder, independently of Sotto's code.

Run with Python 3.11 or 3.12 (audioop, whose G.711 tables are the reference ones):
    python3 make-golden.py
The stereo files hold 5 RTP packets of 160 samples per leg: caller μ-law bytes n % 256 and
callee A-law bytes (n + 77) % 256 for sample n = 0..799, as RecorderGoldenTest sends them.
"""
import audioop
import struct


def pcm_header(data_len):
    return (b'RIFF' + struct.pack('<I', 36 + data_len) + b'WAVE' + b'fmt '
            + struct.pack('<IHHIIHH', 16, 1, 2, 8000, 32000, 4, 16)
            + b'data' + struct.pack('<I', data_len))


def g711_header(tag, data_len):
    return (b'RIFF' + struct.pack('<I', 50 + data_len) + b'WAVE' + b'fmt '
            + struct.pack('<IHHIIHHH', 18, tag, 2, 8000, 16000, 2, 8, 0)
            + b'fact' + struct.pack('<II', 4, data_len // 2)
            + b'data' + struct.pack('<I', data_len))


def main():
    open('pcm16-header-empty.bin', 'wb').write(pcm_header(0))
    open('g711-mulaw-header-1600-frames.bin', 'wb').write(g711_header(7, 3200))
    open('g711-alaw-header-empty.bin', 'wb').write(g711_header(6, 0))

    caller = bytes(n % 256 for n in range(800))
    callee = bytes((n + 77) % 256 for n in range(800))
    left = struct.unpack('<800h', audioop.ulaw2lin(caller, 2))
    right = struct.unpack('<800h', audioop.alaw2lin(callee, 2))
    data = b''.join(struct.pack('<hh', l, r) for l, r in zip(left, right))
    open('stereo-pcm16-golden.wav', 'wb').write(pcm_header(len(data)) + data)

    left_ulaw = audioop.lin2ulaw(audioop.ulaw2lin(caller, 2), 2)
    right_ulaw = audioop.lin2ulaw(audioop.alaw2lin(callee, 2), 2)
    data = bytes(b for pair in zip(left_ulaw, right_ulaw) for b in pair)
    open('stereo-g711-mulaw-golden.wav', 'wb').write(g711_header(7, len(data)) + data)


if __name__ == '__main__':
    main()
