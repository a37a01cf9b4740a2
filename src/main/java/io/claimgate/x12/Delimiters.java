package io.claimgate.x12;

/**
 * The delimiters an interchange declares, and whether segments are followed by a line break.
 *
 * @param element       data element separator (ISA character 4)
 * @param component     component element separator (ISA16)
 * @param repetition    repetition separator (ISA11 in 00501)
 * @param segment       segment terminator (the character after ISA16)
 * @param lineBreak     text written after each segment terminator: {@code ""}, {@code "\n"} or {@code "\r\n"}
 */
public record Delimiters(char element, char component, char repetition, char segment, String lineBreak) {

    /** What claimgate writes its own acknowledgments with. */
    public static final Delimiters STANDARD = new Delimiters('*', ':', '^', '~', "\n");
}
