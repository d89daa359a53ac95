package io.smokegate.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smokegate.attribution.AlertInput;
import io.smokegate.attribution.AttributionJson;
import io.smokegate.attribution.DeployMarker;
import io.smokegate.attribution.Dora;
import io.smokegate.config.Scope;
import io.smokegate.input.InvalidInputException;
import io.smokegate.run.RunIds;
import io.smokegate.service.AttributionService;
import io.smokegate.service.RepositoryUnavailableException;
import io.smokegate.store.AttributionStore;
import io.smokegate.store.DeploymentStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Deploy markers ({@code POST /api/v1/deployments} from CI, {@code GET} lists them) and attributions of alerts to
 * commits ({@code POST /api/v1/attributions} ranks one alert now; {@code GET} lists and shows the stored ones, which
 * the Alertmanager webhook also creates). Posting needs the {@code run} scope, reading {@code read}.
 */
final class AttributionRoutes {

    static final String DEPLOYMENTS = "/api/v1/deployments";
    static final String ATTRIBUTIONS = "/api/v1/attributions";
    static final String DORA = "/api/v1/dora";
    private static final Set<String> DORA_PARAMS = Set.of("service", "environment", "from", "to");
    /** Without {@code from}, DORA figures cover this long before {@code to}. */
    static final Duration DORA_PERIOD = Duration.ofDays(30);
    private static final Set<String> DEPLOY_FIELDS = Set.of("service", "environment", "repository", "commit", "time",
            "version");
    private static final Set<String> DEPLOY_PARAMS = Set.of("service", "environment", "from", "to", "limit");
    private static final Set<String> ATTRIBUTION_PARAMS = Set.of("fingerprint", "alertname", "service", "from", "to", "limit");
    private static final int MAX_NAME = 200;
    private static final int MAX_REPOSITORY = 1000;

    private final AttributionService service;
    private final Blocking blocking;
    private final Clock clock;

    AttributionRoutes(AttributionService service, Blocking blocking, Clock clock) {
        this.service = service;
        this.blocking = blocking;
        this.clock = clock;
    }

    void mount(Router router, BearerAuth auth) {
        router.post(DEPLOYMENTS).handler(auth.require(Scope.RUN)).handler(this::addDeployment);
        router.get(DEPLOYMENTS).handler(auth.require(Scope.READ)).handler(this::listDeployments);
        router.post(ATTRIBUTIONS).handler(auth.require(Scope.RUN)).handler(this::attribute);
        router.get(ATTRIBUTIONS).handler(auth.require(Scope.READ)).handler(this::listAttributions);
        router.get(ATTRIBUTIONS + "/:id").handler(auth.require(Scope.READ)).handler(this::getAttribution);
        router.get(DORA).handler(auth.require(Scope.READ)).handler(this::dora);
    }

    private void addDeployment(RoutingContext ctx) {
        DeployMarker marker;
        try {
            JsonNode body = JsonBodies.object(ctx, DEPLOY_FIELDS, "{\"service\": \"checkout\", \"environment\": \"prod\", "
                    + "\"commit\": \"9fceb02\", \"time\": \"2026-12-06T10:00:00Z\"}");
            String name = bounded(JsonBodies.text(body, "service"), "service", MAX_NAME);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("service is required: the service that was deployed");
            }
            String commit = JsonBodies.text(body, "commit");
            if (commit == null || !commit.matches("[0-9a-fA-F]{4,64}")) {
                throw new IllegalArgumentException("commit: " + (commit == null ? "required" : "'" + clip(commit)
                        + "' is not a commit id") + " (the deployed commit's hex id)");
            }
            String time = JsonBodies.text(body, "time");
            marker = new DeployMarker(name.strip(), orEmpty(bounded(JsonBodies.text(body, "environment"), "environment",
                    MAX_NAME)), orEmpty(bounded(JsonBodies.text(body, "repository"), "repository", MAX_REPOSITORY)),
                    commit.toLowerCase(Locale.ROOT), time == null ? clock.instant() : instant(time, "time"),
                    bounded(JsonBodies.text(body, "version"), "version", MAX_REPOSITORY), null);
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        blocking.run(ctx, () -> {
            service.addDeployment(marker);
            return marker;
        }, m -> Responses.json(ctx, 201, deployment(m)), Errors::standard);
    }

