package io.claimgate.ledger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import java.io.IOException;
import java.sql.SQLException;

/**
 * H2's trace, which the ledger sends to SLF4J ({@code TRACE_LEVEL_FILE=4}) instead of a {@code NAME.trace.db} file,
 * reduced to what the log may carry. H2's lines name the database file, and its exceptions quote SQL and values, so
 * each of its events ({@code h2database}) is dropped and replaced by one line of claimgate's own: the level, H2's
 * error code, the exception classes and whether the disk was full. Installed in {@code logback.xml}.
 */
public final class H2Trace extends TurboFilter {
    static final String H2_LOGGER = "h2database";
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("io.claimgate.ledger.h2");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (logger == null || !H2_LOGGER.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        if (format == null && t == null) {
            return FilterReply.NEUTRAL; // H2 asking whether a level is on: the configured levels decide
        }
        String line = "h2 trace level={} code={} error={}{}";
        Object[] args = {level, code(t), classes(t), diskFull(t) ? " disk_full=yes" : ""};
        if (level != null && level.isGreaterOrEqual(Level.ERROR)) {
            LOG.error(line, args);
        } else if (level != null && level.isGreaterOrEqual(Level.WARN)) {
            LOG.warn(line, args);
        } else {
            LOG.debug(line, args);
        }
        return FilterReply.DENY;
    }

    private static String code(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < 10; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return String.valueOf(s.getErrorCode());
            }
        }
        return "-";
    }

    private static String classes(Throwable t) {
        if (t == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < 10; c = c.getCause()) {
            sb.append(depth > 1 ? "<-" : "").append(c.getClass().getSimpleName());
        }
        return sb.toString();
    }

    private static boolean diskFull(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < 10; c = c.getCause()) {
            if (c instanceof IOException && c.getMessage() != null
                    && (c.getMessage().endsWith("No space left on device")
                    || c.getMessage().endsWith("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
