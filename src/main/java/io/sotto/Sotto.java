package io.sotto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.api.ApiRoutes;
import io.sotto.api.HttpApi;
import io.sotto.api.RecordingsApi;
import io.sotto.api.SettingsApi;
import io.sotto.catalog.Catalog;
import io.sotto.catalog.SettingsCatalog;
import io.sotto.call.CallConductor;
import io.sotto.api.CallsApi;
import io.sotto.call.CallEvents;
import io.sotto.call.ConductedCalls;
import io.sotto.call.CallRecorder;
import io.sotto.call.RecordingControl;
import io.sotto.control.RecordingPolicy;
import io.sotto.call.CallRegistry;
import io.sotto.config.CatalogDatabase;
import io.sotto.config.LiveSettings;
import io.sotto.config.SottoConfig;
import io.sotto.fork.ForkControlQueue;
import io.sotto.fork.ForkWriter;
import io.sotto.metrics.CycleTimes;
import io.sotto.media.MediaRelay;
import io.sotto.recorder.RecorderAgent;
import io.sotto.recorder.RecordingRepair;
import io.sotto.sip.SipEdge;

/**
 * Composition root: creates every thread and wires sip, call, media, recorder, catalog and the
 * HTTP edge together. Threads: the SIP stack's, one call conductor, the media event loops, one
 * recorder agent and its recording finishers, one catalog thread, the HTTP event loops.
 */
