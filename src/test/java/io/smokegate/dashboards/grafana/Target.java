package io.smokegate.dashboards.grafana;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One PromQL query of a dashboard: a panel target or an annotation.
 *
 * @param where     the panel (or annotation) and refId, for messages
 * @param panel     the panel's title; the annotation's name for an annotation
 * @param queried   whether Grafana runs it as PromQL the linter would check: a target of a panel type the linter
 *                  parses, or an annotation query
 * @param panelId   a target may reuse another panel's data instead of an expression
 */
public record Target(String where, String panel, boolean queried, String expr, int panelId) {

    static Target ofPanel(JsonNode panel, int index, JsonNode target) {
        String refId = target.path("refId").asText(String.valueOf((char) ('A' + index)));
        return new Target(Dashboard.title(panel) + " target " + refId, panel.path("title").asText(),
                Dashboard.QUERIED_PANEL_TYPES.contains(panel.path("type").asText()), target.path("expr").asText(""),
                target.path("panelId").asInt(0));
    }

    static Target ofAnnotation(JsonNode annotation) {
        String name = annotation.path("name").asText();
        return new Target("annotation '" + name + "'", name, true, annotation.path("expr").asText(), 0);
    }
}
