package io.smokegate.techdebt;

import io.smokegate.input.ByteSizes;
import io.smokegate.input.Position;
import io.smokegate.input.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Manifest files in directories (a Git working tree or any directory): every {@code *.yaml}, {@code *.yml} and
 * {@code *.json} file below each root, {@code .git} directories left out, judged object by object.
 *
 * <p>Nothing in a scanned tree can crash or stall the scan; what is not scanned is reported as skipped, with why:
 * files over the size limit, binary or non-UTF-8 files, text that is not YAML (templates), YAML bombs (the limits
 * of {@link io.smokegate.input.SafeYaml}), symbolic links that leave the root, loop or dangle, unreadable
 * directories, trees deeper or larger than the limits. Symbolic links are never followed: a link to a file or
 * directory inside the root is scanned at its own path, once. A file without the word {@code apiVersion} holds no
 * Kubernetes object and is not parsed.
 */
public final class ManifestFiles implements TechDebtSource {

    public static final String SOURCE = "file";
    /** Figure: YAML and JSON files read. */
    public static final String FILES_SCANNED = "manifestFilesScanned";

    /**
     * @param maxFileBytes larger files are skipped (CRD bundles of several MiB are common; 16 MiB is no manifest)
     * @param maxFiles     the scan stops after this many manifest files per root
     * @param maxDepth     directories deeper than this are skipped
     * @param threads      files parsed at once
     */
    public record Limits(long maxFileBytes, int maxFiles, int maxDepth, int threads) {
        public static Limits defaults() {
            return new Limits(16L * 1024 * 1024, 200_000, 64, Math.min(4, Runtime.getRuntime().availableProcessors()));
        }
    }

    private record Candidate(Path path, String display, long size) {
    }

    private record FileResult(List<DeprecatedApiFinding> found, Skipped skipped) {
    }

    private final List<Path> roots;
    private final Limits limits;

