package io.smokegate.attribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version change found in a diff: an image tag in a YAML {@code image:} line, a Helm chart's {@code version:}
 * in Chart.yaml, or a go.mod {@code require} — the one-line changes that most often break a running service.
 */
public record Bump(Kind kind, String name, String from, String to, String file, FileChange.Line line) {

    public enum Kind {
        IMAGE("image"), CHART("chart"), GO_MODULE("Go module");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final Pattern IMAGE = Pattern.compile("^\\s*-?\\s*image:\\s*[\"']?([^\"'\\s#]+)");
    private static final Pattern CHART_VERSION = Pattern.compile("^version:\\s*[\"']?([^\"'\\s#]+)");
    private static final Pattern REQUIRE = Pattern.compile("^\\s*(?:require\\s+)?([^\\s()]+\\.[^\\s()]+)\\s+(v[^\\s]+)");

    public String describe() {
        return "bumps " + kind.label + " " + name + " from " + from + " to " + to + " (" + file + ":" + line.number() + ")";
    }

    /** The bumps in one file's change: a removed and an added line naming the same image, chart or module. */
    static List<Bump> in(FileChange change) {
        String file = change.path();
        String base = file.substring(file.lastIndexOf('/') + 1);
        List<Bump> bumps = new ArrayList<>();
        if (base.equals("go.mod")) {
            pair(change, REQUIRE, Kind.GO_MODULE, file, bumps, m -> new String[] {m.group(1), m.group(2)});
        } else if (base.equals("Chart.yaml")) {
            String chart = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : ".";
            pair(change, CHART_VERSION, Kind.CHART, file, bumps, m -> new String[] {chart, m.group(1)});
        } else if (base.endsWith(".yaml") || base.endsWith(".yml")) {
            pair(change, IMAGE, Kind.IMAGE, file, bumps, m -> image(m.group(1)));
        }
        return bumps;
    }

    /** {@code registry:5000/app:1.2} → [registry:5000/app, 1.2]; an untagged image has the tag "latest". */
    private static String[] image(String ref) {
        int at = ref.indexOf('@');
        if (at > 0) {
            return new String[] {ref.substring(0, at), ref.substring(at + 1)};
        }
        int colon = ref.lastIndexOf(':');
        return colon > ref.lastIndexOf('/') ? new String[] {ref.substring(0, colon), ref.substring(colon + 1)}
                : new String[] {ref, "latest"};
    }

    private static void pair(FileChange change, Pattern pattern, Kind kind, String file, List<Bump> out,
            java.util.function.Function<Matcher, String[]> nameAndVersion) {
        Map<String, String> old = new LinkedHashMap<>();
        for (FileChange.Line l : change.removed()) {
            Matcher m = pattern.matcher(l.text());
            if (m.find()) {
                String[] nv = nameAndVersion.apply(m);
                old.putIfAbsent(nv[0], nv[1]);
            }
        }
        for (FileChange.Line l : change.added()) {
            Matcher m = pattern.matcher(l.text());
            if (m.find()) {
                String[] nv = nameAndVersion.apply(m);
                String from = old.get(nv[0]);
                if (from != null && !from.equals(nv[1])) {
                    out.add(new Bump(kind, nv[0], from, nv[1], file, l));
                }
            }
        }
    }
}
