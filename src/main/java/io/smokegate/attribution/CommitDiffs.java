package io.smokegate.attribution;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Reads a commit's changes against its first parent, within a byte budget per commit; binary files are not diffed. */
final class CommitDiffs {

    private static final DiffAlgorithm ALGORITHM = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);

    private final ObjectReader reader;
    private final long maxBytes;

    CommitDiffs(ObjectReader reader, long maxBytes) {
        this.reader = reader;
        this.maxBytes = maxBytes;
    }

    Candidate read(RevCommit commit) throws IOException {
        List<FileChange> files = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.setRecursive(true);
            if (commit.getParentCount() == 0) {
                walk.addTree(new EmptyTreeIterator());
            } else {
                walk.addTree(commit.getParent(0).getTree());
            }
            walk.addTree(commit.getTree());
            walk.setFilter(TreeFilter.ANY_DIFF);
            long budget = maxBytes;
            for (DiffEntry entry : DiffEntry.scan(walk)) {
                String path = entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
                long size = size(entry.getOldId()) + size(entry.getNewId());
                if (size > budget) {
                    files.add(new FileChange(path, false, List.of(), List.of()));
                    continue;
                }
                budget -= size;
                files.add(diff(path, entry));
            }
        }
        PersonIdent author = commit.getAuthorIdent();
        List<String> parents = new ArrayList<>();
        for (RevCommit p : commit.getParents()) {
            parents.add(p.name());
        }
        return new Candidate(commit.name(), parents, author.getName() + " <" + author.getEmailAddress() + ">",
                author.getWhenAsInstant(), commit.getShortMessage(), commit.getFullMessage(), files);
    }

    private long size(AbbreviatedObjectId id) throws IOException {
        return id.toObjectId().equals(org.eclipse.jgit.lib.ObjectId.zeroId()) ? 0 : reader.getObjectSize(id.toObjectId(), ObjectReader.OBJ_ANY);
    }

    private byte[] bytes(AbbreviatedObjectId id) throws IOException {
        if (id.toObjectId().equals(org.eclipse.jgit.lib.ObjectId.zeroId())) {
            return new byte[0];
        }
        ObjectLoader loader = reader.open(id.toObjectId());
        return loader.getCachedBytes();
    }

    private FileChange diff(String path, DiffEntry entry) throws IOException {
        byte[] a = bytes(entry.getOldId());
        byte[] b = bytes(entry.getNewId());
        if (RawText.isBinary(a) || RawText.isBinary(b)) {
            return new FileChange(path, false, List.of(), List.of());
        }
        RawText oldText = new RawText(a);
        RawText newText = new RawText(b);
        EditList edits = ALGORITHM.diff(RawTextComparator.DEFAULT, oldText, newText);
        List<FileChange.Line> added = new ArrayList<>();
        List<FileChange.Line> removed = new ArrayList<>();
        for (Edit edit : edits) {
            for (int i = edit.getBeginA(); i < edit.getEndA(); i++) {
                removed.add(new FileChange.Line(i + 1, oldText.getString(i)));
            }
            for (int i = edit.getBeginB(); i < edit.getEndB(); i++) {
                added.add(new FileChange.Line(i + 1, newText.getString(i)));
            }
        }
        return new FileChange(path, true, added, removed);
    }

}
