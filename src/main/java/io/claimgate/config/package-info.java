/**
 * Configuration loaded and checked at start: payer policies ({@code config/payers/*.yaml}) and the dated reference
 * tables ({@code config/reference/}: MUE, NCCI PTP pairs, timed codes, taxonomy to discipline, KX thresholds) in
 * the column layouts CMS publishes. Immutable once loaded; an unknown key or a missing table stops the start with
 * a {@link io.claimgate.config.ConfigException}. Depends on nothing else in claimgate.
 */
package io.claimgate.config;
