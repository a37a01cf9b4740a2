/**
 * The gateway's ledger: one relational schema (Flyway, {@code db/ledger}) on embedded H2 or PostgreSQL that records
 * every received file and its state (received → processing → done | rejected | quarantined, each change with its
 * time and node), the interchanges and claims each carried, and the 97530 units and therapy amounts accepted claims
 * count towards the rules that span batches. It is the single point of truth for which node owns which file.
 * Plain JDBC through a HikariCP pool; no element values reach its logs.
 */
package io.claimgate.ledger;
