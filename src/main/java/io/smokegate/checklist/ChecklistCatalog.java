package io.smokegate.checklist;

import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Position;
import io.smokegate.input.Problem;
import io.smokegate.input.SafeYaml;
import io.smokegate.slo.KeptnSlo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checklists the service may run: every {@code *.yaml}/{@code *.yml} file of one directory, by
 * {@code metadata.name}, except SLO files ({@code *.slo.yaml}, and Keptn's SLO and SLI files, whose top level
 * names {@code spec_version}) that checklists refer to. Files are re-read
 * only when they or the SLO file they name change (broken ones at every listing), and a broken file is listed
 * with its problems instead of hiding the others. Only these can run through the API: callers cannot send
 * targets of their own (no server-side request forgery through smokegate). A symbolic link is followed only
 * when it leads to a file inside the directory, so the listing cannot be made to show another file's lines.
 */
public final class ChecklistCatalog {

    static final int MAX_FILES = 1000;

    /** One file of the directory: its checklist, or why it could not be loaded. */
    public record Entry(Path file, Checklist checklist, List<Problem> problems) {
        public boolean valid() {
            return checklist != null;
        }
    }

    /** When a file was last seen and where it led, to tell whether it changed (a link may be pointed elsewhere). */
    private record Stamp(Path file, Path real, long modified, long size) {
        static Stamp of(Path file) {
            try {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(file, file.toRealPath(), attrs.lastModifiedTime().toMillis(), attrs.size());
            } catch (IOException gone) {
                return new Stamp(file, null, -1, -1);
            }
        }
    }

    /** A loaded entry (null: one of Keptn's files) and the stamps of every file it was read from. */
    private record Cached(List<Stamp> stamps, Entry entry) {
        boolean current() {
            return stamps.stream().allMatch(s -> s.equals(Stamp.of(s.file())));
        }
    }

    private final Path directory;
    private final ChecklistLoader loader;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();
    private final SafeYaml yaml = new SafeYaml();

    public ChecklistCatalog(Path directory, ChecklistLoader loader) {
        this.directory = directory;
        this.loader = loader;
    }

    public Path directory() {
        return directory;
    }

    /** Every file, sorted by name; a name used by two files makes the later file invalid. */
    public synchronized List<Entry> entries() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.{yaml,yml}")) {
            for (Path f : stream) {
                String name = f.getFileName().toString();
                if (!name.startsWith(".") && !name.matches(".*\\.slo\\.ya?ml") && Files.isRegularFile(f)) {
                    files.add(f);
                }
                if (files.size() > MAX_FILES) {
                    throw new IOException("more than " + MAX_FILES + " checklist files in " + directory);
                }
            }
        }
        files.sort(Comparator.comparing(Path::toString));
        cache.keySet().retainAll(files);
        Map<String, Entry> byName = new LinkedHashMap<>();
        List<Entry> out = new ArrayList<>();
        for (Path f : files) {
            Entry e = load(f);
            if (e == null) {
                continue;
            }
            if (e.valid()) {
                Entry first = byName.putIfAbsent(e.checklist().name(), e);
                if (first != null) {
                    e = new Entry(f, null, List.of(Problem.at(Position.of(f.toString()),
                            "checklist name '" + e.checklist().name() + "' is already used by " + first.file())));
                }
            }
            out.add(e);
        }
        return out;
    }

    public Optional<Checklist> find(String name) throws IOException {
        return entries().stream().filter(Entry::valid).map(Entry::checklist).filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * Whether a file that is no checklist is one of Keptn's quality-gate files (its top level names
     * {@code spec_version}), which checklists name in {@code spec.slo} like {@code *.slo.yaml} files.
     */
    private boolean keptnFile(Path file) {
        try {
            return KeptnSlo.isKeptn(yaml.read(ChecklistLoader.realPathWithin(file, directory), file.toString()));
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** The file's entry; null for one of Keptn's files, which is no checklist (read again once it changes). */
    private Entry load(Path file) {
        Cached cached = cache.get(file);
        if (cached != null && cached.current()) {
            return cached.entry();
        }
        List<Stamp> stamps = new ArrayList<>(List.of(Stamp.of(file)));
        try {
            // A file of the directory may be a link to another of its files, not to one outside it.
            Checklist checklist = loader.load(file, ChecklistLoader.realPathWithin(file, directory), Map.of());
            checklist.includes().forEach(f -> stamps.add(Stamp.of(f)));
            Entry entry = new Entry(file, checklist, List.of());
            cache.put(file, new Cached(stamps, entry));
            return entry;
        } catch (InvalidInputException e) {
            if (keptnFile(file)) {
                cache.put(file, new Cached(stamps, null));
                return null;
            }
            // Not cached: the problem may be an SLO file that is missing now and appears later.
            cache.remove(file);
            return new Entry(file, null, e.problems());
        }
    }
}
