package io.smokegate.attribution;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Links into a repository's web UI, from GitHub's or GitLab's URL scheme. GitLab is chosen for hosts whose name
 * contains "gitlab"; any other host gets GitHub's scheme (GitHub Enterprise uses the same paths).
 */
public record RepoLinks(Kind kind, String base) {

    public enum Kind { GITHUB, GITLAB }

    /** Links from a repository URL such as https://github.com/acme/shop(.git); empty when it is not http(s). */
    public static Optional<RepoLinks> of(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getPath() == null
                    || uri.getPath().length() < 2) {
                return Optional.empty();
            }
            String path = uri.getPath().replaceAll("/+$", "").replaceAll("\\.git$", "");
            String base = scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
            Kind kind = uri.getHost().toLowerCase(Locale.ROOT).contains("gitlab") ? Kind.GITLAB : Kind.GITHUB;
            return Optional.of(new RepoLinks(kind, base));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Links from a remote's URL, only when it is an https URL of github.com or a GitLab host (no guessing for others). */
    public static Optional<RepoLinks> ofRemote(String url) {
        return of(url).filter(l -> l.base.startsWith("https://")
                && (l.kind == Kind.GITLAB || l.base.startsWith("https://github.com/")));
    }

    public String commit(String id) {
        return base + (kind == Kind.GITLAB ? "/-/commit/" : "/commit/") + id;
    }

    public String pullRequest(int number) {
        return base + (kind == Kind.GITLAB ? "/-/merge_requests/" : "/pull/") + number;
    }

    public String line(String commit, String file, int line) {
        return base + (kind == Kind.GITLAB ? "/-/blob/" : "/blob/") + commit + "/" + file + "#L" + line;
    }
}
