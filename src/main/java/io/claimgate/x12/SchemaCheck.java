package io.claimgate.x12;

import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates X12 that claimgate wrote (a 277CA, say) against one of its schemas, and lists what StAEDI finds as
 * {@code ERROR@SEGMENT:position} (positions counted from the start of the interchange). Used to check outputs.
 */
public final class SchemaCheck {
    private SchemaCheck() {
    }

    /** The 277CA schema (005010X214). */
    public static Schema claimAcknowledgment() {
        return X12Schemas.load(X12Schemas.CLAIM_ACK_SCHEMA);
    }

    public static List<String> errors(InputStream in, Schema transactionSchema) throws IOException {
        List<String> errors = new ArrayList<>();
        EDIInputFactory factory = EDIInputFactory.newFactory();
        try (EDIStreamReader reader = X12Schemas.reader(factory, in)) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case END_SEGMENT -> {
                        if ("ST".equals(reader.getLocation().getSegmentTag())) {
                            reader.setTransactionSchema(transactionSchema);
                        }
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> errors.add(
                            reader.getErrorType() + "@" + reader.getLocation().getSegmentTag() + ":"
                                    + reader.getLocation().getSegmentPosition() + "/"
                                    + reader.getLocation().getElementPosition());
                    default -> { }
                }
            }
        } catch (EDIStreamException e) {
            errors.add("UNREADABLE: " + e.getClass().getSimpleName());
        }
        return errors;
    }
}
