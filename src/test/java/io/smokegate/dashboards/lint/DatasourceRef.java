package io.smokegate.dashboards.lint;

import com.fasterxml.jackson.databind.JsonNode;

/** The uid a {@code datasource} field names, read as the linter reads it: absent, a string, or {@code {uid}}. */
final class DatasourceRef {

    private DatasourceRef() {
    }

    /** The uid, "" when the field is absent; throws with the linter's words when it cannot be read. */
    static String uid(JsonNode datasource) {
        if (datasource.isMissingNode() || datasource.isNull()) {
            return "";
        }
        if (datasource.isTextual()) {
            return datasource.asText();
        }
        if (!datasource.isObject()) {
            throw new IllegalArgumentException("invalid type for field 'datasource': " + datasource);
        }
        if (!datasource.has("uid")) {
            throw new IllegalArgumentException("invalid type for field 'datasource': missing uid field");
        }
        if (!datasource.get("uid").isTextual()) {
            throw new IllegalArgumentException("invalid type for field 'datasource': invalid uid field type, should be string");
        }
        return datasource.get("uid").asText();
    }
}
