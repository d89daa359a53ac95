package io.smokegate.gomod;

import static io.smokegate.gomod.ModuleFiles.MAX_GO_MOD;
import static io.smokegate.gomod.ModuleFiles.MAX_LICENSE;
import static io.smokegate.gomod.ModuleFiles.MAX_ZIP_FILE;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds module zips the way golang.org/x/mod/zip.CreateFromDir does, so that a test proxy serves
 * what a real one would and the hashes match sum.golang.org's rules.
 */
public final class ModuleZipWriter {

    /** Zips keep timestamps; a fixed one makes the same tree give the same bytes anywhere, in any time zone. */
    private static final LocalDateTime TIMESTAMP = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final Set<String> VCS_DIRECTORIES = Set.of(".bzr", ".git", ".hg", ".svn");

    /** A file that belongs in the zip: its name relative to the module root, and where it is. */
    private record ModuleFile(String name, Path file, long size) {
    }

    private ModuleZipWriter() {
    }

    /**
     * Writes the module in {@code dir}: VCS directories, nested modules, vendored packages (by the
     * root go.mod's go version), {@code .hg_archival.txt}, symbolic links and other irregular files
     * are left out; each remaining file is named {@code module@version/path}. {@code out} is not closed.
     *
     * @throws InvalidModuleException when the go command would refuse to create the zip, listing every offending file
     */
    public static void writeFromDirectory(Path dir, String modulePath, String version, OutputStream out)
            throws IOException, InvalidModuleException {
        String prefix = modulePath + "@" + version + "/";
        try (ZipOutputStream zip = zip(out)) {
            for (ModuleFile f : moduleFiles(dir, modulePath, version)) {
                zip.putNextEntry(entry(prefix + f.name()));
                Files.copy(f.file(), zip);
                zip.closeEntry();
            }
        }
    }

    /**
     * Writes exactly the given files, in the map's order, under {@code module@version/}, without any
     * checks or exclusions, so tests can build broken zips as easily as good ones. A name ending in
     * {@code /} becomes a directory entry. {@code out} is not closed.
     */
    public static void write(Map<String, byte[]> files, String modulePath, String version, OutputStream out) throws IOException {
        String prefix = modulePath + "@" + version + "/";
        try (ZipOutputStream zip = zip(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(entry(prefix + f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
    }

    /** The go.sum {@code h1:} hash of the zip {@link #writeFromDirectory} would write, without writing it. */
    public static String hashDirectory(Path dir, String modulePath, String version) throws IOException, InvalidModuleException {
        String prefix = modulePath + "@" + version + "/";
        List<DirHash.FileDigest> digests = new ArrayList<>();
        MessageDigest sha256 = DirHash.sha256();
        for (ModuleFile f : moduleFiles(dir, modulePath, version)) {
            try (InputStream in = new DigestInputStream(Files.newInputStream(f.file()), sha256)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            digests.add(new DirHash.FileDigest(prefix + f.name(), sha256.digest()));
        }
        return DirHash.hash1(digests);
    }

    /** listFilesInDir followed by checkFiles: what goes into the zip, or why no zip can be made. */
    private static List<ModuleFile> moduleFiles(Path dir, String modulePath, String version)
            throws IOException, InvalidModuleException {
        ModuleVersions.check(modulePath, version);
        Path goMod = dir.resolve("go.mod");
        Optional<String> goVersion = Files.isRegularFile(goMod) && Files.size(goMod) <= MAX_GO_MOD
                ? GoMod.goVersion(Files.readAllBytes(goMod)) : Optional.empty();
        boolean go124 = GoMod.atLeastGo124(goVersion);
        List<ModuleFile> candidates = new ArrayList<>();
        walk(dir, "", candidates);
        Set<String> moduleDirectories = moduleDirectories(candidates);
        List<ModuleFile> valid = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        CollisionChecker collisions = new CollisionChecker();
        long room = MAX_ZIP_FILE;
        boolean tooLarge = false;
        for (ModuleFile f : candidates) {
            String name = f.name();
            if (ModuleFiles.isVendoredPackage(name, go124) || inNestedModule(name, moduleDirectories)
                    || name.equals(".hg_archival.txt")) {
                continue;
            }
            String problem = ModulePaths.filePathError(name);
            if (problem == null && name.toLowerCase(Locale.ROOT).equals("go.mod") && !name.equals("go.mod")) {
                problem = ModuleFiles.GO_MOD_CASE;
            }
            if (problem == null) {
                problem = collisions.check(name, false);
            }
            if (problem == null) {
                if (f.size() <= room) {
                    room -= f.size();
                } else {
                    tooLarge = true;
                }
                if (name.equals("go.mod") && f.size() > MAX_GO_MOD) {
                    problem = ModuleFiles.GO_MOD_TOO_LARGE;
                } else if (name.equals("LICENSE") && f.size() > MAX_LICENSE) {
                    problem = ModuleFiles.LICENSE_TOO_LARGE;
                }
            }
            if (problem == null) {
                valid.add(f);
            } else {
                invalid.add(name + ": " + problem);
            }
        }
        if (tooLarge) {
            throw new InvalidModuleException("module source tree too large (max size is " + MAX_ZIP_FILE + " bytes)");
        }
        if (!invalid.isEmpty()) {
            throw new InvalidModuleException(String.join("\n", invalid));
        }
        return valid;
    }

    /**
     * Depth first with each directory's entries in byte order, the order of Go's filepath.Walk, so
     * the zip's layout is deterministic. Links are not followed: they and other irregular files are
     * left out, as are VCS directories and directories holding a nested module's go.mod.
     */
    private static void walk(Path dir, String relative, List<ModuleFile> out) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        children.sort((a, b) -> Arrays.compareUnsigned(utf8(a.getFileName().toString()), utf8(b.getFileName().toString())));
        for (Path child : children) {
            String fileName = child.getFileName().toString();
            String name = relative.isEmpty() ? fileName : relative + "/" + fileName;
            BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isDirectory()) {
                Path nestedGoMod = child.resolve("go.mod");
                boolean nestedModule = Files.exists(nestedGoMod, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(nestedGoMod, LinkOption.NOFOLLOW_LINKS);
                if (!VCS_DIRECTORIES.contains(fileName) && !nestedModule) {
                    walk(child, name, out);
                }
            } else if (attributes.isRegularFile()) {
                out.add(new ModuleFile(name, child, attributes.size()));
            }
        }
    }

    /**
     * Directories holding a go.mod in any case ({@code dir/}, or empty for the root): the walk only
     * skipped those with an exact {@code go.mod}, but the go command treats {@code GO.MOD} alike.
     */
    private static Set<String> moduleDirectories(List<ModuleFile> files) {
        Set<String> directories = new HashSet<>();
        for (ModuleFile f : files) {
            int slash = f.name().lastIndexOf('/');
            if (f.name().substring(slash + 1).equalsIgnoreCase("go.mod")) {
                directories.add(f.name().substring(0, slash + 1));
            }
        }
        return directories;
    }

    private static boolean inNestedModule(String name, Set<String> moduleDirectories) {
        for (int slash = name.lastIndexOf('/'); slash >= 0; slash = name.lastIndexOf('/', slash - 1)) {
            if (moduleDirectories.contains(name.substring(0, slash + 1))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(TIMESTAMP);
        return entry;
    }

    /** A zip stream whose close finishes the zip and frees the deflater but leaves the caller's stream open. */
    private static ZipOutputStream zip(OutputStream out) {
        return new ZipOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        });
    }
}
