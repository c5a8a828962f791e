package io.sotto.config;

/** WAV sample format: 16-bit linear PCM, or G.711 as negotiated (μ-law or A-law). */
public enum RecordingFormat { PCM16, G711 }
