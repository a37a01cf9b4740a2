package io.claimgate.ledger;

import java.util.List;

/**
 * A file as it arrived, before it is processed: its hash, name, size and the interchange ids its envelopes carry.
 *
 * @param interchanges the (ISA06, ISA08, ISA13) of each interchange, in file order (trimmed)
 */
public record Arrival(String sha256, String fileName, long sizeBytes, List<InterchangeId> interchanges) {

    /** The identity of an interchange: sender ISA06, receiver ISA08, control number ISA13. */
    public record InterchangeId(String sender, String receiver, String control) {
    }

    public Arrival {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
        interchanges = List.copyOf(interchanges);
    }

    String sender() {
        return interchanges.isEmpty() ? null : interchanges.get(0).sender();
    }

    String receiver() {
        return interchanges.isEmpty() ? null : interchanges.get(0).receiver();
    }

    String controls() {
        StringBuilder s = new StringBuilder();
        for (InterchangeId i : interchanges) {
            if (s.length() + i.control().length() + 1 > 2000) {
                break;
            }
            s.append(s.length() == 0 ? "" : ",").append(i.control());
        }
        return s.toString();
    }
}
