package io.sotto.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * One SIPp process running one scenario, started by a test. Its screen output and its error,
 * message and screen traces go to a log directory; {@link #awaitExit} waits a bounded time and
 * returns the exit code with those logs; {@link #close} always ends the process by its PID
 * (SIGTERM, then SIGKILL). SIPp runs in the repository root because the scenarios name the audio
 * they stream from there.
 *
 * <pre>{@code
 * try (Sipp uas = Sipp.scenario(Scenarios.file("basic-call", "uas.xml"))
 *         .local(LOOPBACK, uasPort).media(LOOPBACK, uasMedia).calls(1).start()) {
 *     uas.awaitListening(Duration.ofSeconds(5));
 *     ...
 * }
 * }</pre>
 */
public final class Sipp implements AutoCloseable {
    public static final String EXECUTABLE = "sipp";
    /** The feature suffix a SIPp built with RTP streaming ({@code exec rtp_stream}) reports. */
    public static final String RTP_STREAM_FEATURE = "RTPSTREAM";
    public static final String ERRORS_LOG = "errors.log";
    public static final String MESSAGES_LOG = "messages.log";
    public static final String SCREEN_LOG = "screen.log";
    public static final String STAT_CSV = "stat.csv";
    public static final String OUTPUT_LOG = "output.log";

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TERM_GRACE = Duration.ofSeconds(2);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Process process;
    private final List<String> command;
    private final Path logDir;
    private final int localPort;
    private final Transport transport;

    private Sipp(Process process, List<String> command, Path logDir, int localPort, Transport transport) {
        this.process = process;
        this.command = command;
        this.logDir = logDir;
        this.localPort = localPort;
        this.transport = transport;
    }

    public static Builder scenario(Path scenarioFile) {
        return new Builder(scenarioFile);
    }

    /** Whether {@code sipp -v} runs and reports RTP streaming, which every scenario here needs. */
    public static boolean available() {
        return version().filter(v -> v.contains(RTP_STREAM_FEATURE)).isPresent();
    }

    /** The version banner of the installed SIPp, e.g. {@code v3.6.1-SCTP-PCAP-RTPSTREAM}. */
    public static Optional<String> version() {
        return Probe.VERSION;
    }

    public long pid() {
        return process.pid();
    }

    public Path logDir() {
        return logDir;
    }

    public List<String> command() {
        return command;
    }

    /**
     * Waits until this SIPp process has bound its SIP port, so a UAC started next finds it; fails
     * if SIPp exits first (a port already taken makes it exit) or {@code timeout} passes.
     */
    public void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!LoopbackPorts.isBoundBy(process.pid(), localPort, transport)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sipp exited with " + process.exitValue()
                        + " before binding port " + localPort + "\n" + collect(false).summary());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("sipp did not bind " + transport + " port " + localPort
                        + " within " + timeout + "\n" + collect(false).summary());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Waits at most {@code timeout} for SIPp to finish; past it, ends the process and says so. */
    public SippResult awaitExit(Duration timeout) {
        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            close();
        }
        return collect(!exited);
    }

    /** Ends the process if it still runs: SIGTERM by PID, then SIGKILL after a grace period. */
    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        if (!waitForEnd(handle, TERM_GRACE)) {
            handle.destroyForcibly();
            if (!waitForEnd(handle, TERM_GRACE)) {
                throw new IllegalStateException("sipp pid " + handle.pid() + " survived SIGKILL");
            }
        }
    }

    private SippResult collect(boolean timedOut) {
        int exitCode = process.isAlive() ? SippResult.STILL_RUNNING : process.exitValue();
        return new SippResult(command, exitCode, timedOut, logDir,
                readLog(OUTPUT_LOG), readLog(ERRORS_LOG), readLog(MESSAGES_LOG), readLog(SCREEN_LOG));
    }

    private String readLog(String name) {
        Path file = logDir.resolve(name);
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static boolean waitForEnd(ProcessHandle handle, Duration grace) {
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    /** Runs {@code sipp -v} once per JVM. */
    private static final class Probe {
        static final Optional<String> VERSION = probe();

        private static Optional<String> probe() {
            Process process;
            try {
                process = new ProcessBuilder(EXECUTABLE, "-v")
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectErrorStream(true)
                        .start();
            } catch (IOException e) {
                return Optional.empty();
            }
            try {
                // The banner is a few hundred bytes: it fits the pipe, so reading after exit is safe.
                if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return Optional.empty();
                }
                String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                int at = text.indexOf("SIPp v");
                if (at < 0) {
                    return Optional.empty();
                }
                String rest = text.substring(at + "SIPp ".length()).strip();
                return Optional.of(rest.split("\\s+", 2)[0].replaceAll("\\.$", ""));
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    /** The command line of one SIPp run; {@link #start} launches it. */
    public static final class Builder {
        private final Path scenario;
        private String remote;
        private String localIp = LoopbackPorts.LOOPBACK;
        private int localPort = -1;
        private String mediaIp = LoopbackPorts.LOOPBACK;
        private int mediaPort = -1;
        private Transport transport = Transport.UDP;
        private int calls = 1;
        private String service;
        private Duration globalTimeout;
        private boolean traceMessages = true;
        private boolean traceStats;
        private final List<String> variables = new ArrayList<>();
        private final List<String> extraArgs = new ArrayList<>();
        private Path workingDirectory;
        private Path logDir;

        private Builder(Path scenario) {
            this.scenario = scenario.toAbsolutePath();
        }

        /** The SIP address to call (UAC); leave unset for a UAS. */
        public Builder remote(String ip, int port) {
            this.remote = ip + ":" + port;
            return this;
        }

        /** {@code -i ip -p port}: where SIPp binds its SIP socket. */
        public Builder local(String ip, int port) {
            this.localIp = ip;
            this.localPort = port;
            return this;
        }

        /** {@code -mi ip -mp port}: SIPp 3.6 streams every call's RTP from this one port. */
        public Builder media(String ip, int port) {
            this.mediaIp = ip;
            this.mediaPort = port;
            return this;
        }

        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        /** {@code -m}: SIPp exits after this many calls. */
        public Builder calls(int calls) {
            this.calls = calls;
            return this;
        }

        /** {@code -s}: the user part of the Request-URI (UAC) and of the Contact (UAS). */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** {@code -set name value}: a global scenario variable, such as {@code duration}. */
        public Builder set(String name, String value) {
            variables.add(name);
            variables.add(value);
            return this;
        }

        /** {@code -timeout N -timeout_error}: SIPp gives up and fails by itself after this long. */
        public Builder globalTimeout(Duration timeout) {
            this.globalTimeout = timeout;
            return this;
        }

        /** {@code -trace_msg} on (the default) or off, for runs with many calls. */
        public Builder traceMessages(boolean on) {
            this.traceMessages = on;
            return this;
        }

        /** {@code -trace_stat} into {@value #STAT_CSV}: cumulative call counters every second. */
        public Builder traceStats(boolean on) {
            this.traceStats = on;
            return this;
        }

        /** Any further SIPp options, appended as given. */
        public Builder args(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        /** Where the logs go; a new temporary directory if unset. */
        public Builder logDir(Path dir) {
            this.logDir = dir;
            return this;
        }

        public List<String> command(Path logs) {
            if (localPort < 0) {
                throw new IllegalStateException("local port not set");
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(EXECUTABLE);
            if (remote != null) {
                cmd.add(remote);
            }
            add(cmd, "-sf", scenario.toString());
            add(cmd, "-t", transport.sippMode());
            add(cmd, "-i", localIp);
            add(cmd, "-p", Integer.toString(localPort));
            add(cmd, "-mi", mediaIp);
            if (mediaPort >= 0) {
                add(cmd, "-mp", Integer.toString(mediaPort));
            }
            add(cmd, "-m", Integer.toString(calls));
            if (service != null) {
                add(cmd, "-s", service);
            }
            for (int i = 0; i < variables.size(); i += 2) {
                cmd.add("-set");
                add(cmd, variables.get(i), variables.get(i + 1));
            }
            if (globalTimeout != null) {
                add(cmd, "-timeout", Math.max(1, globalTimeout.toSeconds()) + "s");
                cmd.add("-timeout_error");
            }
            cmd.add("-nostdin");
            cmd.add("-trace_err");
            add(cmd, "-error_file", logs.resolve(ERRORS_LOG).toString());
            cmd.add("-trace_screen");
            add(cmd, "-screen_file", logs.resolve(SCREEN_LOG).toString());
            if (traceMessages) {
                cmd.add("-trace_msg");
                add(cmd, "-message_file", logs.resolve(MESSAGES_LOG).toString());
            }
            if (traceStats) {
                cmd.add("-trace_stat");
                add(cmd, "-stf", logs.resolve(STAT_CSV).toString());
                add(cmd, "-fd", "1");
            }
            cmd.addAll(extraArgs);
            return cmd;
        }

        public Sipp start() throws IOException {
            Path logs = logDir != null ? Files.createDirectories(logDir) : Files.createTempDirectory("sipp-");
            Path cwd = workingDirectory != null ? workingDirectory : Scenarios.repositoryRoot();
            List<String> cmd = command(logs);
            File output = logs.resolve(OUTPUT_LOG).toFile();
            Process process = new ProcessBuilder(cmd)
                    .directory(cwd.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(output)
                    .redirectErrorStream(true)
                    .start();
            return new Sipp(process, List.copyOf(cmd), logs, localPort, transport);
        }

        private static void add(List<String> cmd, String option, String value) {
            cmd.add(option);
            cmd.add(value);
        }
    }
}
