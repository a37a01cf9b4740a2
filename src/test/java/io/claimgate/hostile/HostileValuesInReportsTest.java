package io.claimgate.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimgate.Samples;
import io.claimgate.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Element values that look like template expressions ({@code ${…}}, {@code #{…}}, FreeMarker {@code <#…>}) or
 * spreadsheet formulas ({@code =HYPERLINK(…)}, {@code @SUM(…)}, {@code +…}, {@code -…}) planted in claim ids, names,
 * reference values and envelope control numbers of 837P claims, and in the claim ids, payer, codes and control
 * numbers of an 835, come out of every report as the same literal text: never evaluated by the templates, never a
 * formula in a CSV cell or a workbook, always escaped in the HTML page and valid in the JSON.
 */
class HostileValuesInReportsTest {
    /** Each fits CLM01 (at most 38 characters) and holds no X12 delimiter of the samples ({@code * : ^ ~}). */
    static final List<String> PAYLOADS = List.of(
            "=HYPERLINK(\"http//evil.example\",\"x\")",
            "@SUM(1+1)",
            "+1+1",
            "-1+1",
            "=cmd|' /C calc'!A0",
            "${7+7}",
            "#{7+7}",
            "<#assign x=7>${x}",
            "${\"<script>alert(1)</script>\"}");

    static final String NPI = "1999000015";
    static final String FORMULA_START = "=+-@\t\r";

    @TempDir
    Path dir;

    @Test
    void plantedValuesComeOutOfTheFindingsReportsAsLiteralText() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        List<String> claimIds = new ArrayList<>();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            // 97530 without a discipline modifier: a correction, so the claim has a finding row in the CSV
            String text = Samples.claimFile("HC:97530|120|UN|2|1|20261105", NPI, "SYNCOM01", "CI")
                    .replace("CLM*CG-RULES-001*", "CLM*" + p + "*")
                    .replace("NM1*IL*1*TESTPATIENT*ZULU", "NM1*IL*1*" + p + "*" + p)
                    .replace("REF*EI*990000101", "REF*EI*" + p);
            Files.writeString(in.resolve(String.format("planted-%02d.837", i)), text, StandardCharsets.US_ASCII);
            claimIds.add(p);
        }
        // control numbers and the file name: ST02/SE02 and GS06/GE02 are copied into every finding row
        String envelope = Samples.claimFile("HC:97530|120|UN|2|1|20261105", NPI, "SYNCOM01", "CI")
                .replace("ST*837*0001*", "ST*837*=1+1*").replace("*0001~\nGE*1*9001~", "*=1+1~\nGE*1*@9001~")
                .replace("*X*005010X222A1~\nST", "*X*005010X222A1~\nST").replace("*0930*9001*X*", "*0930*@9001*X*");
        assertThat(envelope).contains("ST*837*=1+1*").contains("SE*").contains("*=1+1~").contains("GE*1*@9001~");
        String fileName = "=1+1${7+7}<b>.837";
        Files.writeString(in.resolve(fileName), envelope, StandardCharsets.US_ASCII);

        Path out = dir.resolve("out");
        int exit = Main.run("scrub", "--out", out.toString(), "--config", Samples.CONFIG.toString(), "--mappings",
                Samples.MAPPINGS.toString(), in.toString());
        assertThat(exit).isIn(Main.ACCEPTED, Main.REJECTED);

        JsonNode manifest = new ObjectMapper().readTree(out.resolve("run-manifest.json").toFile());
        List<String> ids = new ArrayList<>();
        List<List<String>> csvCells = new ArrayList<>();
        for (JsonNode entry : manifest.get("inputs")) {
            assertThat(entry.has("error")).as(entry.get("file").asText()).isFalse();
            for (JsonNode o : entry.get("outputs")) {
                String output = o.asText();
                if (output.endsWith(".findings.json")) {
                    // valid JSON whose values are the planted text, exactly
                    JsonNode report = new ObjectMapper().readTree(out.resolve(output).toFile());
                    report.get("claims").forEach(c -> ids.add(c.get("id").asText()));
                    if (report.get("file").asText().equals(fileName)) {
                        assertThat(report.toString()).contains("\"st02\":\"=1+1\"").contains("\"gs06\":\"@9001\"");
                    }
                } else if (output.endsWith(".findings.csv")) {
                    String csv = Files.readString(out.resolve(output), StandardCharsets.UTF_8);
                    csvCells.addAll(csvRows(csv));
                }
            }
        }
        assertThat(ids).containsAll(claimIds).contains("CG-RULES-001");

        // CSV: no cell a spreadsheet would run; each planted value is there, led by an apostrophe when it would be a
        // formula, else verbatim (the template did not evaluate it)
        List<String> flat = csvCells.stream().flatMap(List::stream).toList();
        assertThat(flat).hasSizeGreaterThan(PAYLOADS.size() * 10);
        assertThat(flat).allSatisfy(cell -> assertThat(startsLikeAFormula(cell)).as(cell).isFalse());
        for (String p : PAYLOADS) {
            assertThat(flat).as(p).contains(inert(p));
        }
        assertThat(flat).contains("'=1+1", "'@9001", "'" + fileName);
    }

    @Test
    void plantedValuesComeOutOfEveryDenialOutputAsLiteralText() throws Exception {
        String remit = Files.readString(Samples.EDI_SAMPLES.resolve("835/rule-families.835"), StandardCharsets.US_ASCII);
        String payerName = "<script>alert(1)</script>${7+7}&\"'";
        String payerId = "=cmd|' /C calc'!A0";
        String rarc = "<b>=1+1</b>";
        String carc = "<i>";
        String st02 = "<#if 1>\"1";
        remit = replaceOnce(remit, "N1*PR*SYNTHETIC MEDICARE PART B*XV*SYNMCR01", "N1*PR*" + payerName + "*XV*" + payerId);
        List<String> claimIds = List.of(PAYLOADS.get(0), "+1+1${7+7}", "-1+1#{7+7}", "@SUM(1+1)<#assign x=7>${x}");
        for (int i = 0; i < claimIds.size(); i++) {
            remit = replaceOnce(remit, "CLP*CG-FAM-0" + (i + 1) + "*", "CLP*" + claimIds.get(i) + "*");
        }
        remit = replaceOnce(remit, "*PCN-01~", "*@SUM(1+1)~");
        remit = replaceOnce(remit, "LQ*HE*N362", "LQ*HE*" + rarc);
        remit = replaceOnce(remit, "CAS*CO*4*70", "CAS*CO*" + carc + "*70");
        remit = replaceOnce(remit, "ST*835*0001*", "ST*835*" + st02 + "*");
        remit = remit.replaceAll("SE\\*(\\d+)\\*0001~", Matcher.quoteReplacement("SE*") + "$1*"
                + Matcher.quoteReplacement(st02) + "~");
        assertThat(remit).contains("*" + st02 + "~");
        Path in = Files.createDirectories(dir.resolve("remits"));
        String fileName = "=HYPERLINK(1)<b>${7+7}.835";
        Files.writeString(in.resolve(fileName), remit, StandardCharsets.US_ASCII);

        Path out = dir.resolve("denials");
        assertThat(Main.run("denials", "--no-ledger", "--out", out.toString(), "--config", Samples.CONFIG.toString(),
                "--mappings", Samples.MAPPINGS.toString(), in.toString())).isZero();

        // denials.csv
        List<String> csv = csvRows(Files.readString(out.resolve("denials.csv"), StandardCharsets.UTF_8)).stream()
                .flatMap(List::stream).toList();
        assertThat(csv).allSatisfy(cell -> assertThat(startsLikeAFormula(cell)).as(cell).isFalse());
        assertThat(csv).contains(inert(payerId), inert("@SUM(1+1)"), rarc, carc, inert(fileName));
        for (String id : claimIds) {
            assertThat(csv).as(id).contains(inert(id));
        }

        // denials-summary.json: valid, the planted text exactly
        JsonNode summary = new ObjectMapper().readTree(out.resolve("denials-summary.json").toFile());
        List<String> unmatched = new ArrayList<>();
        summary.get("unmatchedClaimIds").forEach(c -> unmatched.add(c.asText()));
        assertThat(unmatched).containsAll(claimIds);
        assertThat(summary.get("files").get(0).asText()).isEqualTo(fileName);
        assertThat(summary.get("byPayer").get(0).get("key").asText()).isEqualTo(payerId);
        List<String> unknown = new ArrayList<>();
        summary.get("unknownCodes").forEach(u -> unknown.add(u.get("code").asText()));
        assertThat(unknown).contains("RARC " + rarc, "CARC " + carc);
        assertThat(summary.get("findings")).allSatisfy(f -> assertThat(f.get("set").asText()).isEqualTo(st02));

        // denials.html: the same text, escaped; no markup or script from the data
        String html = Files.readString(out.resolve("denials.html"), StandardCharsets.UTF_8);
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("<i>").doesNotContain("<#")
                .doesNotContain("</b>=").doesNotContain("<b>=");
        for (String planted : List.of(fileName, payerId, rarc, carc, st02)) {
            assertThat(html).as(planted).contains(escapeHtml(planted));
        }
        // every tag in the page is one the template wrote
        Matcher tag = Pattern.compile("<(/?)([A-Za-z!][A-Za-z0-9-]*)").matcher(html);
        List<String> tags = new ArrayList<>();
        while (tag.find()) {
            tags.add(tag.group(2).toLowerCase());
        }
        assertThat(tags).isSubsetOf("!doctype", "html", "head", "meta", "title", "style", "body", "h1", "h2", "p",
                "div", "b", "svg", "line", "text", "rect", "polyline", "circle", "table", "tr", "th", "td");

        // denials.xlsx: every cell a number or an inline string, no formula, no text a spreadsheet would run
        List<String> texts = new ArrayList<>();
        try (ZipFile xlsx = new ZipFile(out.resolve("denials.xlsx").toFile())) {
            Enumeration<? extends ZipEntry> entries = xlsx.entries();
            int sheets = 0;
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.getName().startsWith("xl/worksheets/") || !e.getName().endsWith(".xml")) {
                    continue;
                }
                sheets++;
                Document sheet;
                try (InputStream s = xlsx.getInputStream(e)) {
                    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                    sheet = f.newDocumentBuilder().parse(s);
                }
                assertThat(sheet.getElementsByTagName("f").getLength()).as(e.getName() + ": formulas").isZero();
                NodeList cells = sheet.getElementsByTagName("c");
                for (int i = 0; i < cells.getLength(); i++) {
                    Element c = (Element) cells.item(i);
                    assertThat(c.getAttribute("t")).as(e.getName() + " " + c.getAttribute("r")).isIn("inlineStr", "n", "");
                    if (c.getAttribute("t").equals("inlineStr")) {
                        texts.add(c.getTextContent());
                    }
                }
            }
            assertThat(sheets).isEqualTo(3);
        }
        assertThat(texts).allSatisfy(t -> assertThat(startsLikeAFormula(t)).as(t).isFalse());
        assertThat(texts).contains(inert(payerId), rarc, carc, inert(fileName));
        for (String id : claimIds) {
            assertThat(texts).as(id).contains(inert(id));
        }
    }

    /** How a planted value must come out of a CSV cell or a workbook text cell. */
    static String inert(String value) {
        return startsLikeAFormula(value) ? "'" + value : value;
    }

    static boolean startsLikeAFormula(String cell) {
        return !cell.isEmpty() && FORMULA_START.indexOf(cell.charAt(0)) >= 0;
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as(from).isNotNegative();
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** RFC 4180: rows of cells, quotes removed and doubled quotes undone; a bare cell as it is. */
    static List<List<String>> csvRows(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                assertThat(cell.length()).as("a quote inside a bare cell").isZero();
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                wasQuoted = false;
            } else {
                assertThat(wasQuoted).as("text after a closing quote").isFalse();
                cell.append(c);
            }
        }
        assertThat(quoted).as("an unterminated quote").isFalse();
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
