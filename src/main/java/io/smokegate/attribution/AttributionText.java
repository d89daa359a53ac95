package io.smokegate.attribution;

import java.util.Locale;

/** An attribution for a terminal: the deploy, the window, then each suspect with its reasons and lines. */
public final class AttributionText {

    private AttributionText() {
    }

    public static String render(Attribution a) {
        StringBuilder out = new StringBuilder();
        out.append("alert ").append(a.alert().alertname()).append(" (service ").append(a.service().orElse("unknown"))
                .append(") started ").append(a.alert().startsAt()).append('\n');
        a.deploy().commit().ifPresentOrElse(
                c -> out.append("deploy ").append(c).append(" at ").append(a.deploy().time().orElseThrow())
                        .append(a.deploy().previousCommit().map(p -> ", after " + p).orElse("")).append('\n'),
                () -> out.append("deploy unknown\n"));
        out.append("window ").append(a.window().from().map(Object::toString).orElse("-")).append(" .. ")
                .append(a.window().to().map(Object::toString).orElse("-")).append(": ").append(a.window().commits())
                .append(a.window().commits() == 1 ? " commit\n" : " commits\n");
        out.append("confidence ").append(a.confidence().name().toLowerCase(Locale.ROOT)).append('\n');
        if (!a.note().isEmpty()) {
            out.append("note: ").append(a.note()).append('\n');
        }
        int rank = 1;
        for (Suspect s : a.suspects()) {
            out.append('\n').append(rank++).append(". ").append(s.commit(), 0, 12).append(" score ").append(s.score())
                    .append("  ").append(s.subject()).append('\n');
            out.append("   ").append(s.author()).append(", ").append(s.time()).append('\n');
            s.url().ifPresent(u -> out.append("   ").append(u).append('\n'));
            s.pullRequest().ifPresent(pr -> out.append("   pull request #").append(pr.number())
                    .append(pr.url().map(u -> " " + u).orElse("")).append('\n'));
            s.reasons().forEach(r -> out.append("   - ").append(r).append('\n'));
            for (Suspect.Hunk h : s.hunks()) {
                out.append("   ").append(h.file()).append(':').append(h.line()).append("  ").append(h.text())
                        .append(h.url().map(u -> "  " + u).orElse("")).append('\n');
            }
        }
        return out.toString();
    }
}
