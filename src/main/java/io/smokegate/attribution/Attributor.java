package io.smokegate.attribution;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Attributes one alert to commits of one local repository; blocking (JGit), so never on an event loop. */
public final class Attributor {

    private final Limits limits;
    private final List<String> serviceLabels;
    private final CandidateCache analysed = new CandidateCache(CandidateCache.DEFAULT_BYTES);

    /** One per process is enough: what it learns of each commit serves every later attribution (see {@link CandidateCache}). */
    public Attributor(Limits limits, List<String> serviceLabels) {
        this.limits = limits;
        this.serviceLabels = List.copyOf(serviceLabels);
    }

    /** Opens a working tree or a bare repository; the exception's message says what is wrong with the directory. */
    public static Repository open(File dir) throws IOException {
        if (!dir.isDirectory()) {
            throw new IOException(dir + ": no such directory");
        }
        File dotGit = new File(dir, ".git");
        try {
            Repository repo = new FileRepositoryBuilder().setMustExist(true).setGitDir(dotGit.exists() ? dotGit : dir).build();
            if (!repo.getObjectDatabase().exists()) {
                repo.close();
                throw new RepositoryNotFoundException(dir);
            }
            return repo;
        } catch (RepositoryNotFoundException | IllegalArgumentException e) {
            throw new IOException(dir + ": not a Git repository (neither a working tree nor a bare repository)");
        }
    }

    /** Links from the {@code origin} remote when it is an https GitHub or GitLab URL. */
    public static Optional<RepoLinks> originLinks(Repository repo) {
        String url = repo.getConfig().getString("remote", "origin", "url");
        return url == null ? Optional.empty() : RepoLinks.ofRemote(url);
    }

    public Attribution attribute(Repository repo, AlertInput alert, List<DeployMarker> markers, List<String> paths,
            Optional<RepoLinks> links, int top) throws IOException {
        Optional<String> service = alert.service(serviceLabels);
        if (service.isEmpty()) {
            return new Attribution(alert, service, Attribution.Deploy.NONE,
                    new Attribution.Window(Optional.empty(), Optional.empty(), 0), List.of(), Attribution.Confidence.NONE,
                    "the alert names no service: it has none of the labels " + String.join(", ", serviceLabels));
        }
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            CommitRange range = CommitRange.find(repo, walk, markers, service.get(), alert.startsAt(), limits);
            Attribution.Deploy deploy = new Attribution.Deploy(range.deploy().map(DeployMarker::commit),
                    range.deploy().map(DeployMarker::time), range.previous().map(DeployMarker::commit));
            List<String> notes = new ArrayList<>(range.notes());
            if (range.missingCommit().isPresent()) {
                notes.add("deployed commit " + range.missingCommit().get() + " is not in the repository (force-push?)");
                return new Attribution(alert, service, deploy, new Attribution.Window(Optional.of(range.from()),
                        Optional.of(range.to()), 0), List.of(), Attribution.Confidence.NONE, String.join("; ", notes));
            }
            CommitDiffs diffs = new CommitDiffs(reader, limits.maxDiffBytes());
            List<Candidate> candidates = new ArrayList<>();
            Map<String, Integer> pullRequests = new HashMap<>();
            for (RevCommit c : range.commits()) {
                walk.parseBody(c);
                if (c.getParentCount() > 1) {
                    // A merge's own diff repeats its branch's commits; its pull request number names them instead.
                    PullRequests.number(c.getFullMessage()).ifPresent(n -> mergedBy(walk, c, n, pullRequests));
                    continue;
                }
                candidates.add(analysed.get(c.name(), () -> diffs.read(c)));
            }
            Ranker ranker = new Ranker(paths, links);
            List<Suspect> ranked = ranker.rank(candidates, pullRequests, alert, service,
                    range.deploy().map(DeployMarker::time).orElse(alert.startsAt()), range.deploy().isPresent());
            Attribution.Confidence confidence = Ranker.confidence(ranked, range.deploy().isPresent());
            if (candidates.isEmpty()) {
                notes.add(range.deploy().isPresent() ? "the deploy brought no commits over the previous one"
                        : "no commits in the window");
            }
            if (paths.isEmpty()) {
                notes.add("no paths map service " + service.get() + " to files (give --paths); ranked without ownership");
            }
            return new Attribution(alert, service, deploy, new Attribution.Window(Optional.of(range.from()),
                    Optional.of(range.to()), range.commits().size()), ranked.subList(0, Math.min(top, ranked.size())),
                    confidence, String.join("; ", notes));
        }
    }

    /** The commits a merge brought in (reachable from its second parent, not its first), bounded by the limits. */
    private void mergedBy(RevWalk outer, RevCommit merge, int number, Map<String, Integer> pullRequests) {
        try (RevWalk walk = new RevWalk(outer.getObjectReader())) {
            walk.markStart(walk.parseCommit(merge.getParent(1)));
            walk.markUninteresting(walk.parseCommit(merge.getParent(0)));
            int n = 0;
            for (RevCommit c : walk) {
                if (n++ == limits.maxCommits()) {
                    break;
                }
                pullRequests.putIfAbsent(c.name(), number);
            }
        } catch (IOException e) {
            // A broken merge parent only loses the pull request link; the ranking stands.
        }
    }
}
