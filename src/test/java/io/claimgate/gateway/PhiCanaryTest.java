package io.claimgate.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.claimgate.Samples;
import io.claimgate.cli.Main;
import io.claimgate.ledger.ClaimRow;
import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.FileState;
import io.claimgate.ledger.Ledger;
import io.claimgate.ledger.LedgerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PHI canaries: claims carrying distinctive synthetic patient names, member ids, a birth date, claim ids, an address
 * and diagnosis codes go down every path — accepted, corrected, rejected by a claim rule, rejected in the 999 or TA1,
 * not X12, not read to the end, a duplicate, quarantined after an exception inside claimgate, quarantined as poison
 * (a JVM of its own crashed three times), given back on a full disk and processed once space returned, settled by
 * the start-up reconciliation, 835 remittances through the gateway's remit inbox and the {@code denials} command,
 * and {@code scrub} — with claimgate's loggers at TRACE and the root logger at DEBUG, standard output and error
 * captured, and the output of the child JVMs read. None of the canaries may appear in any of it.
 */
@Timeout(900)
class PhiCanaryTest {
    static final String NAME = "CANARYNAMEQX";
    static final String FIRST = "CANARYFIRSTQX";
    static final String MEMBER = "CNRY12345";
    static final String DOB = "19010203";
    static final String CLAIM = "CANARY-CLM-77";
    static final String STREET = "CANARYSTREETQX";
    static final String DX1 = "S83512D";
    static final String DX2 = "Q6689";
    /** Every canary and the other ways a birth date could be written. */
    static final List<String> CANARIES = List.of(NAME, FIRST, MEMBER, DOB, "1901-02-03", "02/03/1901", "03/02/1901",
            "03.02.1901", "1901.02.03", CLAIM, STREET, DX1, DX2);

    @TempDir
    Path dir;

    private Tmpfs tmpfs;

    @AfterEach
    void unmount() throws Exception {
        if (tmpfs != null) {
            tmpfs.close();
        }
    }

    /** A sample with the canaries planted; claim ids keep the sample's own id after the canary prefix. */
    static String canary(String sample, String claimTag) throws IOException {
        String text = Files.readString(Samples.CLAIMS.resolve(sample), StandardCharsets.ISO_8859_1);
        return plant(text, claimTag);
    }

    static String plant(String text, String claimTag) {
        text = text.replaceAll("NM1\\*(IL|QC)\\*1\\*[^*~]*\\*[^*~]*", "NM1*$1*1*" + NAME + "*" + FIRST);
        text = text.replaceAll("\\*(MI|ZZ|II)\\*SYN1(\\d{6})", "*$1*" + MEMBER + "$2");
        text = text.replaceAll("DMG\\*D8\\*\\d{8}", "DMG*D8*" + DOB);
        text = text.replaceAll("N3\\*1 SYNTHETIC LANE", "N3*1 " + STREET);
        text = text.replaceAll("ABK:[A-Z0-9]+", "ABK:" + DX1).replaceAll("ABF:[A-Z0-9]+", "ABF:" + DX2);
        Matcher m = Pattern.compile("(CLM|CLP)\\*([^*~]+)").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + "*" + CLAIM + claimTag + m.group(2)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Everything logged in this JVM while it runs, and what it printed. */
    private static final class Capture implements AutoCloseable {
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final Map<Logger, Level> before = new LinkedHashMap<>();
        private final PrintStream out = System.out;
        private final PrintStream err = System.err;
        private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Capture() {
            LoggerContext context = root.getLoggerContext();
            for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "io.claimgate", "io.claimgate.gateway")) {
                Logger l = context.getLogger(name);
                before.put(l, l.getLevel());
                l.setLevel(name.startsWith("io.claimgate") ? Level.TRACE : Level.DEBUG);
            }
            appender.start();
            root.addAppender(appender);
            PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
        }

        List<ILoggingEvent> events() {
            synchronized (appender) {
                return new ArrayList<>(appender.list);
            }
        }

        long count(String text) {
            return events().stream().filter(e -> e.getFormattedMessage().contains(text)).count();
        }

        @Override
        public void close() {
            System.setOut(out);
            System.setErr(err);
            root.detachAppender(appender);
            before.forEach(Logger::setLevel);
        }

