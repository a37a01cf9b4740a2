package io.claimgate.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a synthetic 837P (005010X222A1) of outpatient therapy claims and the 835 (005010X221A1) a payer would send
 * back for it, both decided by the same seed: claim {@code i} is the same in both files whatever else is asked.
 * Each claim is one Medicare beneficiary's visit: {@code linesPerClaim} timed therapy lines on one date, a share of
 * them 97530. A share of the claims ({@code defectRate}) carries one planted defect, each kind equally likely, that
 * a claimgate rule catches and a payer denies:
 * <ul>
 *   <li>{@link Defect#DISCIPLINE_MISSING}: a 97530 line without GP/GO/GN — denied CO-4 N822;</li>
 *   <li>{@link Defect#UNITS_OVER_LIMIT}: a 97530 line of 8 units — denied CO-151 N362;</li>
 *   <li>{@link Defect#NCCI_PAIR}: 97140 and 97530 the same day, no 59 or X modifier — 97530 denied CO-97 M80;</li>
 *   <li>{@link Defect#NPI_CHECK_DIGIT}: a rendering NPI whose check digit is wrong — every line denied CO-16
 *       N290.</li>
 * </ul>
 * Clean lines are paid at 80 % with the rest written off (CO-45), save a few denied for medical necessity (CO-50
 * N115), which no claimgate rule can prevent. Every amount balances.
 */
public final class SyntheticBatch {

    /** What to generate. */
    public record Spec(int claims, int linesPerClaim, double share97530, double defectRate, long seed,
                       int claimsPerSet) {
        public Spec {
            if (claims < 1 || linesPerClaim < 1 || linesPerClaim > 50 || claimsPerSet < 1) {
                throw new IllegalArgumentException("claims, lines per claim (1-50) and claims per set must be positive");
            }
            if (share97530 < 0 || share97530 > 1 || defectRate < 0 || defectRate > 1) {
                throw new IllegalArgumentException("shares and rates are between 0 and 1");
            }
        }
    }

    /** The planted defects. */
    public enum Defect { DISCIPLINE_MISSING, UNITS_OVER_LIMIT, NCCI_PAIR, NPI_CHECK_DIGIT }

    /** What was written: claims, lines, and how many claims carry each defect. */
    public record Counts(long claims, long lines, Map<Defect, Long> defects, long bytes) {
    }

    private static final String[] CODES = {"97110", "97112", "97140", "97113"};
    private static final BigDecimal[] RATES = {new BigDecimal("45.00"), new BigDecimal("50.00"),
        new BigDecimal("42.50"), new BigDecimal("44.00")};
    private static final BigDecimal RATE_97530 = new BigDecimal("60.00");
    private static final String BILLING_NPI = "1999000015";
    private static final String[] RENDERING_NPIS = {"1999000023", "1999000031"};
    private static final String BAD_NPI = "1999000016";
    private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;
    private static final LocalDate FIRST_DATE = LocalDate.of(2026, 1, 5);

    private final Spec spec;

    public SyntheticBatch(Spec spec) {
        this.spec = spec;
    }

    /** One service line as planned for claim {@code i}. */
    private record Line(String code, List<String> modifiers, int units, BigDecimal charge, String denial) {
    }

    /** Claim {@code i}, the same for both files. */
    private record Planned(String id, String member, String last, LocalDate date, String npi, Defect defect,
                           List<Line> lines) {
        BigDecimal charge() {
            return lines.stream().map(Line::charge).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    private Planned plan(int i) {
        SplittableRandom r = new SplittableRandom(spec.seed() * 1_000_003L + i);
        Defect defect = r.nextDouble() < spec.defectRate() ? Defect.values()[r.nextInt(Defect.values().length)] : null;
        List<Line> lines = new ArrayList<>();
        boolean has97530 = r.nextDouble() < spec.share97530();
        int at = r.nextInt(spec.linesPerClaim());
        for (int l = 0; l < spec.linesPerClaim(); l++) {
            if (has97530 && l == at) {
                lines.add(new Line("97530", List.of("GP"), 2, RATE_97530.multiply(BigDecimal.valueOf(2)), null));
            } else {
                int c = r.nextInt(CODES.length);
                if (CODES[c].equals("97140") && has97530) {
                    c = 0; // keep clean claims clear of the 97140/97530 NCCI pair
                }
                int units = 1 + r.nextInt(2);
                lines.add(new Line(CODES[c], List.of("GP"), units, RATES[c].multiply(BigDecimal.valueOf(units)),
                        null));
            }
        }
        if (defect != null) {
            lines = plant(defect, lines, has97530);
        }
        String id = String.format("SYN-%08d", i + 1);
        String member = String.format("SYN%09d", i + 1);
        String last = "TESTPATIENT" + letters(i);
        LocalDate date = FIRST_DATE.plusDays(r.nextInt(270));
        String npi = defect == Defect.NPI_CHECK_DIGIT ? BAD_NPI : RENDERING_NPIS[r.nextInt(RENDERING_NPIS.length)];
        // a few clean claims denied for medical necessity (no rule prevents that)
        if (defect == null && r.nextDouble() < spec.defectRate() / 4) {
            Line first = lines.get(0);
            lines.set(0, new Line(first.code(), first.modifiers(), first.units(), first.charge(), "CO:50:N115"));
        }
        return new Planned(id, member, last, date, npi, defect, lines);
    }

    private static List<Line> plant(Defect defect, List<Line> lines, boolean has97530) {
        List<Line> out = new ArrayList<>(lines);
        int at = 0;
        for (int l = 0; l < out.size(); l++) {
            if (out.get(l).code().equals("97530")) {
                at = l;
            }
        }
        if (!has97530) {
            out.set(0, new Line("97530", List.of("GP"), 2, RATE_97530.multiply(BigDecimal.valueOf(2)), null));
            at = 0;
            for (int l = 1; l < out.size(); l++) {
                if (out.get(l).code().equals("97140")) { // only the NCCI defect pairs 97140 with 97530
                    out.set(l, new Line(CODES[0], List.of("GP"), out.get(l).units(),
                            RATES[0].multiply(BigDecimal.valueOf(out.get(l).units())), null));
                }
            }
        }
        switch (defect) {
            case DISCIPLINE_MISSING -> out.set(at, new Line("97530", List.of(), 2,
                    RATE_97530.multiply(BigDecimal.valueOf(2)), "CO:4:N822"));
            case UNITS_OVER_LIMIT -> out.set(at, new Line("97530", List.of("GP"), 8,
                    RATE_97530.multiply(BigDecimal.valueOf(8)), "CO:151:N362"));
            case NCCI_PAIR -> {
                out.set(at, new Line("97530", List.of("GP"), 2, RATE_97530.multiply(BigDecimal.valueOf(2)),
                        "CO:97:M80"));
                int other = at == 0 ? Math.min(1, out.size() - 1) : 0;
                if (other == at) {
                    out.add(new Line("97140", List.of("GP"), 1, RATES[2], null));
                } else {
                    out.set(other, new Line("97140", List.of("GP"), 1, RATES[2], null));
                }
            }
            case NPI_CHECK_DIGIT -> {
                for (int l = 0; l < out.size(); l++) {
                    Line x = out.get(l);
                    out.set(l, new Line(x.code(), x.modifiers(), x.units(), x.charge(), "CO:16:N290"));
                }
            }
        }
        return out;
    }

    private static String letters(int i) {
        StringBuilder sb = new StringBuilder();
        int n = i;
        do {
            sb.append((char) ('A' + n % 26));
            n /= 26;
        } while (n > 0);
        return sb.toString();
    }

    /** Writes the 837P; returns what it holds. */
    public Counts write837(OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
        CountingWriter cw = new CountingWriter(w);
        Map<Defect, Long> defects = new EnumMap<>(Defect.class);
        long lines = 0;
        seg(cw, "ISA*00*          *00*          *ZZ*CGSUBMITTER01  *ZZ*CGRECEIVER01   *260115*0930*^*00501*"
                + "000000101*0*T*:");
        seg(cw, "GS*HC*CGSUBMITTER01*CGRECEIVER01*20260115*0930*101*X*005010X222A1");
        int sets = 0;
        for (int start = 0; start < spec.claims(); start += spec.claimsPerSet()) {
            sets++;
            String st = String.format("%04d", sets);
            int segments = 0;
            segments += seg(cw, "ST*837*" + st + "*005010X222A1");
            segments += seg(cw, "BHT*0019*00*SYNB" + st + "*20260115*0930*CH");
            segments += seg(cw, "NM1*41*2*SYNTHETIC THERAPY BILLING SVC*****46*CGSUB0001");
            segments += seg(cw, "PER*IC*TEST BILLING DESK*TE*5555550100");
            segments += seg(cw, "NM1*40*2*SYNTHETIC CLEARINGHOUSE*****46*CGRCV0001");
            segments += seg(cw, "HL*1**20*1");
            segments += seg(cw, "PRV*BI*PXC*225100000X");
            segments += seg(cw, "NM1*85*2*SYNTHETIC MOTION PT GROUP*****XX*" + BILLING_NPI);
            segments += seg(cw, "N3*100 TESTING WAY");
            segments += seg(cw, "N4*SAMPLEVILLE*OH*432150001");
            segments += seg(cw, "REF*EI*990000101");
            int hl = 1;
            for (int i = start; i < Math.min(spec.claims(), start + spec.claimsPerSet()); i++) {
                Planned p = plan(i);
                if (p.defect() != null) {
                    defects.merge(p.defect(), 1L, Long::sum);
                }
                segments += seg(cw, "HL*" + (++hl) + "*1*22*0");
                segments += seg(cw, "SBR*P*18*******MB");
                segments += seg(cw, "NM1*IL*1*" + p.last() + "*SYNTH****MI*" + p.member());
                segments += seg(cw, "N3*1 SYNTHETIC LANE");
                segments += seg(cw, "N4*SAMPLEVILLE*OH*43215");
                segments += seg(cw, "DMG*D8*19580314*F");
                segments += seg(cw, "NM1*PR*2*SYNTHETIC MEDICARE PART B*****PI*SYNMCR01");
                segments += seg(cw, "CLM*" + p.id() + "*" + p.charge().toPlainString() + "***11:B:1*Y*A*Y*I");
                segments += seg(cw, "HI*ABK:M25561*ABF:R262");
                segments += seg(cw, "NM1*82*1*TESTTHERAPIST*ONE****XX*" + p.npi());
                segments += seg(cw, "PRV*PE*PXC*225100000X");
                int lx = 0;
                for (Line l : p.lines()) {
                    segments += seg(cw, "LX*" + (++lx));
                    segments += seg(cw, "SV1*HC:" + l.code() + (l.modifiers().isEmpty() ? "" : ":"
                            + String.join(":", l.modifiers())) + "*" + l.charge().toPlainString() + "*UN*"
                            + l.units() + "***1:2");
                    segments += seg(cw, "DTP*472*D8*" + D8.format(p.date()));
                    lines++;
                }
            }
            seg(cw, "SE*" + (segments + 1) + "*" + st);
        }
        seg(cw, "GE*" + sets + "*101");
        seg(cw, "IEA*1*000000101");
        w.flush();
        return new Counts(spec.claims(), lines, defects, cw.count);
    }

    /** Writes the matching 835: one set (and one payment) per set of the 837P; every amount balances. */
    public Counts write835(OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
        CountingWriter cw = new CountingWriter(w);
        Map<Defect, Long> defects = new EnumMap<>(Defect.class);
        long lines = 0;
        seg(cw, "ISA*00*          *00*          *ZZ*SYNMCR01       *ZZ*CGSUBMITTER01  *261201*1200*^*00501*"
                + "000000901*0*T*:");
        seg(cw, "GS*HP*SYNMCR01*CGSUBMITTER01*20261201*1200*901*X*005010X221A1");
        int sets = 0;
        for (int start = 0; start < spec.claims(); start += spec.claimsPerSet()) {
            sets++;
            String st = String.format("%04d", sets);
            StringBuilder body = new StringBuilder();
            int segments = 0;
            BigDecimal total = BigDecimal.ZERO;
            List<String> claimSegments = new ArrayList<>();
            for (int i = start; i < Math.min(spec.claims(), start + spec.claimsPerSet()); i++) {
                Planned p = plan(i);
                if (p.defect() != null) {
                    defects.merge(p.defect(), 1L, Long::sum);
                }
                BigDecimal paid = BigDecimal.ZERO;
                List<String> svc = new ArrayList<>();
                for (Line l : p.lines()) {
                    lines++;
                    String code = "HC:" + l.code() + (l.modifiers().isEmpty() ? "" : ":"
                            + String.join(":", l.modifiers()));
                    if (l.denial() != null) {
                        String[] d = l.denial().split(":");
                        svc.add("SVC*" + code + "*" + l.charge().toPlainString() + "*0**" + l.units());
                        svc.add("DTM*472*" + D8.format(p.date()));
                        svc.add("CAS*" + d[0] + "*" + d[1] + "*" + l.charge().toPlainString());
                        svc.add("LQ*HE*" + d[2]);
                    } else {
                        BigDecimal linePaid = l.charge().multiply(new BigDecimal("0.80")).setScale(2,
                                java.math.RoundingMode.HALF_UP);
                        paid = paid.add(linePaid);
                        svc.add("SVC*" + code + "*" + l.charge().toPlainString() + "*" + linePaid.toPlainString()
                                + "**" + l.units());
                        svc.add("DTM*472*" + D8.format(p.date()));
                        svc.add("CAS*CO*45*" + l.charge().subtract(linePaid).toPlainString());
                    }
                }
                String status = paid.signum() == 0 ? "4" : "1";
                claimSegments.add("CLP*" + p.id() + "*" + status + "*" + p.charge().toPlainString() + "*"
                        + paid.toPlainString() + "**MB*PCN" + p.id().substring(4) + "*11*1");
                claimSegments.add("NM1*QC*1*" + p.last() + "*SYNTH****MI*" + p.member());
                claimSegments.addAll(svc);
                total = total.add(paid);
            }
            segments += seg(cw, "ST*835*" + st);
            segments += seg(cw, "BPR*I*" + total.toPlainString() + "*C*ACH*CCP*01*999999999*DA*123456789*"
                    + "1512345678**01*999988880*DA*98765*20261201");
            segments += seg(cw, "TRN*1*SYNTRACE" + st + "*1512345678");
            segments += seg(cw, "DTM*405*20261130");
            segments += seg(cw, "N1*PR*SYNTHETIC MEDICARE PART B*XV*SYNMCR01");
            segments += seg(cw, "N3*2 PAYER WAY");
            segments += seg(cw, "N4*ANYTOWN*PA*19000");
            segments += seg(cw, "PER*BL*PROVIDER SERVICES*TE*5555550198");
            segments += seg(cw, "N1*PE*SYNTHETIC MOTION PT GROUP*XX*" + BILLING_NPI);
            segments += seg(cw, "LX*1");
            for (String s : claimSegments) {
                segments += seg(cw, s);
            }
            seg(cw, "SE*" + (segments + 1) + "*" + st);
            body.setLength(0);
        }
        seg(cw, "GE*" + sets + "*901");
        seg(cw, "IEA*1*000000901");
        w.flush();
        return new Counts(spec.claims(), lines, defects, cw.count);
    }

    private static int seg(CountingWriter w, String segment) throws IOException {
        w.write(segment);
        w.write("~\n");
        return 1;
    }

    private static final class CountingWriter {
        private final Writer w;
        long count;

        CountingWriter(Writer w) {
            this.w = w;
        }

        void write(String s) throws IOException {
            w.write(s);
            count += s.length();
        }
    }
}
