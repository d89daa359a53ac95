package io.smokegate.server;

import io.smokegate.checklist.CheckSpec;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.input.Durations;
import io.smokegate.input.Problem;
import io.smokegate.service.SmokegateService;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/checklists} and {@code GET /api/v1/checklists/{name}}. */
final class ChecklistRoutes {

    private final SmokegateService service;
    private final Blocking blocking;

    ChecklistRoutes(SmokegateService service, Blocking blocking) {
        this.service = service;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.get("/api/v1/checklists").handler(ctx -> blocking.run(ctx, service::checklists, entries -> {
            List<Object> valid = new ArrayList<>();
            List<Object> invalid = new ArrayList<>();
            for (ChecklistCatalog.Entry e : entries) {
                if (e.valid()) {
                    valid.add(summary(e.checklist()));
                } else {
                    invalid.add(Responses.fields("file", e.file().getFileName().toString(),
                            "problems", e.problems().stream().map(Problem::format).toList()));
                }
            }
            Responses.json(ctx, 200, Responses.fields("checklists", valid, "invalid", invalid));
        }, Errors::standard));
        router.get("/api/v1/checklists/:name").handler(ctx -> blocking.run(ctx,
                () -> service.checklist(ctx.pathParam("name")),
                checklist -> Responses.json(ctx, 200, detail(checklist)), Errors::standard));
    }

    private static Map<String, Object> summary(Checklist c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.name());
        out.put("description", c.description());
        out.put("labels", c.labels());
        out.put("checks", c.checks().size());
        out.put("schedule", c.schedule() == null ? null : c.schedule().describe());
        return out;
    }

    private static Map<String, Object> detail(Checklist c) {
        Map<String, Object> out = summary(c);
        out.put("concurrency", c.concurrency());
        List<Object> checks = new ArrayList<>();
        for (CheckSpec s : c.checks()) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("id", s.id());
            check.put("type", s.type());
            check.put("description", s.description());
            check.put("timeout", Durations.format(s.timeout()));
            check.put("retries", s.retries());
            check.put("weight", s.weight());
            check.put("needs", s.needs());
            checks.add(check);
        }
        out.put("checks", checks);
        return out;
    }
}
