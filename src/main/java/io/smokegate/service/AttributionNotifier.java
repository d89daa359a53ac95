package io.smokegate.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smokegate.attribution.Attribution;
import io.smokegate.attribution.Suspect;
import io.smokegate.config.AttributionConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Tells the configured webhooks ({@code attribution.notify}) about an attribution: the alert, the top suspects with
 * their links, and a link to the stored attribution. Blocking: called on a virtual thread of the attribution service,
 * never on the webhook receiver's; a receiver that is down or slow costs a log line, bounded by the timeouts.
 */
final class AttributionNotifier {

    private static final Logger LOG = Logger.getLogger(AttributionNotifier.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Suspects in a notification: enough to act on, short enough to read on a phone. */
    static final int TOP = 3;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final List<AttributionConfig.Notify> targets;
    private final Optional<URI> publicUrl;
    private final HttpClient http;

    AttributionNotifier(List<AttributionConfig.Notify> targets, Optional<URI> publicUrl) {
        this.targets = List.copyOf(targets);
        this.publicUrl = publicUrl;
        this.http = targets.isEmpty() ? null : HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    boolean enabled() {
        return !targets.isEmpty();
    }

    /** Posts the attribution stored as {@code id} to every target in turn; failures are logged. */
    void send(Attribution a, String id) {
        for (AttributionConfig.Notify t : targets) {
            String body = (t.format() == AttributionConfig.Format.SLACK ? slack(a, link(id)) : json(a, link(id))).toString();
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(t.url()).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 != 2) {
                    LOG.warning("attribution notification to " + redacted(t.url()) + " answered HTTP " + r.statusCode());
                }
            } catch (IOException e) {
                LOG.warning("cannot send the attribution notification to " + redacted(t.url()) + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The stored attribution's address: absolute under {@code attribution.publicUrl}, else the API path. */
    String link(String id) {
        String path = "/api/v1/attributions/" + id;
        return publicUrl.map(u -> u.toString().replaceAll("/+$", "") + path).orElse(path);
    }

    /** Scheme, host and port only: webhook URLs (Slack's) carry their secret in the path. */
    private static String redacted(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    static ObjectNode json(Attribution a, String link) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode alert = root.putObject("alert");
        alert.put("alertname", a.alert().alertname());
        alert.put("service", a.service().orElse(null));
        alert.put("startsAt", a.alert().startsAt().toString());
        alert.put("fingerprint", a.alert().fingerprint().orElse(null));
        root.put("confidence", confidence(a));
        root.put("note", a.note());
        ArrayNode suspects = root.putArray("suspects");
        for (Suspect s : top(a)) {
            ObjectNode o = suspects.addObject();
            o.put("commit", s.commit());
            o.put("subject", s.subject());
            o.put("author", s.author());
            o.put("url", s.url().orElse(null));
            o.put("pullRequest", s.pullRequest().flatMap(Suspect.PullRequest::url).orElse(null));
            o.put("score", s.score());
            s.reasons().forEach(o.putArray("reasons")::add);
        }
        root.put("attribution", link);
        return root;
    }

    static ObjectNode slack(Attribution a, String link) {
        String title = a.alert().alertname() + a.service().map(s -> " (" + s + ")").orElse("") + ": confidence "
                + confidence(a) + ", " + a.suspects().size() + (a.suspects().size() == 1 ? " suspect commit" : " suspect commits");
        StringBuilder lines = new StringBuilder();
        for (Suspect s : top(a)) {
            String sha = s.commit().substring(0, Math.min(7, s.commit().length()));
            lines.append("• ").append(s.url().map(u -> "<" + u + "|" + sha + ">").orElse("`" + sha + "`")).append(' ')
                    .append(escape(s.subject())).append(" — ").append(escape(s.author()));
            s.pullRequest().flatMap(Suspect.PullRequest::url)
                    .ifPresent(u -> lines.append(" (<").append(u).append("|PR>)"));
            lines.append('\n');
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("text", title);
        ArrayNode blocks = root.putArray("blocks");
        section(blocks, "*" + escape(title) + "*\n" + escape(a.note()));
        if (!lines.isEmpty()) {
            section(blocks, lines.toString().stripTrailing());
        }
        section(blocks, "<" + link + "|Full attribution>");
        return root;
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
    }

    /** Slack's mrkdwn control characters, as its docs ask. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static List<Suspect> top(Attribution a) {
        return a.suspects().subList(0, Math.min(TOP, a.suspects().size()));
    }

    private static String confidence(Attribution a) {
        return a.confidence().name().toLowerCase(Locale.ROOT);
    }
}
