package io.claimgate.ledger;

/**
 * Where the ledger lives and who is asking.
 *
 * @param url      JDBC URL: {@code jdbc:h2:file:...} (embedded) or {@code jdbc:postgresql://...}
 * @param node     this gateway node's name, recorded with every transition and as the owner of files it processes;
 *                 stable across restarts so a node recognises its own unfinished work
 * @param poolSize connections in the pool
 */
public record LedgerSettings(String url, String user, String password, String node, int poolSize) {
    public LedgerSettings {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("ledger URL must be a JDBC URL");
        }
        if (node == null || !node.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("node name must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException("ledger pool size must be at least 2");
        }
    }
}
