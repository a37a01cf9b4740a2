package io.claimgate.finding;

import java.util.Objects;

/**
 * Where a finding goes in an acknowledgment, and with which code: e.g. {@code IK304 = 8} (segment has element
 * errors), {@code IK403 = 7} (invalid code value), {@code IK502 = 4}, {@code AK905 = 5}, {@code TA105 = 001}.
 *
 * @param element the X12 element of the acknowledgment that carries the code (IK304, IK403, IK502, AK905, TA105)
 * @param code    the code value from that element's code list
 */
public record AckCode(String element, String code) {
    public AckCode {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(code, "code");
    }

    public static AckCode ik304(String code) { return new AckCode("IK304", code); }
    public static AckCode ik403(String code) { return new AckCode("IK403", code); }
    public static AckCode ik502(String code) { return new AckCode("IK502", code); }
    public static AckCode ak905(String code) { return new AckCode("AK905", code); }
    public static AckCode ta105(String code) { return new AckCode("TA105", code); }

    public boolean is(String element) {
        return this.element.equals(element);
    }

    @Override
    public String toString() {
        return element + "=" + code;
    }
}
