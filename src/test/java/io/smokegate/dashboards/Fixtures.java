package io.smokegate.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smokegate.dashboards.grafana.Dashboard;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Copies of the shipped dashboards for a test to break in one place. */
final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static Dashboard overview() {
        return shipped("smokegate-overview.json");
    }

    static Dashboard goproxy() {
        return shipped("smokegate-goproxy.json");
    }

    private static Dashboard shipped(String file) {
        try {
            return Dashboard.read(Dashboard.DIRECTORY.resolve(file)).copy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode root(Dashboard d) {
        return (ObjectNode) d.json();
    }

    static ObjectNode variable(Dashboard d, String name) {
        return (ObjectNode) d.variable(name).orElseThrow(() -> new AssertionError("no variable " + name + " in " + d));
    }

    static ObjectNode panel(Dashboard d, String title) {
        for (JsonNode p : d.panels()) {
            if (p.path("title").asText().equals(title)) {
                return (ObjectNode) p;
            }
        }
        throw new AssertionError("no panel '" + title + "' in " + d);
    }

    /** The dashboard with one field of a variable set to {@code value}. */
    static Dashboard withVariable(Dashboard d, String variable, String field, Object value) {
        variable(d, variable).set(field, JSON.valueToTree(value));
        return d;
    }

    /** The dashboard with the first target of {@code title} querying {@code expr} instead. */
    static Dashboard withExpr(Dashboard d, String title, String expr) {
        ((ObjectNode) panel(d, title).path("targets").get(0)).put("expr", expr);
        return d;
    }
}
