package io.smokegate.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The attribution tests' plainest case, as a repository: a shop whose deploy brought twenty commits, of which only the
 * seventh touches the {@code api} service's paths ({@code services/api/**}); the rest change docs. Minute {@code m}
 * after {@link #T0} is {@link #at(int)}: the base at 0, commit i at 10·i, the deployed release at 210.
 *
 * @param base     the commit deployed before (the previous deploy)
 * @param culprit  the one commit that touches {@code services/api/**}
 * @param deployed the commit of the suspect deploy
 */
public record OneCulpritHistory(String base, String culprit, String deployed) {

    public static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    public static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** Builds it in {@code dir}. */
    public static OneCulpritHistory build(Path dir) {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir)) {
            String base = git.write("README.md", "shop\n").write("services/api/main.go", "package main\n").commit("init", at(0));
            String culprit = null;
            for (int i = 1; i <= 20; i++) {
                if (i == 7) {
                    git.write("services/api/handler.go", "package main\n\nfunc handle() {}\n");
                    culprit = git.commit("api: new handler", at(i * 10));
                } else {
                    git.write("docs/page" + i + ".md", "page " + i + "\n");
                    git.commit("docs: page " + i, at(i * 10));
                }
            }
            return new OneCulpritHistory(base, culprit, git.commit("release", at(210)));
        }
    }
}
