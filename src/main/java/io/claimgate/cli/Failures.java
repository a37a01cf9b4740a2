package io.claimgate.cli;

/**
 * Describes a failure for logs and the console without its messages: exception messages from parsers and
 * templates can quote the data they failed on, and that data may be patient data. The class names of the cause
 * chain and the claimgate frame where it happened are enough to find the bug.
 */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(c.getClass().getSimpleName());
            for (StackTraceElement frame : c.getStackTrace()) {
                if (frame.getClassName().startsWith("io.claimgate.")) {
                    sb.append(" at ").append(frame.getFileName()).append(':').append(frame.getLineNumber());
                    break;
                }
            }
        }
        return sb.toString();
    }
}
