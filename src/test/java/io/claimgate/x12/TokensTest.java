package io.claimgate.x12;

import io.claimgate.Samples;
import io.claimgate.synthetic.SyntheticBatch;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokenizing on a thread of its own ({@link ClaimReader#tokenizingAhead()}) must give exactly the claims and
 * findings of tokenizing on the calling thread — on every sample and corpus file, on files cut at every segment
 * and at random bytes (StAEDI's failures replayed where they happened), and on mutated files — and leave no
 * thread behind.
 */
class TokensTest {

    private static GuideValidatorTest.Verdict direct(byte[] bytes) throws IOException {
        return GuideValidatorTest.verdict(ClaimReader.validating(), bytes);
    }

    private static GuideValidatorTest.Verdict ahead(byte[] bytes) throws IOException {
        return GuideValidatorTest.verdict(ClaimReader.validating().tokenizingAhead(), bytes);
    }

    private static void same(String what, byte[] bytes) throws IOException {
        GuideValidatorTest.Verdict direct = direct(bytes);
        GuideValidatorTest.Verdict ahead = ahead(bytes);
        assertThat(ahead.claims()).as(what + " claims").isEqualTo(direct.claims());
        assertThat(ahead.findings()).as(what + " findings").isEqualTo(direct.findings());
    }

    @Test
    void samplesAndCorpusReadTheSame() throws IOException {
        List<Path> files = Samples.claimFilesWithCorpus();
        for (Path file : files) {
            same(file.getFileName().toString(), Files.readAllBytes(file));
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        assertNoTokenizerThreadLeft();
    }

    @Test
    void cutAndMutatedFilesReadTheSame() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SyntheticBatch(new SyntheticBatch.Spec(4, 3, 0.5, 0.0, 5L, 2)).write837(out);
        byte[] whole = out.toByteArray();
        String text = new String(whole, StandardCharsets.ISO_8859_1);
        int cuts = 0;
        for (int i = text.indexOf('~'); i >= 0; i = text.indexOf('~', i + 1)) {
            same("cut after byte " + i, java.util.Arrays.copyOf(whole, i + 1));
            cuts++;
        }
        Random random = new Random(3);
        for (int n = 0; n < 60; n++) {
            int at = random.nextInt(whole.length);
            same("cut at byte " + at, java.util.Arrays.copyOf(whole, at));
            byte[] garbled = whole.clone();
            garbled[random.nextInt(garbled.length)] = (byte) random.nextInt(256);
            same("garbled", garbled);
        }
        String[] segments = text.split("~\n?");
        for (int n = 0; n < 100; n++) {
            same("mutated", GuideValidatorTest.mutate(segments, random).getBytes(StandardCharsets.ISO_8859_1));
        }
        assertThat(cuts).isGreaterThan(50);
        assertNoTokenizerThreadLeft();
    }

    @Test
    void aReadFailureReachesTheCallerAsOnTheCallingThread() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SyntheticBatch(new SyntheticBatch.Spec(200, 3, 0.5, 0.0, 5L, 100)).write837(out);
        byte[] bytes = out.toByteArray();
        for (boolean ahead : new boolean[] {false, true}) {
            java.io.InputStream breaking = Samples.breakingHalfway(bytes);
            ClaimReader reader = ahead ? ClaimReader.validating().tokenizingAhead() : ClaimReader.validating();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read(breaking,
                            ClaimReader.Handler.claims(c -> { })))
                    .as(ahead ? "ahead" : "direct").isInstanceOf(java.io.UncheckedIOException.class)
                    .hasRootCauseMessage("disk went away");
        }
        assertNoTokenizerThreadLeft();
    }

    @Test
    void staedisOwnValidationCannotTokenizeAhead() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClaimReader.withStaediValidation().tokenizingAhead())
                .isInstanceOf(IllegalStateException.class);
    }

    private static void assertNoTokenizerThreadLeft() {
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("claimgate-tokenizer"));
    }
}
