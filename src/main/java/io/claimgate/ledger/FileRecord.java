package io.claimgate.ledger;

import java.time.OffsetDateTime;
import java.util.List;

/** One row of {@code received_file}: a delivery of a file and what became of it. */
public record FileRecord(long id, String sha256, String fileName, long sizeBytes, OffsetDateTime arrivedAt,
                         String senderId, String receiverId, List<String> interchangeControls, FileState state,
                         int attempts, int released, String ownerNode, Long duplicateOf, String reason,
                         List<String> outputs, Long claimsIn, Long claimsAccepted, Long claimsRejected,
                         OffsetDateTime updatedAt) {

    public FileRecord {
        interchangeControls = List.copyOf(interchangeControls);
        outputs = List.copyOf(outputs);
    }

    /** Starts of processing that neither finished nor were released: crashes, as far as the ledger can tell. */
    public int unfinishedStarts() {
        return attempts - released;
    }
}
