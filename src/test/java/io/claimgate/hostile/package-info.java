/**
 * Hostile inputs: a generated corpus of malformed files run as one batch through {@code scrub} (and the gateway),
 * and values that look like template expressions or spreadsheet formulas planted in claims and remits.
 */
package io.claimgate.hostile;
