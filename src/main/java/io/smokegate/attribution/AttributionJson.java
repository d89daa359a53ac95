package io.smokegate.attribution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An attribution as the JSON the API and {@code smokegate attribute --format json} answer; absent values are null. */
public final class AttributionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttributionJson() {
    }

    public static ObjectNode of(Attribution a) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode alert = root.putObject("alert");
        alert.put("alertname", a.alert().alertname());
        alert.put("fingerprint", a.alert().fingerprint().orElse(null));
        alert.put("startsAt", a.alert().startsAt().toString());
        alert.put("service", a.service().orElse(null));
        strings(alert.putObject("labels"), a.alert().labels());
        strings(alert.putObject("annotations"), a.alert().annotations());
        ObjectNode deploy = root.putObject("deploy");
        deploy.put("commit", a.deploy().commit().orElse(null));
        deploy.put("time", time(a.deploy().time()));
        deploy.put("previousCommit", a.deploy().previousCommit().orElse(null));
        ObjectNode window = root.putObject("window");
        window.put("from", time(a.window().from()));
        window.put("to", time(a.window().to()));
        window.put("commits", a.window().commits());
        ArrayNode suspects = root.putArray("suspects");
        for (Suspect s : a.suspects()) {
            ObjectNode o = suspects.addObject();
            o.put("commit", s.commit());
            o.put("score", s.score());
            s.reasons().forEach(o.putArray("reasons")::add);
            o.put("url", s.url().orElse(null));
            if (s.pullRequest().isPresent()) {
                ObjectNode pr = o.putObject("pullRequest");
                pr.put("number", s.pullRequest().get().number());
                pr.put("url", s.pullRequest().get().url().orElse(null));
            } else {
                o.putNull("pullRequest");
            }
            o.put("author", s.author());
            o.put("time", s.time().toString());
            o.put("subject", s.subject());
            s.files().forEach(o.putArray("files")::add);
            ArrayNode hunks = o.putArray("hunks");
            for (Suspect.Hunk h : s.hunks()) {
                hunks.addObject().put("file", h.file()).put("line", h.line()).put("text", h.text())
                        .put("url", h.url().orElse(null));
            }
        }
        root.put("confidence", a.confidence().name().toLowerCase(Locale.ROOT));
        root.put("note", a.note());
        return root;
    }

    public static String render(Attribution a) {
        return of(a).toPrettyString();
    }

    private static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }

    private static void strings(ObjectNode node, Map<String, String> values) {
        new java.util.TreeMap<>(values).forEach(node::put);
    }
}
