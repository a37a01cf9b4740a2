package io.claimgate.rules.therapy;

/**
 * The NPI check digit: ten digits, the last a Luhn check digit over the first nine with the prefix 80840 (the card
 * issuer prefix for US health). NPPES issues NPIs starting with 1 or 2 only; that is a separate format question
 * this rule does not decide.
 */
public final class Npis {
    private Npis() {
    }

    public static boolean valid(String npi) {
        if (npi == null || npi.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (npi.charAt(i) < '0' || npi.charAt(i) > '9') {
                return false;
            }
        }
        String digits = "80840" + npi.substring(0, 9);
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10 == npi.charAt(9) - '0';
    }
}
