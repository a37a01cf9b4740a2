package io.claimgate.rules.therapy;

import java.math.BigDecimal;
import java.util.List;

/**
 * A service line as the therapy rules see it.
 *
 * @param index     the line's index in its claim, from 0
 * @param position  position of its SV1 segment counted from ST = 1
 * @param code      procedure code (SV101-2)
 * @param modifiers SV101-3..6 as present
 * @param basis     SV103 (UN units, MJ minutes)
 * @param quantity  SV104, or {@code null} when missing or not a number
 * @param charge    SV102, or {@code null} when not a number
 * @param pointers  SV107 diagnosis pointers as present
 * @param date      date of service (DTP*472)
 * @param renderingTaxonomy the line's rendering provider taxonomy (2420A PRV03), or {@code ""}
 */
@UnitsValid
@DisciplineSingle
@AssistantModifier
@ModifierAllowed
@ChargePositive
@DistinctModifiers
public record LineReview(int index, int position, String code, List<String> modifiers, String basis,
                         BigDecimal quantity, BigDecimal charge, List<String> pointers, String date,
                         String renderingTaxonomy) {

    public static final String CODE = "97530";
    public static final List<String> DISCIPLINES = List.of("GP", "GO", "GN");
    public static final List<String> DISTINCT = List.of("59", "XE", "XS", "XP", "XU");
    public static final List<String> X_MODIFIERS = List.of("XE", "XS", "XP", "XU");

    public LineReview {
        modifiers = List.copyOf(modifiers);
        pointers = List.copyOf(pointers);
    }

    public boolean is97530() {
        return CODE.equals(code);
    }

    public boolean hasAny(List<String> codes) {
        return modifiers.stream().anyMatch(codes::contains);
    }

    /** Component of SV101 that holds modifier {@code m}, 1-based (3..6), or 0. */
    public int modifierComponent(String m) {
        int i = modifiers.indexOf(m);
        return i < 0 ? 0 : i + 3;
    }
}
