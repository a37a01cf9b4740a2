package io.claimgate.gateway;

/**
 * A fault injection point for the crash tests, off unless the environment variable
 * {@code CLAIMGATE_TEST_HALT_ON} is set: a file whose arrived name contains its value halts the JVM (as a crash
 * would) right after its processing started. Used to prove that a poison file is quarantined after the maximum
 * number of starts.
 */
final class TestHooks {
    private static final String HALT_ON = System.getenv("CLAIMGATE_TEST_HALT_ON");

    private TestHooks() {
    }

    static void maybeHalt(String arrivedName) {
        if (HALT_ON != null && !HALT_ON.isEmpty() && arrivedName.contains(HALT_ON)) {
            Runtime.getRuntime().halt(86);
        }
    }
}
