package io.claimgate.bench;

import io.claimgate.Samples;
import io.claimgate.config.RemitCodes;
import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;
import io.claimgate.model.RemittedClaim;
import io.claimgate.remit.DenialAnalysis;
import io.claimgate.remit.DenialSummary;
import io.claimgate.rules.therapy.TherapyRules;
import io.claimgate.synthetic.SyntheticBatch;
import io.claimgate.x12.BareParse;
import io.claimgate.x12.ClaimFileWriter;
import io.claimgate.x12.ClaimReader;
import io.claimgate.x12.Envelope;
import io.claimgate.x12.RemitReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Each stage of the pipeline alone, on a synthetic batch held in memory (no disk): bare StAEDI tokenize, claims
 * read with claimgate's guide validation, the same with StAEDI's schema validation (the before), claim assembly,
 * the therapy rules, writing an 837P, reading an 835 (both validations), the denial rollup.
 * Run with {@code tools/bench/jmh}; {@code mvn verify} does not compile or run these.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StageBenchmarks {

    @Param({"2000"})
    int claims;

    byte[] claimFile;
    byte[] remitFile;
    final List<Claim> read = new ArrayList<>();
    final List<Envelope.Interchange> interchanges = new ArrayList<>();
    final List<Envelope.Group> groups = new ArrayList<>();
    final List<Envelope.Set> sets = new ArrayList<>();
    final List<RemittedClaim> remitted = new ArrayList<>();
    TherapyRules rules;
    RemitCodes codes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SyntheticBatch batch = new SyntheticBatch(new SyntheticBatch.Spec(claims, 3, 0.5, 0.1, 1, 1000));
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        batch.write837(a);
        claimFile = a.toByteArray();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        batch.write835(b);
        remitFile = b.toByteArray();
        rules = Samples.rules();
        codes = RemitCodes.load(Samples.CONFIG.resolve("reference"));
        ClaimReader.unvalidated().read(new ByteArrayInputStream(claimFile), new ClaimReader.Handler() {
            Envelope.Interchange i;
            Envelope.Group g;
            Envelope.Set s;

            @Override
            public void interchangeStart(Envelope.Interchange interchange) {
                i = interchange;
            }

            @Override
            public void groupStart(Envelope.Group group) {
                g = group;
            }

            @Override
            public void setStart(Envelope.Set set) {
                s = set;
            }

            @Override
            public void claim(Claim claim) {
                read.add(claim);
                interchanges.add(i);
                groups.add(g);
                sets.add(s);
            }

            @Override
            public void finding(Finding finding, ClaimReader.Scope scope, long claimOrdinal) {
            }
        });
        RemitReader.unvalidated().read(new ByteArrayInputStream(remitFile), new RemitReader.Handler() {
            @Override
            public void claim(RemittedClaim claim) {
                remitted.add(claim);
            }

            @Override
            public void finding(Finding finding) {
            }
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rules.close();
    }

    @Benchmark
    public long bareTokenize() throws IOException {
        return BareParse.segments(new ByteArrayInputStream(claimFile));
    }

    @Benchmark
    public void parseWithGuideValidation(Blackhole bh) throws IOException {
        ClaimReader.validating().read(new ByteArrayInputStream(claimFile), ClaimReader.Handler.claims(bh::consume));
    }

    @Benchmark
    public void parseWithStaediSchemaValidation(Blackhole bh) throws IOException {
        ClaimReader.withStaediValidation().read(new ByteArrayInputStream(claimFile),
                ClaimReader.Handler.claims(bh::consume));
    }

    @Benchmark
    public void claimAssembly(Blackhole bh) throws IOException {
        ClaimReader.unvalidated().read(new ByteArrayInputStream(claimFile), ClaimReader.Handler.claims(bh::consume));
    }

    @Benchmark
    public void therapyRules(Blackhole bh) {
        for (Claim c : read) {
            bh.consume(rules.check(c));
            bh.consume(rules.batchLines(c));
        }
    }

    @Benchmark
    public void write837(Blackhole bh) {
        int[] n = {0};
        try (ClaimFileWriter w = new ClaimFileWriter(OutputStream.nullOutputStream(),
                () -> String.format("%09d", ++n[0]), LocalDateTime.of(2026, 1, 1, 0, 0), s -> false)) {
            for (int i = 0; i < read.size(); i++) {
                w.write(read.get(i), interchanges.get(i), groups.get(i), sets.get(i));
            }
        }
        bh.consume(n[0]);
    }

    @Benchmark
    public void read835WithGuideValidation(Blackhole bh) throws IOException {
        read835(RemitReader.validating(), bh);
    }

    @Benchmark
    public void read835WithStaediSchemaValidation(Blackhole bh) throws IOException {
        read835(RemitReader.withStaediValidation(), bh);
    }

    private void read835(RemitReader reader, Blackhole bh) throws IOException {
        reader.read(new ByteArrayInputStream(remitFile), new RemitReader.Handler() {
            @Override
            public void claim(RemittedClaim claim) {
                bh.consume(claim);
            }

            @Override
            public void finding(Finding finding) {
                bh.consume(finding);
            }
        });
    }

    @Benchmark
    public Object denialRollup(Blackhole bh) {
        DenialAnalysis a = new DenialAnalysis(codes, id -> Optional.empty(), bh::consume, false);
        for (RemittedClaim c : remitted) {
            a.claim(c);
        }
        return new DenialSummary(a).getByCarc();
    }
}
