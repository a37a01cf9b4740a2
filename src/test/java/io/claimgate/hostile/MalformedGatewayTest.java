package io.claimgate.hostile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimgate.Samples;
import io.claimgate.cli.Main;
import io.claimgate.gateway.GatewaySettings;
import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.FileState;
import io.claimgate.ledger.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subset of the malformed corpus (every category but the 26 MB set, and a spread of truncations) and the good
 * samples dropped into the gateway's inbox and drained with {@code serve --drain}: every hostile file ends in the
 * ledger as rejected (its report naming a rule id) or quarantined with a reason, archived or in quarantine; the
 * good files are done; nothing is left in the inbox or the work folder. Each hostile file gets an interchange
 * control number of its own, so that the duplicate-interchange check does not hide its own reason.
 */
class MalformedGatewayTest {
    @TempDir
    Path dir;

    @Test
    void hostileFilesEndRejectedOrQuarantinedWithAReasonAndGoodFilesAreDone() throws Exception {
        List<MalformedCorpus.Input> corpus = MalformedCorpus.write(dir.resolve("corpus"));
        Path inbox = Files.createDirectories(dir.resolve("gw/inbox"));
        Map<String, String> hostile = new LinkedHashMap<>(); // sha256 -> category/name
        int control = 700;
        for (MalformedCorpus.Input input : corpus) {
            String name = input.file().getFileName().toString();
            if (input.category().equals("huge-set")
                    || input.category().equals("truncated") && !name.matches("truncated-after-(01|02|03|10|30|59|60|61|62)-.*")) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(input.file());
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            if (text.contains("000000101")) {
                bytes = text.replace("000000101", String.format("%09d", ++control)).getBytes(StandardCharsets.ISO_8859_1);
            }
            hostile.put(sha256(bytes), input.category() + "/" + name);
            drop(inbox, name, bytes);
        }
        Map<String, String> good = new HashMap<>();
        for (String g : MalformedBatchTest.GOOD) {
            byte[] bytes = Files.readAllBytes(Samples.CLAIMS.resolve(g));
            good.put(sha256(bytes), g);
            drop(inbox, "good-" + g, bytes);
        }
        assertThat(hostile).hasSizeGreaterThan(35);

        Properties p = new Properties();
        p.setProperty("claimgate.gateway.dir", dir.resolve("gw").toString());
        p.setProperty("claimgate.ledger.url", "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath());
        p.setProperty("claimgate.gateway.node", "hostile");
        p.setProperty("claimgate.gateway.poll-ms", "100");
        p.setProperty("claimgate.gateway.read-lock-min-age-ms", "100");
        p.setProperty("claimgate.gateway.incomplete-max-age-s", "1"); // truncated files: processed, not waited for
        p.setProperty("claimgate.management.port", "-1");
        List<String> args = new ArrayList<>(List.of("serve", "--drain", "--idle-seconds", "2", "--config",
                Samples.CONFIG.toString(), "--mappings", Samples.MAPPINGS.toString()));
        p.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        int exit = Main.run(args.toArray(String[]::new));
        assertThat(exit).isEqualTo(Main.REJECTED);

        Path gw = dir.resolve("gw");
        assertThat(visible(inbox)).as("left in the inbox").isEmpty();
        assertThat(visible(gw.resolve("processing"))).as("left in the work folder").isEmpty();
        List<FileRecord> rows;
        try (Ledger ledger = Ledger.open(GatewaySettings.load(dir, null, p).ledger())) {
            rows = ledger.files();
        }
        Map<String, FileRecord> bySha = new HashMap<>();
        rows.forEach(r -> bySha.put(r.sha256(), r));
        assertThat(rows).hasSize(hostile.size() + good.size());
        List<Path> archived = visible(gw.resolve("archive"));
        List<Path> quarantined = visible(gw.resolve("quarantine"));

        TreeMap<String, int[]> counts = new TreeMap<>(); // category -> rejected, quarantined
        TreeSet<String> reasons = new TreeSet<>();
        for (Map.Entry<String, String> h : hostile.entrySet()) {
            FileRecord r = bySha.get(h.getKey());
            String what = h.getValue();
            assertThat(r).as(what).isNotNull();
            assertThat(r.state()).as(what).isIn(FileState.REJECTED, FileState.QUARANTINED);
            String sha12 = h.getKey().substring(0, 12);
            int[] c = counts.computeIfAbsent(what.substring(0, what.indexOf('/')), k -> new int[2]);
            if (r.state() == FileState.REJECTED) {
                c[0]++;
                assertThat(archived).as(what + ": archived").anyMatch(a -> a.getFileName().toString().startsWith(sha12));
                String report = r.outputs().stream().filter(o -> o.endsWith(".findings.json")).findFirst()
                        .orElseThrow(() -> new AssertionError(what + ": no findings report in " + r.outputs()));
                TreeSet<String> ids = MalformedBatchTest.ruleIds(new ObjectMapper().readTree(gw.resolve(report).toFile()));
                assertThat(ids).as(what + ": a reason code").isNotEmpty();
                reasons.addAll(ids);
            } else {
                c[1]++;
                assertThat(r.reason()).as(what + ": quarantine reason").isNotBlank();
                assertThat(quarantined).as(what + ": quarantined with a .reason file")
                        .anyMatch(q -> q.getFileName().toString().endsWith(".reason"));
                reasons.add("quarantine:" + r.reason());
            }
        }
        for (Map.Entry<String, String> g : good.entrySet()) {
            FileRecord r = bySha.get(g.getKey());
            assertThat(r.state()).as(g.getValue()).isEqualTo(FileState.DONE);
            assertThat(r.claimsAccepted()).as(g.getValue()).isPositive();
        }
        StringBuilder table = new StringBuilder("\nmalformed corpus through serve --drain (exit " + exit + "):\n");
        table.append(String.format("%-15s %8s %11s%n", "category", "rejected", "quarantined"));
        counts.forEach((k, c) -> table.append(String.format("%-15s %8d %11d%n", k, c[0], c[1])));
        table.append("reasons: ").append(String.join(" ", reasons)).append('\n');
        table.append("good files done: ").append(good.size()).append("; inbox 0, work folder 0\n");
        System.out.println(table);
    }

    private static void drop(Path inbox, String name, byte[] bytes) throws IOException {
        Path tmp = inbox.resolve("." + name + ".tmp");
        Files.write(tmp, bytes);
        Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().minusSeconds(60)));
        Files.move(tmp, inbox.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<Path> visible(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
