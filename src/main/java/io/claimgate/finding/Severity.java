package io.claimgate.finding;

/** How bad a finding is. FATAL stops the file, ERROR rejects what it belongs to, WARNING and INFO only report. */
public enum Severity {
    FATAL, ERROR, WARNING, INFO;

    /** Whether a finding of this severity rejects the claim, set or file it belongs to. */
    public boolean rejects() {
        return this == FATAL || this == ERROR;
    }
}
