package io.claimgate.scrub;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;
import io.claimgate.model.HierarchyLevel;
import io.claimgate.model.RawSegment;
import io.claimgate.report.FindingsCsvExport;
import io.claimgate.x12.ClaimReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scrubs every sample with claimgate's loggers at DEBUG and checks that no patient name, member id, birth date or
 * claim id from the samples appears in any log line or logged exception.
 */
class NoPatientDataInLogsTest {

    @TempDir
    Path out;

    @Test
    void logsCarryNoPatientData() throws IOException {
        Set<String> secrets = new HashSet<>();
        for (Path sample : Samples.files(Samples.CLAIMS, ".*")) {
            collectPatientData(sample, secrets);
        }
        for (Path remit : Samples.files(Samples.EDI_SAMPLES.resolve("835"), ".*\\.835")) {
            collectRemitPatientData(remit, secrets);
        }
        assertThat(secrets).hasSizeGreaterThan(40);

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("io.claimgate");
        Level before = ours.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        ours.setLevel(Level.DEBUG);
        try (FindingsCsvExport csv = new FindingsCsvExport(Samples.MAPPINGS)) {
            ScrubService service = new ScrubService(out, csv, Samples.rules());
            for (Path sample : Samples.files(Samples.CLAIMS, ".*")) {
                service.scrub(sample);
            }
            // the remits too, through the denials command
            assertThat(io.claimgate.cli.Main.run("denials", "--no-ledger", "--out", out.resolve("denials").toString(),
                    "--config", Samples.CONFIG.toString(), "--mappings", Samples.MAPPINGS.toString(),
                    Samples.EDI_SAMPLES.resolve("835").toString())).isZero();
        } finally {
            ours.setLevel(before);
            root.detachAppender(appender);
        }
        assertThat(appender.list).isNotEmpty();
        StringBuilder logged = new StringBuilder();
        for (ILoggingEvent e : appender.list) {
            logged.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                logged.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        assertThat(secrets).allSatisfy(secret -> assertThat(logged.toString()).doesNotContain(secret));
    }

    @Test
    void failuresReachTheConsoleAndLogsWithoutPatientData() throws IOException {
        Set<String> secrets = new HashSet<>();
        for (Path sample : Samples.files(Samples.CLAIMS, ".*")) {
            collectPatientData(sample, secrets);
        }
        // a template a user broke: it fails on the claim id, and FreeMarker's message quotes the value
        Path mappings = out.resolve("mappings");
        Files.createDirectories(mappings);
        Files.copy(Samples.MAPPINGS.resolve("findings-csv.xml"), mappings.resolve("findings-csv.xml"));
        Files.writeString(mappings.resolve("findings-csv.ftl"), Files.readString(
                Samples.MAPPINGS.resolve("findings-csv.ftl")).replace("${csv.cell(f.claimId)}", "${f.claimId?number}"));

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
            exit = io.claimgate.cli.Main.run("scrub", "--out", out.resolve("cli").toString(), "--config",
                    Samples.CONFIG.toString(), "--mappings", mappings.toString(), Samples.CLAIMS.toString());
        } finally {
            System.setErr(stderr);
            root.detachAppender(appender);
        }
        assertThat(exit).isEqualTo(1);
        String printed = console.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(printed).contains("not processed");
        StringBuilder logged = new StringBuilder(printed);
        for (ILoggingEvent e : appender.list) {
            logged.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                logged.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        assertThat(secrets).allSatisfy(secret -> assertThat(logged.toString()).doesNotContain(secret));
    }

    /** From an 835: claim ids (CLP01) and the patient's names and member id (NM1*QC). */
    private static void collectRemitPatientData(Path remit, Set<String> secrets) throws IOException {
        for (String segment : Files.readString(remit).split("~")) {
            String[] e = segment.strip().split("\\*", -1);
            if (e[0].equals("CLP")) {
                add(secrets, e[1]);
            } else if (e[0].equals("NM1") && e.length > 9 && e[1].equals("QC")) {
                add(secrets, e[3]);
                add(secrets, e[4]);
                add(secrets, e[9]);
            }
        }
    }

    /** Names (NM103/NM104), member ids (NM109 of IL/QC), birth dates (DMG02) and claim ids (CLM01). */
    private static void collectPatientData(Path sample, Set<String> secrets) throws IOException {
        try (InputStream in = Files.newInputStream(sample)) {
            ClaimReader.unvalidated().read(in, new ClaimReader.Handler() {
                @Override
                public void claim(Claim claim) {
                    secrets.add(claim.id());
                    for (HierarchyLevel level : new HierarchyLevel[] {claim.subscriber(), claim.patient()}) {
                        if (level == null) {
                            continue;
                        }
                        for (RawSegment s : level.segments()) {
                            if (s.is("NM1") && (s.element(1).equals("IL") || s.element(1).equals("QC"))) {
                                add(secrets, s.element(3));
                                add(secrets, s.element(4));
                                add(secrets, s.element(9));
                            } else if (s.is("DMG")) {
                                add(secrets, s.element(2));
                            }
                        }
                    }
                }

                @Override
                public void finding(Finding finding, ClaimReader.Scope scope, long claimOrdinal) {
                }
            });
        }
    }

    private static void add(Set<String> secrets, String value) {
        if (value != null && value.length() >= 4) {
            secrets.add(value);
        }
    }
}
