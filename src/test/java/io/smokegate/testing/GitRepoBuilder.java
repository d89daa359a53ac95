package io.smokegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/** A Git repository a test builds commit by commit, with the author and commit times it chooses. */
public final class GitRepoBuilder implements AutoCloseable {

    private final Git git;
    private final Path dir;

    private GitRepoBuilder(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    public static GitRepoBuilder init(Path dir) {
        try {
            return new GitRepoBuilder(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public GitRepoBuilder write(String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits every change in the working tree; returns the commit id. */
    public String commit(String message, Instant time) {
        try {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Dev Eloper", "dev@example.com", time, ZoneOffset.UTC);
            return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setAllowEmpty(true).call().name();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void branch(String name, boolean create) {
        try {
            git.checkout().setName(name).setCreateBranch(create).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Merges a branch into the current one with a merge commit (no fast-forward), as a pull request merge does. */
    public String merge(String branch, String message, Instant time) {
        try {
            ObjectId head = git.getRepository().resolve(branch);
            git.merge().include(head).setFastForward(MergeCommand.FastForwardMode.NO_FF).setCommit(false).call();
            return commit(message, time);
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void setOrigin(String url) {
        try {
            var config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", url);
            config.save();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
