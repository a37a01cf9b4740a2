package io.claimgate.x12;

/**
 * Why StAEDI's tokenizer stopped part-way through an interchange, in words a finding can carry (no data values):
 * the readers put it on {@link X12Rule#INTERCHANGE_UNREADABLE} when the cause is known.
 */
final class Unreadable {
    /** The longest data element StAEDI 1.26's tokenizer holds (its fixed character buffer). */
    static final int TOKENIZER_MAX_ELEMENT = 4096;

    private Unreadable() {
    }

    /** The reason for {@code failure}, or {@code null} when it is not one claimgate can name. */
    static String reason(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof java.nio.BufferOverflowException) {
                return "a data element longer than " + String.format(java.util.Locale.ROOT, "%,d",
                        TOKENIZER_MAX_ELEMENT)
                        + " characters (the most the tokenizer holds): the interchange cannot be read past it";
            }
        }
        return null;
    }

    /** The interchange-unreadable finding at {@code position}, with the reason when known. */
    static io.claimgate.finding.Finding finding(Throwable failure, io.claimgate.finding.X12Position position) {
        String reason = reason(failure);
        return reason == null ? io.claimgate.finding.Finding.of(X12Rule.INTERCHANGE_UNREADABLE, position)
                : io.claimgate.finding.Finding.of(X12Rule.INTERCHANGE_UNREADABLE, position, reason);
    }
}
