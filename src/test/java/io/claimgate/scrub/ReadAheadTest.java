package io.claimgate.scrub;

import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;
import io.claimgate.synthetic.SyntheticBatch;
import io.claimgate.x12.ClaimReader;
import io.claimgate.x12.Envelope;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAheadTest {

    /** Records every event as text, in order. */
    static final class Log implements ClaimReader.Handler {
        final List<String> events = new ArrayList<>();

        @Override
        public void interchangeStart(Envelope.Interchange interchange) {
            events.add("ISA " + interchange.control());
        }

        @Override
        public void groupStart(Envelope.Group group) {
            events.add("GS " + group.control());
        }

        @Override
        public void setStart(Envelope.Set set) {
            events.add("ST " + set.control());
        }

        @Override
        public void claim(Claim claim) {
            events.add("CLM " + claim.ordinal() + " " + claim.segments().size());
        }

        @Override
        public void setEnd(Envelope.Set set, int segmentCount) {
            events.add("SE " + segmentCount);
        }

        @Override
        public void groupEnd(Envelope.Group group, int declaredSetCount) {
            events.add("GE " + declaredSetCount);
        }

        @Override
        public void interchangeEnd(Envelope.Interchange interchange, int groupCount) {
            events.add("IEA " + groupCount);
        }

        @Override
        public void finding(Finding finding, ClaimReader.Scope scope, long claimOrdinal) {
            events.add("F " + finding.ruleId() + " " + scope + " " + claimOrdinal);
        }
    }

    static byte[] batch(int claims) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SyntheticBatch(new SyntheticBatch.Spec(claims, 3, 0.5, 0.1, 3L, 40)).write837(out);
        return out.toByteArray();
    }

    @Test
    void theHandlerSeesExactlyWhatADirectReadGives() throws IOException {
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(batch(700));
        for (Path p : Samples.files(Samples.CLAIMS, ".*\\.837")) {
            inputs.add(Files.readAllBytes(p));
        }
        for (byte[] bytes : inputs) {
            Log direct = new Log();
            ClaimReader.validating().read(new ByteArrayInputStream(bytes), direct);
            Log ahead = new Log();
            ReadAhead.read(into -> ClaimReader.validating().read(new ByteArrayInputStream(bytes), into), ahead);
            assertThat(ahead.events).isEqualTo(direct.events);
        }
    }

    @Test
    void aFailingHandlerStopsTheReaderAndItsFailureReachesTheCaller() throws IOException {
        byte[] bytes = batch(2000);
        int[] seen = {0};
        ClaimReader.Handler failing = ClaimReader.Handler.claims(c -> {
            if (++seen[0] == 100) {
                throw new IllegalStateException("planted");
            }
        });
        assertThatThrownBy(() -> ReadAhead.read(into -> ClaimReader.unvalidated().read(new ByteArrayInputStream(bytes), into),
                failing))
                .isInstanceOf(IllegalStateException.class).hasMessage("planted");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("claimgate-read-ahead"));
    }

    @Test
    void aReadFailureReachesTheCallerAsItself() throws IOException {
        byte[] bytes = batch(500);
        InputStream breaking = Samples.breakingHalfway(bytes);
        assertThatThrownBy(() -> ReadAhead.read(into -> ClaimReader.unvalidated().read(breaking, into), new Log()))
                .isInstanceOf(IOException.class).hasMessage("disk went away");
    }
}
