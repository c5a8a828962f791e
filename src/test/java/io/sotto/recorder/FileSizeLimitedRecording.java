package io.sotto.recorder;

import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLEE;
import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLER;
import static io.sotto.recorder.RecorderFixture.at;
import static io.sotto.recorder.RtpLeg.filled;

import java.nio.file.Path;
import java.util.Random;

import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingFormat;

/**
 * Run in a child JVM under {@code ulimit -f}: records a 6 s call into {@code args[0]} while the
 * kernel refuses to let any file grow past the limit (EFBIG, as a full disk refuses with ENOSPC),
 * then prints the recorder's write error count and the finished recording's error.
 */
final class FileSizeLimitedRecording {
    static final String ID = "SIZELIMITED";

    private FileSizeLimitedRecording() {
    }

    public static void main(String[] args) {
        RecorderFixture fixture = new RecorderFixture(Path.of(args[0]), RecordingFormat.PCM16, PauseBehavior.SKIP);
        fixture.start(1, ID, "PCMU", "PCMU");
        Random random = new Random(8);
        RtpLeg caller = new RtpLeg(CHANNEL_CALLER, G711.PT_PCMU, random);
        RtpLeg callee = new RtpLeg(CHANNEL_CALLEE, G711.PT_PCMU, random);
        CallScript script = new CallScript(fixture, 1);
        for (int k = 0; k < 300; k++) {
            script.packet(caller, k, at(20L * (k + 1)), filled(0x81 + k % 100));
            script.packet(callee, k, at(20L * (k + 1)), filled(0x81 + k % 100));
        }
        script.at(at(6000), () -> fixture.end(1, at(6000), "hangup"));
        script.runUntil(at(6010));
        System.out.println("writeErrors=" + fixture.agent.counters().writeErrors());
        System.out.println("openFiles=" + fixture.agent.openFiles());
        System.out.println("endReason=" + fixture.onlyFinished().metadata().endReason());
        System.out.println("error=" + fixture.onlyFinished().metadata().error());
    }
}
