#!/usr/bin/env python3
"""Streams a raw G.711 mu-law file as RTP (PT 0, 20 ms packets) to HOST:PORT for SECONDS.

   send-rtp.py FILE HOST SECONDS PORT

The port comes last because siprec-src/uac.xml appends it to the command given in
-set stream2 (Sotto's port for the session's second stream). Standard library only.
"""
import random
import socket
import struct
import sys
import time

path, host, seconds, port = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
audio = open(path, "rb").read()
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
ssrc, seq, ts = random.getrandbits(32), random.getrandbits(16), random.getrandbits(32)
start = time.monotonic()
for n in range(int(seconds * 50)):
    chunk = audio[(n * 160) % len(audio):][:160].ljust(160, b"\xff")
    header = struct.pack("!BBHII", 0x80, 0x80 if n == 0 else 0x00, (seq + n) & 0xFFFF, (ts + 160 * n) & 0xFFFFFFFF, ssrc)
    sock.sendto(header + chunk, (host, port))
    time.sleep(max(0.0, start + (n + 1) * 0.02 - time.monotonic()))
