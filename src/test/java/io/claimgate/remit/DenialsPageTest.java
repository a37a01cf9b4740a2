package io.claimgate.remit;

import io.claimgate.Samples;
import io.claimgate.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code denials.html} opened in headless Chromium (Debian's {@code chromium}, run as a real process): it renders
 * without console errors or page errors, the DOM that comes back holds the heading and both charts, and a
 * screenshot is kept as a test artifact in {@code target/test-artifacts/denials.png}.
 *
 * <p>Console messages and page errors are read from Chromium's own log ({@code --enable-logging=stderr}). For an
 * ordinary page Chromium logs every console message at INFO as {@code INFO:CONSOLE:LINE] "message", source: URL}
 * (older builds: {@code CONSOLE(LINE)}), whatever its level, and an uncaught exception as a console message starting
 * with {@code Uncaught}; so any console message counts as a problem (the page has no scripts, it should log
 * nothing). Chromium's own ERROR lines count too, except the D-Bus ones of a machine without a D-Bus daemon, which
 * say nothing about the page. {@link #theCheckSeesPlantedErrors} shows the check does fail on a page that logs an
 * error or throws, so a change of Chromium's log format cannot make the check pass silently. Failed loads of
 * sub-resources are not in that log; the page has to be self-contained anyway, which is checked on the DOM.
 *
 * <p>Without Chromium the tests are skipped, or fail when {@code CLAIMGATE_REQUIRE_CHROMIUM=1} (set by
 * {@code .ci/run}, which installs the package). {@code CLAIMGATE_CHROMIUM} names another binary.
 */
class DenialsPageTest {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CLAIMGATE_CHROMIUM", "/usr/bin/chromium"));
    static final long TIMEOUT_SECONDS = 60;
    static final Path ARTIFACTS = Samples.ROOT.resolve("target").resolve("test-artifacts");

    /** A line of Chromium's log: {@code [pid:tid:time:SEVERITY:file.cc:123] message} (or {@code file.cc(123)}). */
    static final Pattern LOG_LINE =
            Pattern.compile("^\\[[^\\]]*?(VERBOSE\\d*|INFO|WARNING|ERROR|FATAL):([^\\]:(]+)[:(]\\d+\\)?\\] ?(.*)$");

    /**
     * Chromium's ERROR lines that are noise on a headless machine without a D-Bus daemon (containers, CI): it cannot
     * reach the system or session bus, and the calls it makes over it fail. Seen with Chromium 150 on Debian 12:
     * {@code dbus/bus.cc} "Failed to connect to the bus: ..." and {@code dbus/object_proxy.cc} "Failed to call
     * method: org.freedesktop.DBus.NameHasOwner / org.freedesktop.DBus.Properties.GetAll ...". The WARNING lines of
     * the same run (vaapi "drmGetDevices2() has not found any devices", "InitializeSandbox() called with multiple
     * threads in process gpu-process", bluez "Floss manager service not available", dbus/property.cc, idle_linux
     * "None of the known D-Bus ScreenSaver services could be used") are not looked at, being warnings; nor is the
     * Debian launcher's own shell complaint ({@code /usr/bin/chromium: 9: [: ...: unexpected operator}, from its
     * {@code /etc/chromium.d/dev-shm} check when /dev/shm is mounted twice), which is not a log line.
     */
    static boolean isKnownNoise(String severity, String file, String message) {
        return severity.equals("ERROR") && file.startsWith("dbus/")
                && (message.startsWith("Failed to connect to the bus: ")
                || message.startsWith("Failed to call method: org.freedesktop."));
    }

    @TempDir
    Path dir;

    @BeforeEach
    void chromiumIsThere() {
        boolean present = Files.isRegularFile(CHROMIUM) && Files.isExecutable(CHROMIUM);
        if (!present && "1".equals(System.getenv("CLAIMGATE_REQUIRE_CHROMIUM"))) {
            throw new AssertionError("Chromium is required (CLAIMGATE_REQUIRE_CHROMIUM=1) but " + CHROMIUM
                    + " is missing; install Debian's chromium package (.ci/run does)");
        }
        Assumptions.assumeTrue(present, CHROMIUM + " is missing (Debian package chromium); skipped");
    }

    @Test
    void theDenialsPageRendersWithoutConsoleErrors() throws Exception {
        Path out = dir.resolve("denials");
        int exit = Main.run("denials", "--out", out.toString(), "--config", Samples.CONFIG.toString(),
                "--mappings", Samples.MAPPINGS.toString(), "--no-ledger",
                DenialsEndToEndTest.REMITS.resolve("denials-mixed.835").toString());
        assertThat(exit).isEqualTo(0);
        Path page = out.resolve("denials.html");
        assertThat(page).isRegularFile();
        String url = page.toUri().toString();
        Files.createDirectories(ARTIFACTS);
        Path log = ARTIFACTS.resolve("denials-chromium.log");
        Path png = ARTIFACTS.resolve("denials.png");
        Files.deleteIfExists(png);

        // 1. the DOM after loading: the heading, both charts, and nothing that would be fetched from elsewhere
        Run dom = chromium("--dump-dom", url);
        Files.writeString(log, dom.describe("--dump-dom"), StandardCharsets.UTF_8);
        assertThat(dom.exit).as("chromium --dump-dom exit status; stderr:%n%s", dom.stderr).isEqualTo(0);
        assertThat(dom.problems()).as("console messages, page errors and Chromium errors loading %s", url).isEmpty();
        assertThat(dom.stdout).contains("<h1>Denial analysis</h1>").contains("Denial reasons by dollars")
                .contains("CARC Z99");
        assertThat(Pattern.compile("<svg\\b").matcher(dom.stdout).results().count()).as("inline SVG charts")
                .isGreaterThanOrEqualTo(2);
        assertThat(dom.stdout).as("self-contained: no scripts, no sub-resources from files or the network")
                .doesNotContain("<script")
                .doesNotContainPattern("(?i)\\b(?:src|srcset|href|xlink:href)\\s*=\\s*[\"']?(?![\"'#]|data:)")
                .doesNotContainPattern("(?i)url\\(\\s*[\"']?(?!#|data:)")
                .doesNotContainPattern("(?i)@import");

        // 2. the screenshot, kept as the artifact
        Run shot = chromium("--screenshot=" + png, "--window-size=1280,2000", url);
        Files.writeString(log, shot.describe("--screenshot"), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(shot.exit).as("chromium --screenshot exit status; stderr:%n%s", shot.stderr).isEqualTo(0);
        assertThat(shot.problems()).as("console messages, page errors and Chromium errors loading %s", url)
                .isEmpty();
        assertThat(png).isRegularFile();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(Arrays.copyOf(bytes, 8)).as("PNG signature")
                .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        assertThat(bytes.length).as("PNG size").isGreaterThan(20_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("decodable PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(2000);
        // the charts were painted: the bars' fill (#4a78b5) covers some 13,000 pixels at this size; the trend line
        // and its points, in the same colour, only a few hundred
        long bar = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == 0x4a78b5) {
                    bar++;
                }
            }
        }
        assertThat(bar).as("pixels of the bar colour #4a78b5 in the screenshot").isGreaterThan(5_000);
    }

    /** The same check on planted pages: it finds a console error and an uncaught exception, and passes a clean page. */
    @Test
    void theCheckSeesPlantedErrors() throws Exception {
        Run consoleError = chromium("--dump-dom", page("console-error.html",
                "<h1>t</h1><script>console.error(\"planted console error\")</script>"));
        assertThat(consoleError.exit).isEqualTo(0);
        assertThat(consoleError.problems()).as("stderr:%n%s", consoleError.stderr)
                .anySatisfy(p -> assertThat(p).contains("planted console error"));

        Run thrown = chromium("--dump-dom", page("throws.html",
                "<h1>t</h1><script>null.planted()</script>"));
        assertThat(thrown.exit).isEqualTo(0);
        assertThat(thrown.problems()).as("stderr:%n%s", thrown.stderr)
                .anySatisfy(p -> assertThat(p).contains("Uncaught TypeError"));

        Run clean = chromium("--dump-dom", page("clean.html", "<h1>planted clean page</h1><svg></svg>"));
        assertThat(clean.exit).isEqualTo(0);
        assertThat(clean.problems()).as("stderr:%n%s", clean.stderr).isEmpty();
        assertThat(clean.stdout).contains("<h1>planted clean page</h1>");
    }

    private String page(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + name
                + "</title></head><body>" + body + "</body></html>\n", StandardCharsets.UTF_8);
        return p.toUri().toString();
    }

    /** One run of headless Chromium with a fresh profile; its stdout and stderr, and how it exited. */
    record Run(List<String> command, int exit, String stdout, String stderr) {

        /** The stderr lines that are about the page: console messages, uncaught errors, and unexpected errors. */
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            for (String line : stderr.split("\\R")) {
                Matcher m = LOG_LINE.matcher(line);
                if (m.matches()) {
                    String severity = m.group(1);
                    String file = m.group(2);
                    String message = m.group(3);
                    if (file.equals("CONSOLE") || message.contains("Uncaught")
                            || ((severity.equals("ERROR") || severity.equals("FATAL"))
                            && !isKnownNoise(severity, file, message))) {
                        problems.add(line);
                    }
                } else if (line.contains("Uncaught")) {
                    problems.add(line);
                }
            }
            return problems;
        }

        String describe(String what) {
            return "== chromium " + what + ": " + String.join(" ", command) + "\n== exit " + exit + "\n" + stderr
                    + "\n";
        }
    }

    private Run chromium(String... args) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(dir, "chromium");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + work.resolve("profile")));
        command.addAll(List.of(args));
        Path stdout = work.resolve("stdout");
        Path stderr = work.resolve("stderr");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command
                    + "\nstderr:\n" + text(stderr));
        }
        return new Run(command, process.exitValue(), text(stdout), text(stderr));
    }

    /** A file's text; bytes that are not UTF-8 become replacement characters rather than an exception. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
