package io.claimgate.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The payer policies of {@code config/payers/*.yaml}, and the choice of one per claim: by payer id (2010BB NM109),
 * then by claim filing indicator (SBR09), then the default. Checked when loaded: unknown keys, a missing time rule,
 * no default or two, two policies claiming the same payer id or filing indicator, and an MUE or KX setting whose
 * table is missing all stop the start.
 */
public final class Policies {
    private final List<PayerPolicy> all;
    private final PayerPolicy fallback;

    private Policies(List<PayerPolicy> all) {
        this.all = List.copyOf(all);
        this.fallback = all.stream().filter(PayerPolicy::isDefault).findFirst().orElseThrow();
    }

    public List<PayerPolicy> all() {
        return all;
    }

    /** The policy for a claim with this payer id and claim filing indicator. */
    public PayerPolicy forClaim(String payerId, String filingIndicator) {
        for (PayerPolicy p : all) {
            if (payerId != null && p.match().payerIds().contains(payerId)) {
                return p;
            }
        }
        for (PayerPolicy p : all) {
            if (filingIndicator != null && p.match().filingIndicators().contains(filingIndicator)) {
                return p;
            }
        }
        return fallback;
    }

    /** 97530 units a policy allows per patient per date: its own setting, else the MUE table. */
    public static int mueUnits(PayerPolicy policy, ReferenceTables tables, String code) {
        if (policy.mue().units() != null) {
            return policy.mue().units();
        }
        return Optional.ofNullable(tables.mueUnits().get(code)).orElseThrow(
                () -> new ConfigException("policy " + policy.name() + " takes MUE from the table, which has no " + code));
    }

    public static Policies load(Path payersDir, ReferenceTables tables) {
        if (!Files.isDirectory(payersDir)) {
            throw new ConfigException("payer policy folder not found: " + payersDir);
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        List<PayerPolicy> policies = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(payersDir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException("cannot list " + payersDir, e);
        }
        for (Path file : files) {
            PayerPolicy policy;
            try {
                policy = yaml.readValue(file.toFile(), PayerPolicy.class);
            } catch (UnrecognizedPropertyException e) {
                throw new ConfigException(file + ": unknown key '" + e.getPropertyName() + "' (known: "
                        + e.getKnownPropertyIds() + ")", e);
            } catch (IOException e) {
                throw new ConfigException(file + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                        ? j.getOriginalMessage() : e.getMessage()), e);
            }
            check(file, policy, tables);
            policies.add(policy);
        }
        if (policies.isEmpty()) {
            throw new ConfigException("no payer policies in " + payersDir);
        }
        long defaults = policies.stream().filter(PayerPolicy::isDefault).count();
        if (defaults != 1) {
            throw new ConfigException(payersDir + ": exactly one policy must say 'default: true' (found " + defaults + ")");
        }
        Set<String> names = new HashSet<>();
        Set<String> payerIds = new HashSet<>();
        Set<String> indicators = new HashSet<>();
        for (PayerPolicy p : policies) {
            if (!names.add(p.name())) {
                throw new ConfigException(payersDir + ": two policies are named " + p.name());
            }
            for (String id : p.match().payerIds()) {
                if (!payerIds.add(id)) {
                    throw new ConfigException(payersDir + ": payer id " + id + " is matched by two policies");
                }
            }
            for (String id : p.match().filingIndicators()) {
                if (!indicators.add(id)) {
                    throw new ConfigException(payersDir + ": filing indicator " + id + " is matched by two policies");
                }
            }
        }
        return new Policies(policies);
    }

    private static void check(Path file, PayerPolicy p, ReferenceTables tables) {
        if (p.name() == null || p.name().isBlank()) {
            throw new ConfigException(file + ": 'name' is required");
        }
        if (p.timeRule() == null) {
            throw new ConfigException(file + ": 'timeRule' is required (CMS_TOTAL_MINUTES or PER_CODE)");
        }
        if (p.mue().units() == null && !tables.mueUnits().containsKey("97530")) {
            throw new ConfigException(file + ": no 'mue.units' and the MUE table has no 97530");
        }
        if (p.mue().units() != null && p.mue().units() < 1) {
            throw new ConfigException(file + ": 'mue.units' must be at least 1");
        }
        if (p.kx().enabled()) {
            if (p.kx().estimatePerUnit() == null || p.kx().estimatePerUnit().signum() <= 0) {
                throw new ConfigException(file + ": 'kx.estimatePerUnit' is required when kx is enabled");
            }
            if (tables.kxThresholds().isEmpty()) {
                throw new ConfigException(file + ": kx is enabled but the KX threshold table is empty");
            }
        }
    }
}
