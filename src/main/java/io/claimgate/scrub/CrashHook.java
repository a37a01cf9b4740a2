package io.claimgate.scrub;

/**
 * A fault injection point for the crash tests, off unless the environment variable
 * {@code CLAIMGATE_TEST_HALT_BEFORE_RENAME} is set: writing an output whose name contains its value halts the JVM
 * (as a crash would) after the output was written and forced under its hidden {@code .NAME.part} name, before it
 * is renamed into place. Used to prove that a crash while a file's outputs are written leaves no partial output
 * behind once the file is settled.
 */
final class CrashHook {
    private static final String HALT_BEFORE_RENAME = System.getenv("CLAIMGATE_TEST_HALT_BEFORE_RENAME");

    private CrashHook() {
    }

    static void beforeRename(java.nio.file.Path target) {
        if (HALT_BEFORE_RENAME != null && !HALT_BEFORE_RENAME.isEmpty()
                && target.getFileName().toString().contains(HALT_BEFORE_RENAME)) {
            Runtime.getRuntime().halt(86);
        }
    }
}
