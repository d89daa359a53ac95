package io.smokegate.attribution;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/**
 * The Git repository of each service: a local path read in place, or a remote URL cloned bare into
 * {@code <dataDir>/repos/<name>.git} and fetched on demand ({@link #open}, which clones a repository not yet there)
 * or on a schedule ({@link #fetch}). With {@code shallowSince} set, clone and fetch ask only for the history since
 * then (JGit's {@code --shallow-since}); attribution needs the commits between two deploys, not the whole history.
 *
 * <p>A clone goes to a temporary directory first and is moved into place when complete, so a failed clone leaves
 * nothing half-written; fetches of one repository are serialized. Blocking (network and disk): worker threads only.
 */
public final class Repositories {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern URL = Pattern.compile("(?i)^(?:[a-z][a-z0-9+.-]*://|[^/\\s]+@[^/\\s:]+:).*");

    /**
     * @param dataDir      the data directory; remote repositories go to {@code dataDir/repos}
     * @param shallowSince how much history to fetch (e.g. 30 days); null: all of it
     * @param timeout      the network timeout of one clone or fetch
     */
    public record Settings(Path dataDir, Duration shallowSince, Duration timeout) {
    }

    /** A repository that cannot be cloned, fetched or opened; the message says which, where and why. */
    public static final class RepositoryException extends Exception {
        private static final long serialVersionUID = 1L;

        RepositoryException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Instant> fetched = new ConcurrentHashMap<>();

    public Repositories(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** True for a URL ({@code https://…}, {@code file://…}, {@code ssh://…}, {@code git@host:path}); else a local path. */
    public static boolean isRemote(String location) {
        return URL.matcher(location).matches();
    }

    /** Where the bare clone of remote repository {@code name} lives. */
    public Path cloneDir(String name) {
        return settings.dataDir().resolve("repos").resolve(name + ".git");
    }

    /** When {@code name} was last cloned or fetched by this instance. */
    public Optional<Instant> lastFetched(String name) {
        return Optional.ofNullable(fetched.get(name));
    }

    /**
     * Opens the repository of {@code name} at {@code location}: a local path as it is; a URL from its bare clone,
     * cloning it first when there is none yet (later fetches are {@link #fetch}'s, on the caller's schedule).
     * The caller closes the repository.
     */
    public Repository open(String name, String location) throws RepositoryException {
        Path dir = isRemote(location) ? cloneDir(checkName(name)) : Path.of(location);
        if (isRemote(location) && !Files.isDirectory(dir)) {
            fetch(name, location);
        }
        try {
            return Attributor.open(dir.toFile());
        } catch (IOException e) {
            throw new RepositoryException("repository '" + name + "' cannot be opened: " + e.getMessage(), e);
        }
    }

    /** Clones {@code url} bare for {@code name} when not there yet, else fetches it; returns the clone's directory. */
    public Path fetch(String name, String url) throws RepositoryException {
        checkName(name);
        if (!isRemote(url)) {
            throw new RepositoryException("repository '" + name + "': '" + url + "' is a local path; only URLs are fetched", null);
        }
        synchronized (locks.computeIfAbsent(name, k -> new Object())) {
            Path dir = cloneDir(name);
            try {
                if (Files.isDirectory(dir)) {
                    try (Git git = Git.open(dir.toFile())) {
                        FetchCommand fetch = git.fetch().setRemote("origin").setRemoveDeletedRefs(true)
                                .setTimeout(seconds());
                        if (settings.shallowSince() != null) {
                            fetch.setShallowSince(since());
                        }
                        fetch.call();
                    }
                } else {
                    cloneInto(url, dir);
                }
            } catch (GitAPIException | IOException | RuntimeException e) {
                throw new RepositoryException("repository '" + name + "' (" + url + ") could not be "
                        + (Files.isDirectory(dir) ? "fetched" : "cloned") + ": " + reason(e)
                        + "; check the URL and that this host can reach it" , e);
            }
            fetched.put(name, clock.instant());
            return dir;
        }
    }

    private void cloneInto(String url, Path dir) throws GitAPIException, IOException {
        Files.createDirectories(dir.getParent());
        Path partial = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".partial-");
        try {
            CloneCommand clone = Git.cloneRepository().setURI(url).setDirectory(partial.toFile()).setBare(true)
                    .setTimeout(seconds());
            if (settings.shallowSince() != null) {
                clone.setShallowSince(since());
            }
            clone.call().close();
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(partial);
        }
    }

    private java.time.OffsetDateTime since() {
        return clock.instant().minus(settings.shallowSince()).atOffset(ZoneOffset.UTC);
    }

    private int seconds() {
        return (int) Math.max(1, settings.timeout().toSeconds());
    }

    private static String checkName(String name) throws RepositoryException {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new RepositoryException("repository name '" + name + "' is not usable as a directory name: use letters, "
                    + "digits, '.', '_' and '-' (up to 100), starting with a letter or digit", null);
        }
        return name;
    }

    /** The innermost message: JGit wraps the transport's reason ("connection refused") in generic ones. */
    private static String reason(Throwable e) {
        String message = e.getMessage();
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                message = c.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
