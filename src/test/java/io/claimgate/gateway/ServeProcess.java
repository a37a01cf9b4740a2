package io.claimgate.gateway;

import io.claimgate.Samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code claimgate serve} in a JVM of its own, as an operator would run it, so a test can kill it with -9. */
final class ServeProcess {
    private final Process process;

    private ServeProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code serve} with the test's classpath, the project's config and mappings, and the settings given.
     *
     * @param env extra environment (e.g. the poison-file hook)
     */
    static ServeProcess start(Path log, Map<String, String> env, List<String> extraArgs, String... settings)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "-Dclaimgate.home=" + Samples.ROOT, "io.claimgate.cli.Main", "serve",
                "--config", Samples.CONFIG.toString(), "--mappings", Samples.MAPPINGS.toString()));
        for (int i = 0; i + 1 < settings.length; i += 2) {
            cmd.add("--set");
            cmd.add(settings[i] + "=" + settings[i + 1]);
        }
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return new ServeProcess(pb.start());
    }

    /** kill -9: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: what an operator or a service manager sends to stop the gateway. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the process to exit by itself (a --drain run); returns its exit code. */
    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("serve did not exit within " + seconds + " s");
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The {@code serve} processes a test started, killed when it ends if still alive (a failed assertion). */
    static final class Started {
        private final List<ServeProcess> processes = new ArrayList<>();

        ServeProcess start(Path log, Map<String, String> env, List<String> extraArgs, String... settings)
                throws IOException {
            ServeProcess p = ServeProcess.start(log, env, extraArgs, settings);
            processes.add(p);
            return p;
        }

        void killAlive() throws InterruptedException {
            for (ServeProcess p : processes) {
                if (p.alive()) {
                    p.kill();
                }
            }
        }
    }
}
