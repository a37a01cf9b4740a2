/**
 * {@code claimgate serve}: Camel routes that pick files up from a drop folder or an SFTP server and hand each to the
 * same scrub service the command line uses, over the ledger. {@link io.claimgate.gateway.Gateway} is the per-file
 * logic (admit, process, publish, archive or quarantine) and the start-up reconciliation of work folders against the
 * ledger; {@link io.claimgate.gateway.GatewayRoutes} the Camel routes; {@link io.claimgate.gateway.ManagementServer}
 * readiness and Prometheus metrics on 127.0.0.1. Logs carry envelope ids, hashes, counts and rule ids only.
 */
package io.claimgate.gateway;
