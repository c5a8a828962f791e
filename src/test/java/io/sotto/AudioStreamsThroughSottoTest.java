package io.sotto;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;

import io.sotto.testkit.WavBytes;

/**
 * A flood of audio requests against a running Sotto: at most {@code RecordingsApi.MAX_AUDIO_STREAMS}
 * WAV files are open at once, the rest get 503, and each file is closed when its client goes away
 * in the middle of the transfer. The recording is a long one left on disk by an earlier run, so
 * it also shows a recording the catalog never saw being added at start.
 */
class AudioStreamsThroughSottoTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MAX_STREAMS = 64;
    /** 12 MB: more than a loopback socket's send buffer and a small receive buffer hold, so transfers stall. */
    private static final int FRAMES = 3_000_000;
    private static final int CLIENTS = MAX_STREAMS + 6;

    @TempDir
    Path dir;

    private SottoUnderTest sotto;
    private final List<Socket> clients = new ArrayList<>();

    @AfterEach
    void stopAll() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        if (sotto != null) {
            sotto.close();
        }
    }

    @Test
    void refusesAudioBeyondTheStreamLimitAndClosesEachFileWhenItsClientGoes() throws Exception {
        String id = UlidCreator.getMonotonicUlid().toString();
        Path wav = writeRecording(id);
        sotto = SottoUnderTest.start(dir, "users=[{id: root, role: admin, token_sha256: '" + sha256("root-token") + "'}]");
        awaitStatus(id, "bytes=0-43", 206);

        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Socket client = new Socket();
            client.setReceiveBufferSize(4096);
            client.connect(new java.net.InetSocketAddress(LOOPBACK, sotto.httpPort()));
            clients.add(client);
            send(client, id, null);
            statuses.add(statusLine(client.getInputStream()));
        }

        assertThat(statuses.stream().filter(line -> line.contains(" 200 ")).count()).isEqualTo(MAX_STREAMS);
        assertThat(statuses.stream().filter(line -> line.contains(" 503 ")).count()).isEqualTo(CLIENTS - MAX_STREAMS);
        awaitDescriptorsOf(wav, MAX_STREAMS);

        for (Socket client : clients) {
            client.close();
        }
        awaitDescriptorsOf(wav, 0);
        awaitStatus(id, "bytes=0-43", 206);
        JsonNode log = new ObjectMapper().readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + sotto.httpPort() + "/api/v1/recordings/"
                        + id + "/access")).header("Authorization", "Bearer root-token").build(),
                HttpResponse.BodyHandlers.ofString()).body());
        long wholeFilePlays = 0;
        for (JsonNode entry : log.path("items")) {
            wholeFilePlays += entry.path("range").isNull() ? 1 : 0;
        }
        assertThat(wholeFilePlays).as("plays in the access log: the refused streams are not").isEqualTo(MAX_STREAMS);
    }

    private Path writeRecording(String id) throws Exception {
        short[] left = new short[FRAMES];
        short[] right = new short[FRAMES];
        byte[] bytes = WavBytes.pcm16(8000, left, right);
        Instant ended = Instant.now();
        Instant started = ended.minusMillis(FRAMES / 8);
        LocalDate day = LocalDate.ofInstant(started, ZoneOffset.UTC);
        Path folder = Files.createDirectories(dir.resolve("recordings").resolve(String.format("%04d/%02d/%02d",
                day.getYear(), day.getMonthValue(), day.getDayOfMonth())));
        Path wav = Files.write(folder.resolve(id + ".wav"), bytes);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("recordingId", id);
        metadata.put("callId", UlidCreator.getUlid().toString());
        metadata.put("sipCallIds", List.of("a@127.0.0.1", "b@127.0.0.1"));
        metadata.put("direction", "inbound");
        metadata.put("caller", "+15550199");
        metadata.put("callee", "+15550100");
        metadata.put("agents", List.of());
        metadata.put("number", "+15550100");
        metadata.put("startedAt", started.toString());
        metadata.put("endedAt", ended.toString());
        metadata.put("durationMs", FRAMES / 8);
        metadata.put("callDurationMs", FRAMES / 8);
        metadata.put("channels", List.of("caller", "callee"));
        metadata.put("codec", "PCMU");
        metadata.put("format", "pcm16");
        metadata.put("pauseBehavior", "skip");
        metadata.put("segments", List.of(Map.of("startMs", 0, "endMs", FRAMES / 8)));
        metadata.put("events", List.of());
        metadata.put("endReason", "hangup");
        metadata.put("linkedRecordings", List.of());
        metadata.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        metadata.put("error", null);
        new ObjectMapper().writeValue(folder.resolve(id + ".json").toFile(), metadata);
        return wav;
    }

    private void awaitStatus(String id, String range, int expected) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String status = request(id, range);
        while (!status.contains(" " + expected + " ") && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            status = request(id, range);
        }
        assertThat(status).contains(" " + expected + " ");
    }

    private String request(String id, String range) throws IOException {
        try (Socket client = new Socket(LOOPBACK, sotto.httpPort())) {
            send(client, id, range);
            return statusLine(client.getInputStream());
        }
    }

    private static void send(Socket client, String id, String range) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(("GET /api/v1/recordings/" + id + "/audio HTTP/1.1\r\nHost: sotto\r\n"
                + "Authorization: Bearer root-token\r\n" + (range == null ? "" : "Range: " + range + "\r\n")
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        return line.toString();
    }

    private static long openDescriptorsOf(Path file) throws IOException {
        Path target = file.toRealPath();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(target);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    private static void awaitDescriptorsOf(Path file, long expected) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long open = openDescriptorsOf(file);
        while (open != expected && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            open = openDescriptorsOf(file);
        }
        assertThat(open).as("open handles of the WAV").isEqualTo(expected);
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
