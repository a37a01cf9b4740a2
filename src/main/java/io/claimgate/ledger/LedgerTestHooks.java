package io.claimgate.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault injection point for the first-start crash test, off unless the environment variable
 * {@code CLAIMGATE_TEST_LEDGER_STOP_AT} is set. Then every write point of {@link Ledger#open} (each statement
 * executed, commit, rollback and connection close, and each file step of creating the ledger) is numbered in the
 * log, and at the point with that number the process stops dead (parks forever) so that the test can kill
 * it with -9 there. A value that is never reached (e.g. {@code 0}) only counts the points.
 */
final class LedgerTestHooks {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerTestHooks.class);
    private static final String STOP_AT = System.getenv("CLAIMGATE_TEST_LEDGER_STOP_AT");
    private static final AtomicInteger POINTS = new AtomicInteger();
    private static final Set<String> CONNECTION_WRITES = Set.of("commit", "rollback", "setAutoCommit", "close");

    private LedgerTestHooks() {
    }

    static boolean on() {
        return STOP_AT != null && !STOP_AT.isEmpty();
    }

    /** A write point of the ledger's start was passed: numbered, and the process stops there if asked to. */
    static void point(String kind) {
        if (!on()) {
            return;
        }
        int n = POINTS.incrementAndGet();
        LOG.warn("claimgate-test: ledger write {} {}", n, kind);
        if (n == Integer.parseInt(STOP_AT.trim())) {
            LOG.warn("claimgate-test: ledger stopped at write {}", n);
            CountDownLatch never = new CountDownLatch(1);
            while (true) {
                try {
                    never.await();
                } catch (InterruptedException ignored) {
                    // stay stopped until killed
                }
            }
        }
    }

    /** The data source as is, or, with the hook on, one whose statements and commits are write points. */
    static DataSource counted(DataSource ds) {
        if (!on()) {
            return ds;
        }
        return (DataSource) Proxy.newProxyInstance(LedgerTestHooks.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(ds, method, args);
                    return result instanceof Connection c ? connection(c) : result;
                });
    }

    private static Connection connection(Connection c) {
        return (Connection) Proxy.newProxyInstance(LedgerTestHooks.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(c, method, args);
                    if (CONNECTION_WRITES.contains(method.getName())) {
                        point(method.getName());
                    }
                    return result instanceof Statement s ? statement(s) : result;
                });
    }

    private static Statement statement(Statement s) {
        Class<?>[] types = java.util.stream.Stream.of(java.sql.CallableStatement.class,
                java.sql.PreparedStatement.class, Statement.class).filter(t -> t.isInstance(s)).limit(1)
                .toArray(Class<?>[]::new);
        InvocationHandler h = (proxy, method, args) -> {
            Object result = invoke(s, method, args);
            if (method.getName().startsWith("execute")) {
                point("statement");
            }
            return result;
        };
        return (Statement) Proxy.newProxyInstance(LedgerTestHooks.class.getClassLoader(), types, h);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
