package io.claimgate.scrub;

import io.claimgate.Samples;
import io.claimgate.model.Claim;
import io.claimgate.x12.ClaimReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims kept for the routing pass come back equal to the claims read: every sample, twice over. */
class SpilledClaimsTest {

    private static List<Claim> read(Path file) throws IOException {
        List<Claim> claims = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            ClaimReader.unvalidated().read(in, ClaimReader.Handler.claims(claims::add));
        }
        return claims;
    }

    @Test
    void everySampleClaimComesBackEqual() throws IOException {
        int claimsCompared = 0;
        int files = 0;
        for (Path file : Samples.files(Samples.CLAIMS, ".*\\.837")) {
            List<Claim> claims = read(file);
            try (SpilledClaims spilled = new SpilledClaims()) {
                claims.forEach(spilled::add);
                assertThat(spilled.size()).isEqualTo(claims.size());
                for (int round = 0; round < 2; round++) {
                    List<Claim> back = new ArrayList<>();
                    spilled.iterator().forEachRemaining(back::add);
                    assertThat(back).as(file.getFileName().toString()).isEqualTo(claims);
                    for (int i = 1; i < back.size(); i++) {
                        // what claims share is shared again (the writers tell levels apart by ordinal)
                        if (back.get(i).subscriber() != null && back.get(i - 1).subscriber() != null
                                && back.get(i).subscriber().ordinal() == back.get(i - 1).subscriber().ordinal()) {
                            assertThat(back.get(i).subscriber()).isSameAs(back.get(i - 1).subscriber());
                        }
                        if (back.get(i).source().equals(back.get(i - 1).source())) {
                            assertThat(back.get(i).header()).isSameAs(back.get(i - 1).header());
                        }
                    }
                    // a line's segments are the claim's own
                    for (Claim c : back) {
                        for (var line : c.lines()) {
                            if (!line.segments().isEmpty()) {
                                assertThat(c.segments()).anyMatch(s -> s == line.segments().get(0));
                            }
                        }
                    }
                }
                claimsCompared += claims.size();
                files++;
            }
        }
        assertThat(files).isGreaterThanOrEqualTo(20);
        assertThat(claimsCompared).isGreaterThanOrEqualTo(40);
    }

    @Test
    void valuesOutsideAsciiAndLongValuesComeBackEqual() throws IOException {
        String clean = Files.readString(Samples.CLAIMS.resolve("clean-multi-claim.837"),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        String edited = clean.replaceFirst("(CLM\\*[^~]*~)", "$1NTE*ADD*" + "\u00e9\u00ff\u0001".repeat(300) + "~");
        Path file = Files.createTempFile("spill", ".837");
        try {
            Files.writeString(file, edited, java.nio.charset.StandardCharsets.ISO_8859_1);
            List<Claim> claims = read(file);
            assertThat(claims).isNotEmpty();
            try (SpilledClaims spilled = new SpilledClaims()) {
                claims.forEach(spilled::add);
                Iterator<Claim> back = spilled.iterator();
                for (Claim c : claims) {
                    assertThat(back.next()).isEqualTo(c);
                }
                assertThat(back.hasNext()).isFalse();
            }
        } finally {
            Files.delete(file);
        }
    }
}