    /** Scans {@code roots}, each named in results as given (e.g. {@code manifests/app/deploy.yaml} for root {@code manifests}). */
    public ManifestFiles(List<Path> roots, Limits limits) {
        this.roots = List.copyOf(roots);
        this.limits = Objects.requireNonNull(limits);
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public SourceResult scan(DeprecatedApis table, TargetVersions targets) {
        List<Candidate> candidates = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path root : roots) {
            walk(root, candidates, skipped);
        }
        candidates.sort(java.util.Comparator.comparing(Candidate::display));
        List<DeprecatedApiFinding> found = new ArrayList<>();
        Manifests manifests = new Manifests(limits.maxFileBytes());
        try (ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, limits.threads()), r -> {
            Thread t = new Thread(r, "techdebt-files");
            t.setDaemon(true);
            return t;
        })) {
            List<Future<FileResult>> results = new ArrayList<>(candidates.size());
            for (Candidate c : candidates) {
                results.add(threads.submit(() -> read(c, manifests, table, targets)));
            }
            for (Future<FileResult> result : results) {
                FileResult r = result.get();
                found.addAll(r.found());
                if (r.skipped() != null) {
                    skipped.add(r.skipped());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            skipped.add(new Skipped(SOURCE, "the scan was interrupted before every file was read"));
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading a manifest failed unexpectedly", e.getCause());
        }
        skipped.sort(java.util.Comparator.comparing(Skipped::reason));
        return SourceResult.ofDeprecatedApis(found, skipped, Map.of(FILES_SCANNED, (long) candidates.size()));
    }

    private void walk(Path given, List<Candidate> candidates, List<Skipped> skipped) {
        Path root;
        try {
            root = given.toRealPath();
        } catch (IOException e) {
            skipped.add(skip(given.toString(), "cannot read the directory: " + reason(e)));
            return;
        }
        int before = candidates.size();
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), limits.maxDepth(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && dir.getFileName().toString().equals(".git")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String display = display(given, root, file);
                    if (attrs.isSymbolicLink()) {
                        link(root, file, display, skipped);
                    } else if (attrs.isDirectory()) {
                        skipped.add(skip(display, "deeper than " + limits.maxDepth() + " directories; not scanned"));
                    } else if (attrs.isRegularFile() && isManifestName(file)) {
                        if (candidates.size() - before >= limits.maxFiles()) {
                            skipped.add(skip(given.toString(), "more than " + limits.maxFiles()
                                    + " manifest files; the scan stopped there"));
                            return FileVisitResult.TERMINATE;
                        }
                        candidates.add(new Candidate(file, display, attrs.size()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    skipped.add(skip(display(given, root, file), "cannot read: " + reason(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            skipped.add(skip(given.toString(), "cannot read the directory: " + reason(e)));
        }
    }

    /** Judges a link without following it; only links that hide something from the scan are reported. */
    private static void link(Path root, Path link, String display, List<Skipped> skipped) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (NoSuchFileException e) {
            if (isManifestName(link)) {
                skipped.add(skip(display, "broken symbolic link; not scanned"));
            }
            return;
        } catch (FileSystemException e) {
            // ELOOP: links that point at each other (the JDK's wording of it differs between versions)
            skipped.add(skip(display, "symbolic link loop: links that point at each other; not followed"));
            return;
        } catch (IOException e) {
            skipped.add(skip(display, "cannot resolve the symbolic link: " + reason(e)));
            return;
        }
        boolean directory = Files.isDirectory(target);
        if (!target.startsWith(root)) {
            if (directory || isManifestName(link)) {
                skipped.add(skip(display, "symbolic link to a path outside the scanned directory; not followed"));
            }
        } else if (directory && link.getParent().startsWith(target)) {
            skipped.add(skip(display, "symbolic link loop: it points to a directory that contains it; not followed"));
        }
        // else: the target is inside the root, and scanned at its own path
    }

    private FileResult read(Candidate c, Manifests manifests, DeprecatedApis table, TargetVersions targets) {
        if (c.size() > limits.maxFileBytes()) {
            return skipped(c, tooLarge(c.size()));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(c.path(), LinkOption.NOFOLLOW_LINKS)) {
            // the file may have grown since the walk: never read more than the limit
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
        } catch (IOException e) {
            return skipped(c, "cannot read: " + reason(e));
        }
        if (bytes.length > limits.maxFileBytes()) {
            return skipped(c, tooLarge(bytes.length));
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return skipped(c, "binary file (a NUL byte at offset " + i + "); not scanned");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return skipped(c, "not UTF-8 text; not scanned");
        }
        if (!text.contains("apiVersion")) {
            return new FileResult(List.of(), null);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (c.display().toLowerCase(Locale.ROOT).endsWith(".json")) {
            // JSON is read as YAML, which refuses tabs as indentation; a raw tab inside a JSON string is invalid
            // JSON, so every tab of a JSON file is whitespace and a space in its place keeps lines and columns.
            text = text.replace('\t', ' ');
        }
        Manifests.Read read = manifests.read(c.display(), text);
        List<DeprecatedApiFinding> found = new ArrayList<>();
        for (ManifestObject object : read.objects()) {
            table.lookup(object.apiVersion(), object.kind()).ifPresent(api -> targets.status(api).ifPresent(status ->
                    found.add(DeprecatedApiFinding.of(SOURCE, c.display(), object, api, status))));
        }
        return new FileResult(found, read.stopped() == null ? null : new Skipped(SOURCE, read.stopped().format()));
    }

    private String tooLarge(long size) {
        return "file is " + ByteSizes.format(size) + ", larger than the limit of " + ByteSizes.format(limits.maxFileBytes())
                + "; not scanned";
    }

    private static FileResult skipped(Candidate c, String why) {
        return new FileResult(List.of(), skip(c.display(), why));
    }

    private static Skipped skip(String display, String why) {
        return new Skipped(SOURCE, Problem.at(Position.of(display), why).format());
    }

    private static String display(Path given, Path root, Path file) {
        return given.resolve(root.relativize(file)).toString();
    }

    static boolean isManifestName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /** An I/O failure in words, without the path the message already names. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
