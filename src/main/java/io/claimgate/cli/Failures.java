package io.claimgate.cli;

/**
 * Describes a failure for logs and the console without its messages: exception messages from parsers and
 * templates can quote the data they failed on, and that data may be patient data. The class names of the cause
 * chain and the claimgate frame where it happened are enough to find the bug.
 */
final class Failures {
    private Failures() {
    }

    /**
     * Messages the operating system gives a full disk or a spent quota (ENOSPC, EDQUOT; glibc's English texts): no
     * data in them, and worth saying.
     */
    private static final java.util.Set<String> DISK_FULL = java.util.Set.of("No space left on device",
            "Disk quota exceeded");

    /** Causes followed at most (a cycle of causes would otherwise never end). */
    private static final int MAX_CAUSES = 16;

    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        if (diskFull(t)) {
            sb.append("no space left on device or over quota: ");
        }
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < MAX_CAUSES; c = c.getCause()) {
            if (sb.length() > 0 && depth > 1) {
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

    /** Whether the failure, or one of its causes, is the operating system saying the disk is full. */
    private static boolean diskFull(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < MAX_CAUSES; c = c.getCause()) {
            if (c instanceof java.io.IOException && c.getMessage() != null
                    && DISK_FULL.stream().anyMatch(c.getMessage()::endsWith)) {
                return true;
            }
        }
        return false;
    }
}
