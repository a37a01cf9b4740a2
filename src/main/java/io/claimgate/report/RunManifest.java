package io.claimgate.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * {@code run-manifest.json}: one entry per input with its sha256, interchange control numbers, the conservation
 * counts (claims in = accepted + rejected) and the outputs written, plus the run's totals.
 */
public final class RunManifest {
    /** One input's line in the manifest. {@code error} is set when the file could not be processed at all. */
    public record Entry(String file, String sha256, long bytes, List<String> interchangeControls, long claimsIn,
                        long accepted, long rejected, List<String> fileFindings, List<String> outputs,
                        String error) {
    }

    private RunManifest() {
    }

    public static void write(OutputStream out, String version, Instant started, Instant finished, List<Entry> entries)
            throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("claimgate", version);
            json.writeStringField("started", started.toString());
            json.writeStringField("finished", finished.toString());
            long in = 0;
            long accepted = 0;
            long rejected = 0;
            json.writeArrayFieldStart("inputs");
            for (Entry e : entries) {
                json.writeStartObject();
                json.writeStringField("file", e.file());
                if (e.sha256() != null) {
                    json.writeStringField("sha256", e.sha256());
                }
                json.writeNumberField("bytes", e.bytes());
                strings(json, "isa13", e.interchangeControls());
                json.writeNumberField("claimsIn", e.claimsIn());
                json.writeNumberField("accepted", e.accepted());
                json.writeNumberField("rejected", e.rejected());
                json.writeNumberField("notRead", e.claimsIn() - e.accepted() - e.rejected());
                json.writeBooleanField("conserved", e.claimsIn() == e.accepted() + e.rejected());
                strings(json, "fileFindings", e.fileFindings());
                strings(json, "outputs", e.outputs());
                if (e.error() != null) {
                    json.writeStringField("error", e.error());
                }
                json.writeEndObject();
                in += e.claimsIn();
                accepted += e.accepted();
                rejected += e.rejected();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("totals");
            json.writeNumberField("files", entries.size());
            json.writeNumberField("claimsIn", in);
            json.writeNumberField("accepted", accepted);
            json.writeNumberField("rejected", rejected);
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }
}
