package io.sotto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sotto.config.ConfigLoader;
import io.sotto.testkit.LoopbackPorts;

/**
 * A whole Sotto started in this JVM on free loopback ports, with a trunk peer and a PBX peer
 * on ports of their own and recordings in a directory of the test's. Each instance takes its
 * own slice of RTP ports, below the kernel's ephemeral range, so SIPp's ports never collide.
 */
public final class SottoUnderTest implements AutoCloseable {
    public static final String LOOPBACK = LoopbackPorts.LOOPBACK;
    private static final int MEDIA_BASE = 16000;
    private static final int MEDIA_SLICE = 200;
    private static final int MEDIA_SLICES = 80;
    private static final AtomicInteger NEXT_SLICE = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sotto sotto;
    private final int sipPort;
    private final int trunkPort;
    private final int pbxPort;
    private final int secondPbxPort;
    private final int srcPort;
    private final int httpPort;
    private final Path recordings;

    private SottoUnderTest(Sotto sotto, int sipPort, int trunkPort, int pbxPort, int secondPbxPort, int srcPort,
                           int httpPort, Path recordings) {
        this.sotto = sotto;
        this.sipPort = sipPort;
        this.trunkPort = trunkPort;
        this.pbxPort = pbxPort;
        this.secondPbxPort = secondPbxPort;
        this.srcPort = srcPort;
        this.httpPort = httpPort;
        this.recordings = recordings;
    }

    /** Starts Sotto with recordings under {@code dir}; {@code extraSets} are more {@code --set}s. */
    public static SottoUnderTest start(Path dir, String... extraSets) {
        return start(dir, false, false, extraSets);
    }

    /** As {@link #start}, with a SIPREC recording client peer ({@code sbc}, kind {@code src}) on a port of its own. */
    public static SottoUnderTest startWithRecordingClient(Path dir, String... extraSets) {
        return start(dir, false, true, extraSets);
    }

    /** As {@link #start}, with a second PBX peer ({@code pbx2}, after {@code pbx}) on a port of its own. */
    public static SottoUnderTest startWithSecondPbx(Path dir, String... extraSets) {
        return start(dir, true, false, extraSets);
    }

    private static SottoUnderTest start(Path dir, boolean secondPbx, boolean src, String... extraSets) {
        int[] sip = LoopbackPorts.freeSipPorts(secondPbx || src ? 5 : 4);
        int mediaFirst = MEDIA_BASE + (NEXT_SLICE.getAndIncrement() % MEDIA_SLICES) * MEDIA_SLICE;
        Path recordings = dir.resolve("recordings");
        List<String> sets = new ArrayList<>(List.of(
                "sip.listen=" + LOOPBACK + ":" + sip[0],
                "http.listen=" + LOOPBACK + ":" + sip[3],
                "media.address=" + LOOPBACK,
                "media.ports=" + mediaFirst + "-" + (mediaFirst + MEDIA_SLICE - 1),
                "recording.dir=" + recordings,
                "peers=[{name: carrier, kind: trunk, address: '" + LOOPBACK + ":" + sip[1] + "'},"
                        + " {name: pbx, kind: pbx, address: '" + LOOPBACK + ":" + sip[2] + "'}"
                        + (secondPbx ? ", {name: pbx2, kind: pbx, address: '" + LOOPBACK + ":" + sip[4] + "'}" : "")
                        + (src ? ", {name: sbc, kind: src, address: '" + LOOPBACK + ":" + sip[4] + "'}" : "")
                        + "]"));
        sets.addAll(List.of(extraSets));
        Sotto sotto = Sotto.start(ConfigLoader.load(null, sets));
        return new SottoUnderTest(sotto, sip[0], sip[1], sip[2], secondPbx ? sip[4] : 0, src ? sip[4] : 0, sip[3],
                recordings);
    }

    public Sotto sotto() {
        return sotto;
    }

    public int sipPort() {
        return sipPort;
    }

    /** The port the trunk peer ({@code carrier}) sends from. */
    public int trunkPort() {
        return trunkPort;
    }

    /** The port the PBX peer ({@code pbx}) sends from and receives calls on. */
    public int pbxPort() {
        return pbxPort;
    }

    /** The port of the second PBX peer ({@code pbx2}); only with {@link #startWithSecondPbx}. */
    public int secondPbxPort() {
        assertThat(secondPbxPort).as("started with a second PBX").isPositive();
        return secondPbxPort;
    }

    /** The port the SIPREC recording client peer ({@code sbc}) sends from; only with {@link #startWithRecordingClient}. */
    public int srcPort() {
        assertThat(srcPort).as("started with a recording client").isPositive();
        return srcPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path recordingsDir() {
        return recordings;
    }

    public SottoStatus status() {
        return sotto.status();
    }

    /**
     * Waits until no call, SIP leg, port, media session, recording, open file or unread fork record is
     * held any more (the last means the recorder has finished what the calls' ends sent it), and
     * fails naming what is still held after {@code timeout}.
     */
    public SottoStatus awaitNothingHeld(Duration timeout) {
        return awaitStatus(SottoUnderTest::holdsNothing, timeout);
    }

    /** Waits until {@code condition} holds for the status; fails with the last status after {@code timeout}. */
    public SottoStatus awaitStatus(Predicate<SottoStatus> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SottoStatus status = sotto.status();
        while (!condition.test(status) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            status = sotto.status();
        }
        assertThat(condition.test(status)).as("status never reached the expected state: %s", status).isTrue();
        return status;
    }

    private static boolean holdsNothing(SottoStatus status) {
        return status.activeCalls() == 0 && status.sipLegs() == 0 && status.portsInUse() == 0 && status.mediaSessions() == 0
                && status.activeRecordings() == 0 && status.openRecordingFiles() == 0
                && status.forkBacklogBytes() == 0;
    }

    /** Every WAV under the recordings directory, oldest id first. */
    public List<Path> wavFiles() {
        return filesEndingWith(".wav");
    }

    /** The one recording written, as {WAV, JSON}; fails if there is not exactly one. */
    public Path onlyWav() {
        List<Path> wavs = wavFiles();
        assertThat(wavs).as("recordings under %s", recordings).hasSize(1);
        return wavs.get(0);
    }

    /** The JSON metadata beside {@code wav}. */
    /**
     * The recording's JSON once it meets {@code condition}: the JSON written while a call goes on is
     * replaced by the finishing stage, after the recorder has taken the change from the ring.
     */
    public static JsonNode awaitMetadata(Path wav, Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode metadata = null;
        while (System.nanoTime() - deadline < 0) {
            try {
                metadata = metadataOf(wav);
                if (condition.test(metadata)) {
                    return metadata;
                }
            } catch (UncheckedIOException e) {
                metadata = null; // not written yet
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("the JSON of " + wav + " never reached the expected state: " + metadata);
    }

    public static JsonNode metadataOf(Path wav) {
        Path json = wav.resolveSibling(wav.getFileName().toString().replace(".wav", ".json"));
        try {
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> filesEndingWith(String suffix) {
        if (!Files.isDirectory(recordings)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(recordings)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sotto.close();
    }
}
