package io.sotto;

import io.netty.util.ResourceLeakDetector;
import io.sotto.config.ConfigException;
import io.sotto.config.ConfigLoader;
import io.sotto.config.SottoConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The command line: loads the config, starts Sotto and runs until the JVM is asked to stop. */
@Command(name = "sotto", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "SIP B2BUA and call recorder with pause and resume.")
public final class Main implements Callable<Integer> {
    static final int EXIT_CANNOT_START = 1;
    static final int EXIT_CONFIG_ERROR = 2;
    static final int EXIT_USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

    /** What to do with a loaded config; returns the exit code. */
    @FunctionalInterface
    interface Launcher {
        int launch(SottoConfig config, PrintWriter err);
    }

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config; keys it lacks keep the built-in default (config/sotto.yaml).")
    private Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one key after the file, e.g. --set sip.listen=0.0.0.0:5060 "
                    + "or --set peers[0].address=10.0.0.1:5060 (repeatable; the value is YAML).")
    private List<String> overrides = new ArrayList<>();

    private final Launcher launcher;
    private final PrintWriter err;

    private Main(Launcher launcher, PrintWriter err) {
        this.launcher = launcher;
        this.err = err;
    }

    public static void main(String[] args) {
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
            // Netty's default samples buffers for leaks and touches every packet on its way through
            // a pipeline; the tests hunt leaks at "paranoid", so the server runs without (README).
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        int exitCode = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), Main::serve);
        // After a normal stop the JVM is already shutting down, where System.exit would block for ever.
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * Parses {@code args}, loads the config and hands it to {@code launcher}. Returns the exit code:
     * 0 after help or version or a normal stop, 2 for a bad command line or config, else the launcher's.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, Launcher launcher) {
        CommandLine commandLine = new CommandLine(new Main(launcher, err));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, ignored) -> {
            err.println("sotto: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try 'sotto --help' for the options.");
            return EXIT_USAGE;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        SottoConfig config;
        try {
            config = ConfigLoader.load(configFile, overrides);
        } catch (ConfigException e) {
            err.println("sotto: config error: " + e.getMessage());
            return EXIT_CONFIG_ERROR;
        }
        return launcher.launch(config, err);
    }

    /** Starts Sotto, closes it from a shutdown hook, and blocks until that hook has run. */
    static int serve(SottoConfig config, PrintWriter err) {
        Sotto sotto;
        try {
            sotto = Sotto.start(config);
        } catch (RuntimeException e) {
            err.println("sotto: cannot start: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return EXIT_CANNOT_START;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                sotto.close();
            } finally {
                closed.countDown();
            }
        }, "sotto-shutdown"));
        LOG.info(startedLine(config));
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static String startedLine(SottoConfig config) {
        return "Sotto started: SIP " + config.sip().listen() + " (UDP+TCP), HTTP " + config.http().listen()
                + ", RTP " + config.media().address() + " " + config.media().ports().first() + "-"
                + config.media().ports().last() + ", recordings " + config.recording().dir().toAbsolutePath().normalize();
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"sotto " + (version != null ? version : "(development build)")};
        }
    }
}
