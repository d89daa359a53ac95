package io.smokegate.check.net;

import com.fasterxml.jackson.databind.JsonNode;

/** Compares a JSON value from a response with a value written in YAML. */
final class JsonValues {

    private JsonValues() {
    }

    static boolean equal(JsonNode actual, Object expected) {
        if (expected == null) {
            return actual.isNull();
        }
        if (expected instanceof Boolean b) {
            return actual.isBoolean() && actual.booleanValue() == b;
        }
        if (expected instanceof Number n) {
            return actual.isNumber() && actual.decimalValue().compareTo(new java.math.BigDecimal(n.toString())) == 0;
        }
        return actual.isTextual() ? actual.textValue().equals(expected.toString()) : actual.toString().equals(expected.toString());
    }
}
