package io.smokegate.attribution;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The commits that may have caused an alert: those the suspect deploy (the service's latest deploy at or before
 * the alert started) brought over the previous one, as {@code git log previous..suspect}; without a deploy marker,
 * the commits of a window before the alert. {@code missingCommit} names a deployed commit the repository lacks.
 */
public record CommitRange(
        Optional<DeployMarker> deploy,
        Optional<DeployMarker> previous,
        Instant from,
        Instant to,
        List<RevCommit> commits,
        boolean truncated,
        Optional<String> missingCommit,
        List<String> notes) {

    public CommitRange {
        commits = List.copyOf(commits);
        notes = List.copyOf(notes);
    }

    /** Finds the range; blocking (reads the repository). */
    static CommitRange find(Repository repo, RevWalk walk, List<DeployMarker> markers, String service, Instant startsAt,
            Limits limits) throws IOException {
        List<DeployMarker> before = markers.stream()
                // A marker without a commit (a ReplicaSet rollout) dates a deploy but cannot bound a range.
                .filter(m -> m.service().equals(service) && m.commit() != null && !m.time().isAfter(startsAt))
                .sorted(Comparator.comparing(DeployMarker::time)).toList();
        List<String> notes = new ArrayList<>();
        if (before.isEmpty()) {
            Instant from = startsAt.minus(limits.window());
            notes.add("no deploy marker for service " + service + " at or before the alert started; the candidates are the"
                    + " commits of the " + hours(limits) + " before it on HEAD");
            ObjectId head = repo.resolve("HEAD^{commit}");
            if (head == null) {
                notes.add("the repository has no HEAD commit");
                return new CommitRange(Optional.empty(), Optional.empty(), from, startsAt, List.of(), false,
                        Optional.empty(), notes);
            }
            return window(walk, walk.parseCommit(head), from, startsAt, limits, Optional.empty(), notes);
        }
        DeployMarker deploy = before.getLast();
        // A redeploy of the same commit brings nothing new: the range starts at the last deploy of another commit.
        Optional<DeployMarker> previous = before.reversed().stream()
                .filter(m -> !m.commit().equals(deploy.commit())).findFirst();
        Optional<RevCommit> deployed = commit(repo, walk, deploy.commit());
        if (deployed.isEmpty()) {
            return new CommitRange(Optional.of(deploy), previous, previous.map(DeployMarker::time).orElse(deploy.time()),
                    deploy.time(), List.of(), false, Optional.of(deploy.commit()), notes);
        }
        if (previous.isEmpty()) {
            Instant from = deploy.time().minus(limits.window());
            notes.add("no earlier deploy of service " + service + "; the candidates are the commits of the "
                    + hours(limits) + " before the deploy");
            return window(walk, deployed.get(), from, deploy.time(), limits, Optional.of(deploy), notes);
        }
        Optional<RevCommit> before0 = commit(repo, walk, previous.get().commit());
        if (before0.isEmpty()) {
            return new CommitRange(Optional.of(deploy), previous, previous.get().time(), deploy.time(), List.of(), false,
                    Optional.of(previous.get().commit()), notes);
        }
        walk.reset();
        walk.sort(RevSort.TOPO);
        walk.sort(RevSort.COMMIT_TIME_DESC, true);
        walk.markStart(deployed.get());
        walk.markUninteresting(before0.get());
        List<RevCommit> commits = new ArrayList<>();
        boolean truncated = false;
        for (RevCommit c : walk) {
            if (commits.size() == limits.maxCommits()) {
                truncated = true;
                break;
            }
            commits.add(c);
        }
        if (truncated) {
            notes.add("the range holds more than " + limits.maxCommits() + " commits; only the newest "
                    + limits.maxCommits() + " were ranked");
        }
        return new CommitRange(Optional.of(deploy), previous, previous.get().time(), deploy.time(), commits, truncated,
                Optional.empty(), notes);
    }

    private static CommitRange window(RevWalk walk, RevCommit start, Instant from, Instant to, Limits limits,
            Optional<DeployMarker> deploy, List<String> notes) throws IOException {
        walk.reset();
        walk.sort(RevSort.COMMIT_TIME_DESC);
        walk.markStart(start);
        List<RevCommit> commits = new ArrayList<>();
        boolean truncated = false;
        for (RevCommit c : walk) {
            Instant t = c.getCommitterIdent().getWhenAsInstant();
            if (t.isAfter(to)) {
                continue;
            }
            if (t.isBefore(from)) {
                break;
            }
            if (commits.size() == limits.maxCommits()) {
                truncated = true;
                notes.add("the window holds more than " + limits.maxCommits() + " commits; only the newest were ranked");
                break;
            }
            commits.add(c);
        }
        return new CommitRange(deploy, Optional.empty(), from, to, commits, truncated, Optional.empty(), notes);
    }

    private static Optional<RevCommit> commit(Repository repo, RevWalk walk, String id) throws IOException {
        try {
            ObjectId resolved = repo.resolve(id + "^{commit}");
            return resolved == null ? Optional.empty() : Optional.of(walk.parseCommit(resolved));
        } catch (MissingObjectException | RevisionSyntaxException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            return Optional.empty();
        }
    }

    private static String hours(Limits limits) {
        long h = limits.window().toHours();
        return h == 1 ? "hour" : h + " hours";
    }
}