    private void listDeployments(RoutingContext ctx) {
        DeploymentStore.Query q;
        int limit;
        try {
            known(ctx, DEPLOY_PARAMS);
            q = new DeploymentStore.Query(ctx.queryParams().get("service"), ctx.queryParams().get("environment"),
                    param(ctx, "from"), param(ctx, "to"));
            limit = Limits.parse(ctx.queryParams().get("limit"));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        blocking.run(ctx, () -> service.deployments(q, limit), list -> Responses.json(ctx, 200, Map.of("deployments",
                list.stream().map(d -> deployment(d.marker())).toList())), Errors::standard);
    }

    private void attribute(RoutingContext ctx) {
        AlertInput alert;
        try {
            String body = ctx.body().asString();
            alert = AlertInput.parse(body == null ? "" : body, "request body");
        } catch (InvalidInputException e) {
            Responses.error(ctx, 400, "bad_request", "not an alert object: " + e.getMessage());
            return;
        }
        blocking.run(ctx, () -> service.attribute(alert), done -> {
            ObjectNode body = AttributionJson.of(done.attribution());
            Responses.json(ctx, 200, withRecord(body, done.stored()));
        }, AttributionRoutes::errors);
    }

    private void listAttributions(RoutingContext ctx) {
        AttributionStore.Query q;
        int limit;
        try {
            known(ctx, ATTRIBUTION_PARAMS);
            q = new AttributionStore.Query(ctx.queryParams().get("fingerprint"), ctx.queryParams().get("alertname"),
                    ctx.queryParams().get("service"), param(ctx, "from"), param(ctx, "to"));
            limit = Limits.parse(ctx.queryParams().get("limit"));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        blocking.run(ctx, () -> service.list(q, limit), list -> Responses.json(ctx, 200, Map.of("attributions",
                list.stream().map(AttributionRoutes::summary).toList())), Errors::standard);
    }

    private void getAttribution(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!RunIds.isValid(id)) {
            Responses.error(ctx, 400, "bad_request", "'" + clip(id) + "' is not an attribution id (a UUID)");
            return;
        }
        blocking.run(ctx, () -> service.find(id), found -> {
            if (found.isEmpty()) {
                Responses.error(ctx, 404, "not_found", "no attribution with id " + id);
                return;
            }
            try {
                ObjectNode body = (ObjectNode) Responses.JSON.readTree(found.get().document());
                Responses.json(ctx, 200, withRecord(body, found.get()));
            } catch (JsonProcessingException e) {
                Responses.internal(ctx, e);
            }
        }, Errors::standard);
    }

    private void dora(RoutingContext ctx) {
        String name;
        String environment;
        Instant from;
        Instant to;
        try {
            known(ctx, DORA_PARAMS);
            name = ctx.queryParams().get("service");
            environment = ctx.queryParams().get("environment");
            Instant given = param(ctx, "to");
            to = given == null ? clock.instant() : given;
            given = param(ctx, "from");
            from = given == null ? to.minus(DORA_PERIOD) : given;
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
            }
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        blocking.run(ctx, () -> service.dora(name, environment, from, to), list -> Responses.json(ctx, 200,
                Responses.fields("from", from.toString(), "to", to.toString(),
                        "dora", list.stream().map(AttributionRoutes::figures).toList())), Errors::standard);
    }

    private static Map<String, Object> figures(Dora.Figures f) {
        return Responses.fields("service", f.service(), "environment", f.environment(), "deployments", f.deployments(),
                "deploymentsPerDay", f.deploymentsPerDay(),
                "leadTimeMedianSeconds", f.leadTimeMedian().map(Duration::toSeconds).orElse(null),
                "leadTimeSamples", f.leadTimeSamples(), "failedDeployments", f.failedDeployments(),
                "changeFailRate", f.changeFailRate().orElse(null),
                "recoveryTimeMedianSeconds", f.recoveryTimeMedian().map(Duration::toSeconds).orElse(null),
                "recovered", f.recovered(), "unrecovered", f.unrecovered());
    }

    /** The ranking with what the store knows of it: its id, when it was made, when the alert resolved. */
    private static ObjectNode withRecord(ObjectNode ranking, AttributionStore.Stored s) {
        ObjectNode out = Responses.JSON.createObjectNode();
        Responses.JSON.convertValue(summary(s), ObjectNode.class).properties().forEach(e -> out.set(e.getKey(), e.getValue()));
        ranking.properties().forEach(e -> out.set(e.getKey(), e.getValue()));
        return out;
    }

    private static Map<String, Object> summary(AttributionStore.Stored s) {
        return Responses.fields("id", s.id(), "fingerprint", s.fingerprint(), "alertname", s.alertname(),
                "service", s.service(), "startsAt", s.startsAt().toString(), "confidence", s.confidence(),
                "attributedAt", s.attributedAt().toString(),
                "resolvedAt", s.resolvedAt() == null ? null : s.resolvedAt().toString(),
                "recoverySeconds", s.recoverySeconds(), "location", ATTRIBUTIONS + "/" + s.id());
    }

    private static Map<String, Object> deployment(DeployMarker m) {
        return Responses.fields("service", m.service(), "environment", m.environment(), "repository", m.repository(),
                "commit", m.commit(), "time", m.time().toString(), "version", m.version(), "source", m.source());
    }

    private static boolean errors(RoutingContext ctx, Throwable failure) {
        if (failure instanceof RepositoryUnavailableException e) {
            Responses.error(ctx, 503, "repository_unavailable", e.getMessage());
            return true;
        }
        if (failure instanceof IOException e) {
            // JGit failing mid-walk: a corrupt or vanished repository, not the caller's mistake.
            Responses.error(ctx, 503, "repository_unreadable", "cannot read the service's repository: " + e.getMessage());
            return true;
        }
        return Errors.standard(ctx, failure);
    }

    private static void known(RoutingContext ctx, Set<String> params) {
        for (String name : ctx.queryParams().names()) {
            if (!params.contains(name)) {
                throw new IllegalArgumentException("unknown query parameter '" + clip(name) + "' (known: "
                        + String.join(", ", params.stream().sorted().toList()) + ")");
            }
        }
    }

    private static Instant param(RoutingContext ctx, String name) {
        String text = ctx.queryParams().get(name);
        return text == null || text.isEmpty() ? null : instant(text, name);
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + clip(text) + "' is not an RFC 3339 time such as "
                    + "2026-12-06T10:00:00Z");
        }
    }

    private static String bounded(String text, String field, int max) {
        if (text != null && text.length() > max) {
            throw new IllegalArgumentException(field + ": longer than " + max + " characters");
        }
        return text;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text.strip();
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
