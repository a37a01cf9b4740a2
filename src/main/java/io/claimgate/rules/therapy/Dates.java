package io.claimgate.rules.therapy;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Dates of service as X12 writes them: {@code CCYYMMDD} or a range {@code CCYYMMDD-CCYYMMDD}. */
final class Dates {
    private Dates() {
    }

    /** The (first) date, or {@code null} when it is not a date. */
    static LocalDate first(String text) {
        if (text == null || text.length() < 8) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
