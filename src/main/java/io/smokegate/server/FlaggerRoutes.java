package io.smokegate.server;

import io.smokegate.config.Scope;
import io.smokegate.report.VerdictJson;
import io.smokegate.run.RunReport;
import io.smokegate.slo.GateResult;
import io.smokegate.slo.Verdict;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Flagger's canary webhooks ({@code POST /api/v1/hooks/flagger}): runs and judges the checklist the webhook's
 * metadata names, as {@code POST /api/v1/gates} does, and answers in the status code, the only thing Flagger reads:
 * 200 for pass and warning (advance), 412 for fail, 503 when Prometheus could not be asked (halt). Flagger takes
 * 200 to 202 as success and shows the body of a 4xx answer in the canary's events, so failures say why in one line
 * (of a 5xx its retrying client keeps only the status; retries then re-ask, as suits an unreachable Prometheus, while a
 * failed gate is no reason to ask again). Event webhooks' notifications are answered 200 and nothing runs.
 */
final class FlaggerRoutes {

    /** Flagger's payloads are a few hundred bytes; more is not Flagger, whatever the server's body limit. */
    static final int MAX_PAYLOAD_BYTES = 8192;

    private final GateRoutes gates;

    FlaggerRoutes(GateRoutes gates) {
        this.gates = gates;
    }

    void mount(Router router, BearerAuth auth) {
        router.post("/api/v1/hooks/flagger").handler(auth.requireAllowingBasic(Scope.RUN)).handler(this::hook);
    }

    private void hook(RoutingContext ctx) {
        int size = ctx.body().length();
        if (size > MAX_PAYLOAD_BYTES) {
            Responses.error(ctx, 413, "payload_too_large", "the Flagger webhook payload is " + size + " bytes, more than the "
                    + MAX_PAYLOAD_BYTES + " a webhook may send; keep the smokegate webhook's metadata to checklist and window");
            return;
        }
        FlaggerWebhook webhook;
        String checklist;
        Duration window;
        try {
            webhook = FlaggerWebhook.parse(JsonBodies.object(ctx, FlaggerWebhook.EXAMPLE));
            if (webhook.event()) {
                // An event webhook notifies on every step; a gate run per notification would flood the run queue.
                Responses.json(ctx, 200, Responses.fields("ignored", true, "reason", "an event webhook's notification ("
                        + webhook.metadata().get("eventType") + "): nothing is gated; use a pre-rollout, rollout or"
                        + " confirm-promotion webhook to gate the canary"));
                return;
            }
            checklist = webhook.checklist();
            window = GateRoutes.window("metadata.window", webhook.window());
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        gates.gateNow(ctx, checklist, window, webhook.about(), (run, verdict) -> answer(ctx, webhook, run, verdict));
    }

    private static void answer(RoutingContext ctx, FlaggerWebhook webhook, RunReport run, Verdict verdict) {
        String where = "/api/v1/gates/" + verdict.id();
        ctx.response().putHeader("Location", where);
        String judged = "checklist '" + verdict.checklist() + "' for canary " + webhook.namespace() + "/" + webhook.name();
        switch (verdict.result()) {
            case PASS, WARNING -> Responses.json(ctx, 200, Responses.fields(
                    "result", verdict.result().label(),
                    "checklist", verdict.checklist(),
                    "score", VerdictJson.round(verdict.evaluation().score()),
                    "message", verdict.evaluation().message(),
                    "verdict", where,
                    "runId", run.runId()));
            case FAIL -> Responses.error(ctx, 412, "gate_failed", judged + " failed the gate: "
                    + verdict.evaluation().message() + " (verdict " + where + ")");
            case ERROR -> Responses.error(ctx, 503, "gate_error", judged + " could not be judged: "
                    + verdict.evaluation().message() + " (verdict " + where + ")");
        }
    }
}
