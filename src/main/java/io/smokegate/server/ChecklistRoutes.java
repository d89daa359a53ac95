package io.smokegate.server;

import io.smokegate.checklist.CheckSpec;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.config.Scope;
import io.smokegate.input.Durations;
import io.smokegate.service.RunService;
import io.vertx.ext.web.Router;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** {@code GET /api/v1/checklists} and {@code GET /api/v1/checklists/{name}}. */
final class ChecklistRoutes {

    private final RunService service;
    private final Blocking blocking;

    ChecklistRoutes(RunService service, Blocking blocking) {
        this.service = service;
        this.blocking = blocking;
    }

    void mount(Router router, BearerAuth auth) {
        router.get("/api/v1/checklists").handler(auth.require(Scope.READ)).handler(ctx -> blocking.run(ctx, () -> {
            List<Object> valid = new ArrayList<>();
            List<Object> invalid = new ArrayList<>();
            List<Pattern> prefixes = directoryPrefixes(service.checklistDirectory());
            for (ChecklistCatalog.Entry e : service.checklists()) {
                if (e.valid()) {
                    valid.add(summary(e.checklist()));
                } else {
                    invalid.add(Responses.fields("file", e.file().getFileName().toString(),
                            "problems", e.problems().stream().map(p -> relative(p.format(), prefixes)).toList()));
                }
            }
            return Responses.fields("checklists", valid, "invalid", invalid);
        }, body -> Responses.json(ctx, 200, body), Errors::standard));
        router.get("/api/v1/checklists/:name").handler(auth.require(Scope.READ)).handler(ctx -> blocking.run(ctx,
                () -> service.checklist(ctx.pathParam("name")),
                checklist -> Responses.json(ctx, 200, detail(checklist)), Errors::standard));
    }

    /**
     * The checklist directory as problems may spell it (as configured, absolute, real), longest first, each
     * ending in a separator: files are named relative to it, so the server's layout stays its own.
     */
    private static List<Pattern> directoryPrefixes(Path directory) {
        Set<String> forms = new TreeSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));
        forms.add(directory.toString());
        forms.add(directory.toAbsolutePath().normalize().toString());
        try {
            forms.add(directory.toRealPath().toString());
        } catch (IOException gone) {
            // Listing the checklists has just read it; if it went away since, the other forms remain.
        }
        // Only where a path starts: "./" must not be cut out of "../x".
        return forms.stream().filter(f -> !f.isEmpty()).map(f -> f.endsWith(File.separator) ? f : f + File.separator)
                .map(f -> Pattern.compile("(?<![\\w./\\\\-])" + Pattern.quote(f))).toList();
    }

    private static String relative(String problem, List<Pattern> prefixes) {
        String out = problem;
        for (Pattern prefix : prefixes) {
            out = prefix.matcher(out).replaceAll("");
        }
        return out;
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