        /** Each log event (message, arguments' rendering, exception with its causes) and each printed line. */
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (ILoggingEvent e : events()) {
                StringBuilder sb = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
                if (e.getThrowableProxy() != null) {
                    sb.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
                }
                e.getMDCPropertyMap().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
                lines.add(sb.toString());
            }
            printed.toString(StandardCharsets.UTF_8).lines().forEach(lines::add);
            return lines;
        }
    }

    @Test
    void noCanaryReachesAnyLogOnAnyPath() throws Exception {
        Map<String, Long> claimsPerPath = new TreeMap<>();
        Map<String, Long> filesPerPath = new TreeMap<>();
        List<String> lines = new ArrayList<>();

        // the gateway's folders on a tmpfs when one can be mounted (for the full-disk path), else on the disk
        tmpfs = Tmpfs.mount(2048);
        Path gw = tmpfs != null ? tmpfs.dir().resolve("gw") : dir.resolve("gw");
        Path inbox = Files.createDirectories(gw.resolve("inbox"));
        String url = "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0";

        // a mapping that fails inside FreeMarker on one file's claims (quoting the claim id in its message)
        Path mappings = copyMappings(dir.resolve("mappings"), "-Q-");

        Map<String, String> files = new LinkedHashMap<>();
        files.put("accepted.837", canary("clean-multi-claim.837", "-A-"));
        files.put("corrected.837", canary("corrections.837", "-C-"));
        files.put("rule-rejected.837", canary("therapy-rules.837", "-R-"));
        files.put("unbalanced.837", canary("claim-charge-unbalanced.837", "-U-"));
        files.put("ig-rejected.837", canary("invalid-code-value.837", "-I-"));
        files.put("missing-segment.837", canary("missing-required-segment.837", "-M-"));
        files.put("ta1-rejected.837", canary("isa13-iea02-mismatch.837", "-T-"));
        files.put("not-read.837", canary("set-without-se.837", "-N-"));
        files.put("half-good.837", canary("half-good.837", "-H-"));
        files.put("quarantine-me.837", canary("kx-threshold.837", "-Q-"));
        files.put("not-x12.837", "patient,member_id,birth_date,claim\n" + NAME + " " + FIRST + "," + MEMBER
                + "678," + DOB + "," + CLAIM + "-X-1\n" + STREET + "," + DX1 + "," + DX2 + ",1901-02-03\n");
        for (Map.Entry<String, String> f : files.entrySet()) {
            GatewayFiles.drop(inbox, f.getKey(), f.getValue());
        }
        // entries named after a patient that the intake refuses (a link, a FIFO, a folder) and a file so named:
        // the name a file arrives with never reaches a log
        String named = NAME + "-" + MEMBER + "-" + DOB;
        Path outside = Files.writeString(dir.resolve(named + "-outside.837"), canary("clean-multi-claim.837", "-L-"));
        Files.createSymbolicLink(inbox.resolve(named + "-link.837"), outside);
        IntakeTest.mkfifo(inbox.resolve(named + "-fifo.837"));
        Files.createDirectories(inbox.resolve(named + "-folder.837"));
        GatewayFiles.drop(inbox, named + "-file.837", canary("clean-multi-claim.837", "-P-"));

        // run 1: every 837 path in serve --drain, in this JVM
        int exit1;
        try (Capture capture = new Capture()) {
            exit1 = within(() -> serve(gw, url, mappings, "node-canary"), capture);
            // the same bytes again (a duplicate) and the same ISA13 with other content (TA1 025)
            GatewayFiles.drop(inbox, "again.837", files.get("accepted.837"));
            GatewayFiles.drop(inbox, "repeat-isa13.837", files.get("accepted.837").replace("CLM*" + CLAIM + "-A-",
                    "CLM*" + CLAIM + "-D-"));
            within(() -> serve(gw, url, mappings, "node-canary"), capture);
            lines.addAll(capture.lines());
        }
        assertThat(exit1).isEqualTo(1);

        // run 2: the start-up reconciliation, 835s in the remit inbox, and a full disk that empties again
        Path work = Files.createDirectories(gw.resolve("processing").resolve("node-canary"));
        Files.writeString(work.resolve("left-by-a-crash.837"), canary("subscriber-and-dependent.837", "-W-"));
        Path remits = Files.createDirectories(gw.resolve("remits"));
        for (String remit : List.of("denials-mixed.835", "rule-families.835")) {
            GatewayFiles.drop(remits, remit, plant(Files.readString(Samples.EDI_SAMPLES.resolve("835").resolve(remit),
                    StandardCharsets.ISO_8859_1), "-A-"));
        }
        GatewayFiles.drop(inbox, "disk-full.837", canary("hierarchy-by-parent-id.837", "-F-"));
        int retried = 0;
        try (Capture capture = new Capture()) {
            if (tmpfs != null) {
                tmpfs.leaveFree(0);
            }
            ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "canary-serve");
                t.setDaemon(true);
                return t;
            });
            try {
                Future<Integer> run = runner.submit(() -> serve(gw, url, mappings, "node-canary"));
                if (tmpfs != null) {
                    // given back at least twice, then space returns
                    await().atMost(120, TimeUnit.SECONDS).until(() -> capture.count("reason=retry") >= 2);
                    retried = (int) capture.count("reason=retry");
                    tmpfs.freeAll();
                }
                assertThat(run.get(300, TimeUnit.SECONDS)).isEqualTo(1);
            } finally {
                runner.shutdownNow();
            }
            // the denials command on the same remits, without and with the ledger
            Path remitIn = Files.createDirectories(dir.resolve("remits-in"));
            for (String remit : List.of("denials-mixed.835", "rule-families.835", "unbalanced.835")) {
                Files.writeString(remitIn.resolve(remit), plant(Files.readString(Samples.EDI_SAMPLES.resolve("835")
                        .resolve(remit), StandardCharsets.ISO_8859_1), "-A-"), StandardCharsets.ISO_8859_1);
            }
            assertThat(Main.run("denials", "--no-ledger", "--out", dir.resolve("denials").toString(), "--config",
                    Samples.CONFIG.toString(), "--mappings", Samples.MAPPINGS.toString(), remitIn.toString()))
                    .isZero();
            assertThat(Main.run("denials", "--out", dir.resolve("denials-ledger").toString(), "--config",
                    Samples.CONFIG.toString(), "--mappings", Samples.MAPPINGS.toString(), "--set",
                    "claimgate.ledger.url=" + url, remitIn.toString())).isZero();
            // scrub on every file, with the mapping that fails on one of them
            Path scrubIn = Files.createDirectories(dir.resolve("scrub-in"));
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(scrubIn.resolve(f.getKey()), f.getValue(), StandardCharsets.ISO_8859_1);
            }
            assertThat(Main.run("scrub", "--out", dir.resolve("scrub-out").toString(), "--config",
                    Samples.CONFIG.toString(), "--mappings", mappings.toString(), scrubIn.toString())).isEqualTo(1);
            lines.addAll(capture.lines());
        }

        // run 3: a poison file that halts serve's own JVM as its processing starts, three times, then quarantined
        Path poisonGw = dir.resolve("poison-gw");
        GatewayFiles.drop(Files.createDirectories(poisonGw.resolve("inbox")), "poison-canary.837",
                canary("patient-under-subscriber.837", "-P-"));
        String poisonUrl = "jdbc:h2:file:" + dir.resolve("poison-ledger").toAbsolutePath() + ";WRITE_DELAY=0";
        Path childLog = dir.resolve("serve-child.log");
        int crashes = 0;
        int poisonExit = -1;
        for (int run = 0; run < 5 && poisonExit != 1; run++) {
            ServeProcess serve = ServeProcess.start(childLog, Map.of("CLAIMGATE_TEST_HALT_ON", "poison-",
                            "JAVA_TOOL_OPTIONS", "-Dclaimgate.log.level=TRACE -Dclaimgate.gateway.log.level=TRACE"),
                    List.of("--drain", "--idle-seconds", "2"), "claimgate.gateway.dir", poisonGw.toString(),
                    "claimgate.ledger.url", poisonUrl, "claimgate.gateway.node", "poison-node",
                    "claimgate.gateway.poll-ms", "50", "claimgate.gateway.read-lock-min-age-ms", "100",
                    "claimgate.management.port", "-1");
            poisonExit = serve.awaitExit(120);
            crashes += poisonExit == 86 ? 1 : 0;
        }
        assertThat(crashes).isEqualTo(3);
        assertThat(poisonExit).isEqualTo(1);
        List<String> childLines = Files.readAllLines(childLog, StandardCharsets.UTF_8);
        assertThat(childLines).anyMatch(l -> l.contains("reason=POISON"));
        lines.addAll(childLines);

        // what became of every file: each path was taken
        try (Ledger ledger = Ledger.open(new LedgerSettings(url, "sa", "", "checker", 2))) {
            for (FileRecord f : ledger.files()) {
                String path = pathOf(f, ledger.claimsOf(f.id()));
                long claims = f.claimsIn() == null ? 0 : f.claimsIn();
                if (f.state() == FileState.QUARANTINED) {
                    claims = GatewayFiles.claims(gw.resolve("quarantine").resolve(f.sha256().substring(0, 12) + "-"
                            + f.fileName()));
                }
                claimsPerPath.merge(path, claims, Long::sum);
                filesPerPath.merge(path, 1L, Long::sum);
            }
            assertThat(ledger.files()).allSatisfy(f -> assertThat(f.state().terminal()).isTrue());
        }
        try (Ledger ledger = Ledger.open(new LedgerSettings(poisonUrl, "sa", "", "checker", 2))) {
            FileRecord poison = ledger.files().get(0);
            assertThat(poison.reason()).isEqualTo("POISON");
            filesPerPath.merge("quarantined POISON (3 crashes)", 1L, Long::sum);
            claimsPerPath.merge("quarantined POISON (3 crashes)", GatewayFiles.claims(poisonGw.resolve("quarantine")
                    .resolve(poison.sha256().substring(0, 12) + "-poison-canary.837")), Long::sum);
        }
        if (tmpfs != null) {
            assertThat(retried).as("given back on the full disk").isGreaterThanOrEqualTo(2);
        }
        assertThat(claimsPerPath).containsKeys("accepted", "corrected", "rejected by a claim rule",
                "rejected in the 999/TA1", "not X12", "quarantined PROCESSING-FAILED", "duplicate",
                "quarantined POISON (3 crashes)");

        // the canaries are in what was processed, and in none of the log lines
        assertThat(String.join("\n", files.values())).contains(CANARIES.subList(0, 4)).contains(CLAIM, STREET, DX1,
                DX2);
        List<String> hits = new ArrayList<>();
        for (String line : lines) {
            for (String c : CANARIES) {
                if (line.contains(c)) {
                    hits.add(c + " in: " + line);
                }
            }
        }
        System.out.printf("PHI canaries: files per path %s, claims per path %s; full disk %s (given back %d times); remits 2 in the "
                        + "gateway, 3 through denials twice; %d log lines and printed lines scanned (%d from the "
                        + "child JVMs), %d canaries each, %d hits%n", filesPerPath, claimsPerPath,
                tmpfs != null ? "on a tmpfs" : "skipped (no tmpfs)", retried, lines.size(), childLines.size(),
                CANARIES.size(), hits.size());
        assertThat(hits).isEmpty();
    }

    /** Runs a serve --drain in this JVM, failing (with the last log lines) when it has not exited in time. */
    private static int within(java.util.concurrent.Callable<Integer> serve, Capture capture) throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "canary-serve");
            t.setDaemon(true);
            return t;
        });
        try {
            return runner.submit(serve).get(180, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            List<String> lines = capture.lines();
            throw new AssertionError("serve --drain did not exit; last lines:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())), e);
        } finally {
            runner.shutdownNow();
        }
    }

    private static String pathOf(FileRecord f, List<ClaimRow> claims) {
        if (f.duplicateOf() != null) {
            return "duplicate";
        }
        if (f.state() == FileState.QUARANTINED) {
            return "quarantined " + (f.reason() == null ? "" : f.reason().split(" ")[0]);
        }
        if ("X12-NOT-X12".equals(f.reason())) {
            return "not X12";
        }
        if (claims.stream().anyMatch(c -> c.ruleIds().contains("X12-ENVELOPE-REJECTED")
                || c.ruleIds().contains("X12-INTERCHANGE-DUPLICATE"))) {
            return "rejected in the 999/TA1";
        }
        if (claims.stream().anyMatch(c -> c.status().equals("CORRECTED"))) {
            return "corrected";
        }
        if (claims.stream().anyMatch(c -> c.status().equals("REJECTED"))) {
            return "rejected by a claim rule";
        }
        return f.state() == FileState.DONE ? "accepted" : f.state().db();
    }

    private static int serve(Path gw, String url, Path mappings, String node) {
        return Main.run("serve", "--drain", "--idle-seconds", "2", "--config", Samples.CONFIG.toString(),
                "--mappings", mappings.toString(), "--set", "claimgate.gateway.dir=" + gw, "--set",
                "claimgate.ledger.url=" + url, "--set", "claimgate.gateway.node=" + node, "--set",
                "claimgate.gateway.poll-ms=100", "--set", "claimgate.gateway.read-lock-min-age-ms=100", "--set",
                "claimgate.management.port=-1", "--set", "claimgate.gateway.incomplete-max-age-s=30");
    }

    /** The project's mappings, with the findings CSV template failing on the claims whose id has {@code tag}. */
    private static Path copyMappings(Path target, String tag) throws IOException {
        Files.createDirectories(target);
        try (var s = Files.list(Samples.MAPPINGS)) {
            for (Path p : s.toList()) {
                Files.copy(p, target.resolve(p.getFileName()));
            }
        }
        Path ftl = target.resolve("findings-csv.ftl");
        String text = Files.readString(ftl);
        String broken = text.replace("${csv.cell(f.claimId)}", "<#if f.claimId?contains(\"" + tag
                + "\")>${f.claimId?number}<#else>${csv.cell(f.claimId)}</#if>");
        assertThat(broken).isNotEqualTo(text);
        Files.writeString(ftl, broken);
        return target;
    }
}
