package io.smokegate.techdebt;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * A scan as JSON, the stable contract of {@code smokegate techdebt --format json} (and of the API to come):
 * <pre>
 * {"scannedAt","targetVersion","targetVersions":{component: version},"partial",
 *  "figures":{"deprecatedApiFiles","deprecatedApiObjects",…},
 *  "deprecatedApis":[{"source","file","line","kind","name","namespace","apiVersion","replacement","deprecatedIn","removedIn","status"}],
 *  "helmReleases":[{"release","namespace","chart","version","latest","outdated","majorsBehind","deprecated"}],
 *  "hygiene":[{"check","kind","namespace","name","message"}],
 *  "skipped":[{"source","reason"}]}
 * </pre>
 * Every key is always written; what is unknown is null (a finding's {@code line} outside files, a replacement
 * that does not exist, a deprecation release nobody recorded). Versions are written {@code v1.25.0}.
 */
public final class TechDebtJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private TechDebtJson() {
    }

    public static void write(TechDebtScan scan, OutputStream out) throws IOException {
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            scan(g, scan);
        }
        out.write('\n');
    }

    private static void scan(JsonGenerator g, TechDebtScan scan) throws IOException {
        g.writeStartObject();
        g.writeStringField("scannedAt", scan.scannedAt().toString());
        g.writeStringField("targetVersion", scan.targets().kubernetes().toString());
        g.writeObjectFieldStart("targetVersions");
        for (Map.Entry<String, ReleaseVersion> e : scan.targets().sorted().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue().toString());
        }
        g.writeEndObject();
        g.writeBooleanField("partial", scan.partial());
        g.writeObjectFieldStart("figures");
        for (Map.Entry<String, Number> e : scan.figures().entrySet()) {
            g.writeFieldName(e.getKey());
            number(g, e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("deprecatedApis");
        for (DeprecatedApiFinding f : scan.deprecatedApis()) {
            g.writeStartObject();
            g.writeStringField("source", f.source());
            g.writeStringField("file", f.file());
            if (f.file() == null) {
                g.writeNullField("line");
            } else {
                g.writeNumberField("line", f.line());
            }
            g.writeStringField("kind", f.kind());
            g.writeStringField("name", f.name());
            g.writeStringField("namespace", f.namespace());
            g.writeStringField("apiVersion", f.apiVersion());
            g.writeStringField("replacement", f.replacement().isEmpty() ? null : f.replacement());
            g.writeStringField("deprecatedIn", f.deprecatedIn() == null ? null : f.deprecatedIn().toString());
            g.writeStringField("removedIn", f.removedIn() == null ? null : f.removedIn().toString());
            g.writeStringField("status", f.status().label());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("helmReleases");
        for (HelmRelease h : scan.helmReleases()) {
            g.writeStartObject();
            g.writeStringField("release", h.release());
            g.writeStringField("namespace", h.namespace());
            g.writeStringField("chart", h.chart());
            g.writeStringField("version", h.version());
            g.writeStringField("latest", h.latest());
            g.writeBooleanField("outdated", h.outdated());
            g.writeNumberField("majorsBehind", h.majorsBehind());
            g.writeBooleanField("deprecated", h.deprecated());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("hygiene");
        for (HygieneFinding h : scan.hygiene()) {
            g.writeStartObject();
            g.writeStringField("check", h.check());
            g.writeStringField("kind", h.kind());
            g.writeStringField("namespace", h.namespace());
            g.writeStringField("name", h.name());
            g.writeStringField("message", h.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("skipped");
        for (Skipped s : scan.skipped()) {
            g.writeStartObject();
            g.writeStringField("source", s.source());
            g.writeStringField("reason", s.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, Number n) throws IOException {
        if (n instanceof Double || n instanceof Float) {
            g.writeNumber(n.doubleValue());
        } else {
            g.writeNumber(n.longValue());
        }
    }
}
