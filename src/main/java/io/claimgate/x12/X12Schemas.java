package io.claimgate.x12;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;

import java.net.URL;

/** Loads claimgate's StAEDI schemas from the classpath. */
public final class X12Schemas {
    /** The implementation guide claimgate validates 837P against (GS08 and ST03). */
    public static final String CLAIM_VERSION = "005010X222A1";

    /**
     * How X12 bytes are read and written: one byte, one character, so any byte outside the X12 character sets
     * reaches the validator as itself (and a rejected claim goes out with the bytes it came with).
     */
    public static final String CHARSET = "ISO-8859-1";

    static final String CLAIM_SCHEMA = "/io/claimgate/x12/schema/837P-005010X222A1.xml";
    static final String CLAIM_ACK_SCHEMA = "/io/claimgate/x12/schema/277CA-005010X214.xml";
    static final String REMIT_SCHEMA = "/io/claimgate/x12/schema/835-005010X221A1.xml";

    /** StAEDI logs every unused schema type at INFO through java.util.logging while loading; keep that quiet. */
    private static final java.util.logging.Logger SCHEMA_LOADER_LOG =
            java.util.logging.Logger.getLogger("io.xlate.edi.internal.schema");

    static {
        SCHEMA_LOADER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private X12Schemas() {
    }

    /** A StAEDI reader over {@code in} decoding bytes as {@link #CHARSET}. */
    static io.xlate.edi.stream.EDIStreamReader reader(io.xlate.edi.stream.EDIInputFactory factory,
                                                      java.io.InputStream in) {
        try {
            return factory.createEDIStreamReader(in, CHARSET);
        } catch (io.xlate.edi.stream.EDIStreamException e) {
            throw new IllegalStateException("charset " + CHARSET + " unsupported", e);
        }
    }

    /** A StAEDI writer onto {@code out} encoding characters as {@link #CHARSET}. */
    static io.xlate.edi.stream.EDIStreamWriter writer(io.xlate.edi.stream.EDIOutputFactory factory,
                                                      java.io.OutputStream out) {
        try {
            return factory.createEDIStreamWriter(out, CHARSET);
        } catch (io.xlate.edi.stream.EDIStreamException e) {
            throw new IllegalStateException("charset " + CHARSET + " unsupported", e);
        }
    }

    /** The 837P 005010X222A1 transaction schema (loaded once; schemas are immutable). */
    public static Schema claim() {
        return ClaimSchema.INSTANCE;
    }

    private static final class ClaimSchema {
        static final Schema INSTANCE = load();
    }

    /** The 835 005010X221A1 transaction schema (loaded once). */
    public static Schema remit() {
        return RemitSchema.INSTANCE;
    }

    private static final class RemitSchema {
        static final Schema INSTANCE = load(REMIT_SCHEMA);
    }

    private static final java.util.Map<Integer, Schema> COPIES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Copy {@code n} of the 837P schema, for the {@code n}th of several threads validating at once (copy 0 is
     * {@link #claim()}); each thread keeps to its own copy.
     */
    public static Schema claim(int n) {
        return n == 0 ? claim() : COPIES.computeIfAbsent(n, k -> load());
    }

    /** Per-thread copies for readers that validate whole files on several threads at once. */
    private static final ThreadLocal<Schema> OWN = new ThreadLocal<>();
    private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The 837P schema copy of the calling thread: StAEDI's schema objects are used with state of their own, so
     * threads that validate at the same time must not share one (measured: sharing one, two threads validating two
     * files ran no faster than one).
     */
    public static Schema claimForThread() {
        Schema s = OWN.get();
        if (s == null) {
            s = claim(THREADS.getAndIncrement());
            OWN.set(s);
        }
        return s;
    }

    private static Schema load() {
        return load(CLAIM_SCHEMA);
    }

    static Schema load(String resource) {
        URL url = X12Schemas.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("schema missing from the classpath: " + resource);
        }
        try {
            return SchemaFactory.newFactory().createSchema(url);
        } catch (EDISchemaException e) {
            throw new IllegalStateException("schema " + resource + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** Schema loop code to TR3 loop id: codes are the TR3 ids, optionally prefixed with {@code L}. */
    static String loopId(String code) {
        if (code == null) {
            return null;
        }
        String id = code.startsWith("L") && code.length() > 1 && Character.isDigit(code.charAt(1))
                ? code.substring(1) : code;
        int underscore = id.indexOf('_');
        return underscore > 0 ? id.substring(0, underscore) : id;
    }
}
