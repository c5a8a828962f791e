package io.sotto.fork;

/**
 * Sent in a LINK record when a call's recording starts after a transfer ended the one before
 * it, later than the transfer itself (an on-demand start): the earlier recording's metadata,
 * already final, is rewritten to name the new one. Its date and id say where its files are.
 *
 * @param recordingId      the finished recording whose metadata gains the link
 * @param startedAtEpochMs when it started (the day directory of its files)
 * @param linkedId         the recording that continues the call after the transfer
 */
public record RecordingLink(String recordingId, long startedAtEpochMs, String linkedId) {
}
