package io.claimgate.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Streams {@code reports/NAME.findings.json}: the file, its file-level and envelope-level findings, then one entry
 * per claim (CLM01 as id, with its ST02) with its status and findings, then the counts. Claims are written as they
 * are routed, so the report never holds them.
 */
public final class FindingsReportWriter implements AutoCloseable {
    private final JsonGenerator json;
    private boolean claimsOpen;
    private boolean closed;
    private boolean complete;

    public FindingsReportWriter(OutputStream out, String file, String sha256) {
        try {
            json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("file", file);
            json.writeStringField("sha256", sha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void fileFindings(List<ReportFinding> findings) {
        try {
            json.writeArrayFieldStart("fileFindings");
            for (ReportFinding f : findings) {
                finding(f);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An interchange, group or set with its status and its own findings. */
    public record EnvelopeEntry(String level, String interchangeControl, String groupControl, String setControl,
                                String status, int claims, List<ReportFinding> findings, int omitted) {
    }

    public void envelope(List<EnvelopeEntry> entries) {
        try {
            json.writeArrayFieldStart("envelope");
            for (EnvelopeEntry e : entries) {
                json.writeStartObject();
                json.writeStringField("level", e.level());
                json.writeStringField("isa13", e.interchangeControl());
                if (e.groupControl() != null) {
                    json.writeStringField("gs06", e.groupControl());
                }
                if (e.setControl() != null) {
                    json.writeStringField("st02", e.setControl());
                    json.writeNumberField("claims", e.claims());
                }
                json.writeStringField("status", e.status());
                json.writeArrayFieldStart("findings");
                for (ReportFinding f : e.findings()) {
                    finding(f);
                }
                json.writeEndArray();
                if (e.omitted() > 0) {
                    json.writeNumberField("findingsNotListed", e.omitted());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A claim with its status and findings; {@code omitted} findings were counted but not kept. */
    public void claim(String id, String interchangeControl, String groupControl, String setControl, String status,
                      List<ReportFinding> findings, int omitted) {
        try {
            if (!claimsOpen) {
                json.writeArrayFieldStart("claims");
                claimsOpen = true;
            }
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeStringField("isa13", interchangeControl);
            json.writeStringField("gs06", groupControl);
            json.writeStringField("st02", setControl);
            json.writeStringField("status", status);
            json.writeArrayFieldStart("findings");
            for (ReportFinding f : findings) {
                finding(f);
            }
            json.writeEndArray();
            if (omitted > 0) {
                json.writeNumberField("findingsNotListed", omitted);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The counts: claims in the file = accepted + rejected + not read (the last is 0 unless data was unreadable);
     * {@code corrected} of the accepted claims were corrected.
     */
    public void summary(long claimsIn, long accepted, long corrected, long rejected, long notRead) {
        try {
            if (!claimsOpen) {
                json.writeArrayFieldStart("claims");
                claimsOpen = true;
            }
            json.writeEndArray();
            json.writeObjectFieldStart("summary");
            json.writeNumberField("claimsIn", claimsIn);
            json.writeNumberField("accepted", accepted);
            json.writeNumberField("corrected", corrected);
            json.writeNumberField("rejected", rejected);
            json.writeNumberField("notRead", notRead);
            json.writeEndObject();
            complete = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void finding(ReportFinding f) throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", f.getRuleId());
        json.writeStringField("severity", f.getSeverity());
        json.writeStringField("outcome", f.getOutcome());
        field("segment", f.getSegment());
        if (!f.getPosition().isEmpty()) {
            json.writeNumberField("position", Integer.parseInt(f.getPosition()));
        }
        field("loop", f.getLoop());
        field("element", f.getElement());
        field("ack", f.getAck());
        json.writeStringField("message", f.getMessage());
        io.claimgate.finding.Correction c = f.source().correction();
        if (c != null) {
            json.writeObjectFieldStart("correction");
            json.writeStringField("element", c.element());
            json.writeStringField("action", c.action().name());
            json.writeStringField("from", c.from());
            json.writeStringField("to", c.to());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private void field(String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            json.writeStringField(name, value);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (complete) {
                json.writeEndObject();
            }
            json.close(); // an incomplete report is discarded by its caller

        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