public final class Sotto implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sotto.class);
    /**
     * 64 MiB: 1,000 recorded calls fork 100,000 packets a second, 208 bytes each in the ring, so
     * this holds 3.2 s of them while the recorder is held up. Its longest cycles reach 0.3-0.5 s
     * when the kernel makes a write wait, and while 1,000 SIPREC sessions ramp up in a fresh JVM
     * (the JIT, SIP setup and SIPp on the same two cores) it reads slower than media forks for
     * several seconds: 32 MiB lost 119,000 and 317,000 packets there in two runs, 64 MiB 0, 0,
     * 16,500 and 0 in four. Only a recorder that catches up is helped by a larger ring: it does since
     * it flushes during a backlog too ({@code RecorderAgent.doWork}).
     */
    private static final int RING_CAPACITY = 64 * 1024 * 1024;
    private static final int CONDUCTOR_QUEUE = 64 * 1024;
    private static final long SHUTDOWN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final SottoConfig config;
    private final ForkWriter fork;
    private final RecorderAgent recorder;
    private final AgentRunner recorderRunner;
    private final List<AgentRunner> finisherRunners;
    private final MediaRelay media;
    private final CallRegistry registry;
    private final AgentRunner conductorRunner;
    private final SipEdge sip;
    private final HttpApi http;
    private final Catalog catalog;
    private final SettingsCatalog settings;

    private Sotto(SottoConfig config, ForkWriter fork, RecorderAgent recorder, AgentRunner recorderRunner,
                  List<AgentRunner> finisherRunners, MediaRelay media, CallRegistry registry,
                  AgentRunner conductorRunner, SipEdge sip, HttpApi http, Catalog catalog, SettingsCatalog settings) {
        this.config = config;
        this.fork = fork;
        this.recorder = recorder;
        this.recorderRunner = recorderRunner;
        this.finisherRunners = finisherRunners;
        this.media = media;
        this.registry = registry;
        this.conductorRunner = conductorRunner;
        this.sip = sip;
        this.http = http;
        this.catalog = catalog;
        this.settings = settings;
    }

    /**
     * Starts every part on {@code config}, HTTP last, so {@code /healthz} answers only once SIP and
     * media are up. Throws if a socket cannot be bound (for HTTP: "cannot listen for HTTP on
     * http.listen ADDRESS: REASON"), after closing whatever it had started.
     */
    public static Sotto start(SottoConfig config) {
        NanoClock nanoClock = SystemNanoClock.INSTANCE;
        EpochClock epochClock = SystemEpochClock.INSTANCE;
        try {
            Files.createDirectories(config.recording().dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create recording.dir " + config.recording().dir(), e);
        }
        int repaired = RecordingRepair.repairAll(config.recording().dir());
        if (repaired > 0) {
            LOG.warn("repaired {} recording(s) left unfinished by a crash", repaired);
        }
        Catalog catalog = Catalog.open(config.catalog(), config.recording().dir());
        SettingsCatalog settings;
        try {
            settings = SettingsCatalog.open(catalog, config.settings());
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        // other nodes on a shared PostgreSQL catalog change the settings too
        if (config.catalog().database() == CatalogDatabase.POSTGRESQL) {
            settings.refreshPeriodically();
        }
        catalog.addRecordingsOnDisk();
        LiveSettings live = settings.live();
        ManyToOneRingBuffer ring = ForkWriter.newRing(RING_CAPACITY);
        ForkWriter fork = new ForkWriter(ring);
        // no line of its own: the finisher has logged the recording ("Recording ... finished") just before
        RecorderAgent recorder = new RecorderAgent(config.recording(), ring, fork.controlBodies(), nanoClock,
                epochClock, catalog::onFinished);
        CycleTimes recorderCycles = new CycleTimes("recorder");
        AgentRunner recorderRunner = new AgentRunner(idle(), errors("recorder"), null,
                new DutyCycleAgent(recorder, recorderCycles, nanoClock));
        List<AgentRunner> finisherRunners = new ArrayList<>();
        for (Agent finisher : recorder.finishers()) {
            // Finishing is not latency-sensitive: an idle finisher wakes at most every 10 ms.
            AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(1, 1, TimeUnit.MILLISECONDS.toNanos(1),
                    TimeUnit.MILLISECONDS.toNanos(10)), errors(finisher.roleName()), null, finisher);
            AgentRunner.startOnThread(runner);
            finisherRunners.add(runner);
        }
        AgentRunner.startOnThread(recorderRunner);

        MediaRelay media = null;
        AgentRunner conductorRunner = null;
        SipEdge sip = null;
        try {
            media = new MediaRelay(config.media(), fork);
            CallRegistry registry = new CallRegistry();
            CallConductor conductor = new CallConductor(CONDUCTOR_QUEUE, nanoClock);
            ForkControlQueue controlRecords = new ForkControlQueue(fork);
            CallRecorder callRecorder = new CallRecorder(controlRecords);
            conductor.addDuty(callRecorder::retryWaiting);
            CycleTimes conductorCycles = new CycleTimes("calls");
            conductorRunner = new AgentRunner(idle(), errors("call conductor"), null,
                    new DutyCycleAgent(conductor, conductorCycles, nanoClock));
            AgentRunner.startOnThread(conductorRunner);
            CallEvents events = new CallEvents();
            RecordingControl control = new RecordingControl(new RecordingPolicy.Factory(), callRecorder, events,
                    conductor, nanoClock, epochClock);
            sip = SipEdge.start(config, live, conductor, media, registry, control, nanoClock, epochClock);
            CallsApi callsApi = new CallsApi(new ConductedCalls(conductor, registry, control, events, nanoClock),
                    live);
            RecordingsApi recordingsApi = new RecordingsApi(catalog, live);
            HttpApi http = HttpApi.start(config.http().listen(),
                    ApiRoutes.all(new LiveMetricsSource(registry, media, recorder, fork, sip, conductor,
                            controlRecords, List.of(conductorCycles, recorderCycles)), callsApi, recordingsApi,
                            new SettingsApi(settings)));
            return new Sotto(config, fork, recorder, recorderRunner, finisherRunners, media, registry, conductorRunner,
                    sip, http, catalog, settings);
        } catch (RuntimeException e) {
            if (sip != null) {
                sip.close();
            }
            if (conductorRunner != null) {
                conductorRunner.close();
            }
            if (media != null) {
                media.close();
            }
            recorderRunner.close();
            finisherRunners.forEach(AgentRunner::close);
            settings.close();
            catalog.close();
            throw e;
        }
    }

    private static BackoffIdleStrategy idle() {
        return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1));
    }

    private static ErrorHandler errors(String role) {
        return error -> LOG.error("{} failed: {}", role, error.toString(), error);
    }

    public SottoConfig config() {
        return config;
    }

    /** Where the HTTP edge listens ({@code http.listen}, resolved). */
    public InetSocketAddress httpAddress() {
        return http.address();
    }

    /** Counts of what is held right now: after every call has ended, all but totals are zero. */
    public SottoStatus status() {
        return new SottoStatus(registry.size(), sip.legCount(), media.portsInUse(), media.sessionsOpen(),
                recorder.activeRecordings(), recorder.openFiles(), fork.ring().size(), sip.forbiddenCount(),
                fork.audioForked(), fork.audioDropped());
    }

    /** Ends every call (BYE on both legs, recordings finished), then stops every thread. */
    @Override
    public void close() {
        http.close();
        sip.endAllCalls();
        long deadline = System.nanoTime() + SHUTDOWN_GRACE_NANOS;
        while (registry.size() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        sip.close();
        conductorRunner.close();
        media.close();
        recorderRunner.close();
        // After the recorder, whose close hands them the last recordings; each drains its queue.
        finisherRunners.forEach(AgentRunner::close);
        settings.close();
        catalog.close();
        LOG.info("Sotto stopped");
    }
}
