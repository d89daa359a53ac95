package io.smokegate.techdebt;

import java.math.BigDecimal;

/** A figure above the maximum a threshold allows: {@code deprecatedApiFiles is 12, above the maximum of 10}. */
public record ThresholdCrossing(String figure, double value, double limit) {

    public String describe() {
        return figure + " is " + number(value) + ", above the maximum of " + number(limit);
    }

    /** {@code 10} for whole numbers, {@code 0.3} otherwise: as the user wrote the limit, not {@code 10.0}. */
    public static String number(double n) {
        if (Double.isNaN(n) || Double.isInfinite(n)) {
            return Double.toString(n);
        }
        return BigDecimal.valueOf(n).stripTrailingZeros().toPlainString();
    }
}
