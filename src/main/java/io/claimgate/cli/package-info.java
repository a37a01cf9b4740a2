/**
 * The {@code claimgate} command line (picocli): parses arguments, checks configuration, calls the services and
 * prints summaries to standard error. Thin by design; nothing depends on it.
 */
package io.claimgate.cli;
