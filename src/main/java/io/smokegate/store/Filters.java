package io.smokegate.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A WHERE clause of optional filters, every value bound as a parameter (never spliced into the SQL). */
final class Filters {

    private final List<String> clauses = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    Filters equal(String column, String value) {
        return add(column + " = ?", value);
    }

    Filters atLeast(String column, Instant value) {
        return add(column + " >= ?", value == null ? null : value.toEpochMilli());
    }

    Filters atMost(String column, Instant value) {
        return add(column + " <= ?", value == null ? null : value.toEpochMilli());
    }

    private Filters add(String clause, Object value) {
        if (value != null) {
            clauses.add(clause);
            values.add(value);
        }
        return this;
    }

    String where() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** Binds the values from parameter 1 on; returns the index of the next parameter. */
    int bind(PreparedStatement p) throws SQLException {
        int i = 1;
        for (Object v : values) {
            if (v instanceof Long l) {
                p.setLong(i++, l);
            } else {
                p.setString(i++, (String) v);
            }
        }
        return i;
    }
}
