package io.claimgate.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters since start, written in the Prometheus text format. Labels are outcomes, statuses and rule ids only. */
public final class GatewayMetrics {
    private final Map<String, LongAdder> files = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> claims = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rules = new ConcurrentHashMap<>();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder processingMillis = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final LongAdder polls = new LongAdder();

    void file(Gateway.Outcome outcome) {
        files.computeIfAbsent(outcome.label(), k -> new LongAdder()).increment();
    }

    void claim(String status) {
        claims.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    void rule(String ruleId) {
        rules.computeIfAbsent(ruleId, k -> new LongAdder()).increment();
    }

    void processed(long fileBytes, long millis) {
        bytes.add(fileBytes);
        processingMillis.add(millis);
        processed.increment();
    }

    void refused(Intake.Kind kind) {
        refused.computeIfAbsent(kind.label(), k -> new LongAdder()).increment();
    }

    void polled() {
        polls.increment();
    }

    /** Inbox entries refused (reported once each), by what they were: symlink, hardlink, directory, other. */
    public long refused(String kind) {
        LongAdder a = refused.get(kind);
        return a == null ? 0 : a.sum();
    }

    /** Polls of the drop folders since start. */
    public int polls() {
        return polls.intValue();
    }

    public long files(Gateway.Outcome outcome) {
        LongAdder a = files.get(outcome.label());
        return a == null ? 0 : a.sum();
    }

    /** The Prometheus exposition of every counter. */
    public String prometheus() {
        StringBuilder s = new StringBuilder();
        family(s, "claimgate_files_total", "Files by what became of them", "outcome", files);
        family(s, "claimgate_claims_total", "Claims routed, by status", "status", claims);
        family(s, "claimgate_rule_hits_total", "Claims that hit a rule, by rule id", "rule", rules);
        family(s, "claimgate_entries_refused_total", "Inbox entries that are not regular files, reported once each",
                "kind", refused);
        s.append("# HELP claimgate_bytes_total Bytes of files processed\n# TYPE claimgate_bytes_total counter\n")
                .append("claimgate_bytes_total ").append(bytes.sum()).append('\n');
        s.append("# HELP claimgate_processing_seconds Time spent processing files\n")
                .append("# TYPE claimgate_processing_seconds summary\n")
                .append("claimgate_processing_seconds_sum ").append(processingMillis.sum() / 1000.0).append('\n')
                .append("claimgate_processing_seconds_count ").append(processed.sum()).append('\n');
        return s.toString();
    }

    private static void family(StringBuilder s, String name, String help, String label, Map<String, LongAdder> m) {
        s.append("# HELP ").append(name).append(' ').append(help).append('\n');
        s.append("# TYPE ").append(name).append(" counter\n");
        new TreeMap<>(m).forEach((k, v) -> s.append(name).append('{').append(label).append("=\"")
                .append(k.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"} ").append(v.sum()).append('\n'));
    }
}
