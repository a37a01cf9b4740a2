package io.claimgate.rules.therapy;

import io.claimgate.Samples;
import io.claimgate.x12.ClaimReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PatientKeyTest {

    @Test
    void aDependentIsNotTheSubscriber() throws IOException {
        Map<String, String> keys = new HashMap<>();
        try (InputStream in = Files.newInputStream(Samples.CLAIMS.resolve("subscriber-and-dependent.837"))) {
            ClaimReader.unvalidated().read(in, ClaimReader.Handler.claims(claim -> {
                        keys.put(claim.id(), TherapyRules.patientKey(claim));
                    }));
        }
        // subscriber KILO (member SYN1000010), KILO's dependent LIMA, subscriber MIKE (SYN1000011)
        assertThat(keys.get("CG-SUBDEP-001")).isEqualTo("SYN1000010");
        assertThat(keys.get("CG-SUBDEP-002")).startsWith("SYN1000010|").contains("LIMA").isNotEqualTo("SYN1000010");
        assertThat(keys.get("CG-SUBDEP-003")).isEqualTo("SYN1000011");
        assertThat(TherapyRules.fnv64(keys.get("CG-SUBDEP-001"))).isNotEqualTo(TherapyRules.fnv64(keys.get("CG-SUBDEP-002")));
    }
}
