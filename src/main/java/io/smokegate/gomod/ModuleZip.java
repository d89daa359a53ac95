package io.smokegate.gomod;

import static io.smokegate.gomod.GoText.quote;
import static io.smokegate.gomod.ModuleFiles.MAX_GO_MOD;
import static io.smokegate.gomod.ModuleFiles.MAX_LICENSE;
import static io.smokegate.gomod.ModuleFiles.MAX_ZIP_FILE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a module zip on disk as a proxy served it: every rule the go command enforces when it
 * downloads and extracts one (golang.org/x/mod/zip CheckZip and Unzip), plus the checks that stop a
 * hostile zip from costing more than its declared sizes, and its {@code h1:} hash as dirhash.HashZip
 * computes it. File data is streamed; memory does not grow with the zip's size.
 */
public final class ModuleZip {

    /** Longer names cannot be extracted on Linux (PATH_MAX), and capping them bounds what a directory can make us hold. */
    static final int MAX_NAME_BYTES = 4096;

    private static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;
    private static final int LOCAL_HEADER_LENGTH = 30;
    private static final int UNIX = 3;
    private static final int MAC_OS_X = 19;
    private static final int S_IFMT = 0xF000;
    private static final int S_IFDIR = 0x4000;
    private static final int S_IFREG = 0x8000;
    private static final int S_IFLNK = 0xA000;

    /**
     * @param h1                the go.sum hash of the zip, or null when it could not be computed safely
     *                          (not a zip, declared sizes over the limit, unreadable or inconsistent entry data)
     * @param goMod             the root go.mod's content, or null when there is none or it could not be read
     * @param files             the zip's entries that are not directories
     * @param uncompressedBytes the sum of the uncompressed sizes the central directory declares
     * @param problems          every rule broken, in the go command's words where it has some; empty for a good zip
     */
    public record Verification(String h1, byte[] goMod, int files, long uncompressedBytes, List<String> problems) {
        public Verification {
            problems = List.copyOf(problems);
        }
    }

    private final FileChannel channel;
    private final CentralDirectory directory;
    private final String prefix;
    private final byte[] prefixBytes;
    private final List<String> problems;
    private final CollisionChecker collisions = new CollisionChecker();
    /** Files inside the module that passed the name checks, for the vendor rule once go.mod has been read. */
    private final List<String> moduleFiles = new ArrayList<>();
    private int goModEntry = -1;
    private long moduleBytes;
    private boolean moduleTooLarge;

    private ModuleZip(FileChannel channel, CentralDirectory directory, String prefix, List<String> problems) {
        this.channel = channel;
        this.directory = directory;
        this.prefix = prefix;
        this.prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        this.problems = problems;
    }

    /**
     * @param modulePath the module path, not case-encoded (as it appears inside the zip)
     * @param version    the version, not case-encoded
     * @throws IOException only when the file cannot be read; a malformed zip is a problem in the result
     */
    public static Verification verify(Path zip, String modulePath, String version) throws IOException {
        List<String> problems = new ArrayList<>();
        try {
            ModuleVersions.check(modulePath, version);
        } catch (InvalidModuleException e) {
            problems.add(e.getMessage());
        }
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > MAX_ZIP_FILE) {
                problems.add("module zip file is too large (" + size + " bytes; limit is " + MAX_ZIP_FILE + " bytes)");
                return new Verification(null, null, 0, 0, problems);
            }
            CentralDirectory directory;
            try {
                directory = CentralDirectory.read(channel);
            } catch (ZipFormatException e) {
                problems.add(e.getMessage());
                return new Verification(null, null, 0, 0, problems);
            }
            return new ModuleZip(channel, directory, modulePath + "@" + version + "/", problems).verify();
        }
    }

    private Verification verify() throws IOException {
        List<CentralDirectory.Entry> entries = directory.entries();
        boolean[] readable = new boolean[entries.size()];
        int files = 0;
        long declared = 0;
        for (int i = 0; i < entries.size(); i++) {
            CentralDirectory.Entry entry = entries.get(i);
            readable[i] = checkEntry(i, entry);
            if (!isDirectory(entry.name())) {
                files++;
            }
            declared = saturatedAdd(declared, entry.uncompressedSize());
        }
        byte[][] digests = new byte[entries.size()][];
        byte[] goMod = null;
        // Reading data is only safe while the declared sizes bound the work.
        if (declared > MAX_ZIP_FILE && !moduleTooLarge) {
            // Only entries the module rules skip (directories, names without the prefix) declare that much.
            problems.add("total uncompressed size of zip entries too large (max size is " + MAX_ZIP_FILE + " bytes)");
        } else if (declared <= MAX_ZIP_FILE) {
            try (EntryReader reader = new EntryReader()) {
                ChannelInput input = new ChannelInput(channel, 0, 0, "local file header");
                for (int i = 0; i < entries.size(); i++) {
                    if (!readable[i]) {
                        continue;
                    }
                    EntryReader.Result result = read(reader, input, entries.get(i), i == goModEntry);
                    if (result.problem() != null) {
                        problems.add(result.problem());
                    }
                    digests[i] = result.sha256();
                    if (i == goModEntry) {
                        goMod = result.content();
                    }
                }
            }
        }
        checkVendoredFiles(goMod);
        boolean hashable = Arrays.stream(digests).allMatch(d -> d != null);
        return new Verification(hashable ? hash(entries, digests) : null, goMod, files, declared, problems);
    }

    /** The central-directory rules for one entry; returns whether its data can be read at all. */
    private boolean checkEntry(int index, CentralDirectory.Entry entry) {
        String name = new String(entry.name(), StandardCharsets.UTF_8);
        boolean readable = true;
        if ((entry.flags() & 1) != 0) {
            problem(name, "file is encrypted");
            readable = false;
        }
        if (entry.method() != EntryReader.STORED && entry.method() != EntryReader.DEFLATED) {
            problem(name, "unsupported compression method " + entry.method() + " (module zips use 0, stored, or 8, deflate)");
            readable = false;
        }
        String type = fileTypeProblem(entry);
        if (type != null) {
            problem(name, type);
        }
        if (entry.name().length > MAX_NAME_BYTES) {
            problem(name, "file name is longer than " + MAX_NAME_BYTES + " bytes");
        }
        checkModuleName(index, entry, name);
        return readable;
    }

    /** x/mod/zip checkZip for one entry: prefix, clean and valid name, collisions, go.mod placement, sizes. */
    private void checkModuleName(int index, CentralDirectory.Entry entry, String name) {
        if (!startsWith(entry.name(), prefixBytes)) {
            problem(name, "path does not have prefix " + quote(prefix));
            return;
        }
        byte[] relative = Arrays.copyOfRange(entry.name(), prefixBytes.length, entry.name().length);
        if (relative.length == 0) {
            return;
        }
        boolean isDir = isDirectory(relative);
        if (isDir) {
            relative = Arrays.copyOf(relative, relative.length - 1);
        }
        String path = new String(relative, StandardCharsets.UTF_8);
        if (!GoPath.clean(path).equals(path)) {
            problem(name, "file path is not clean");
            return;
        }
        String invalid = GoText.isValidUtf8(relative) ? ModulePaths.filePathError(path)
                : "malformed file path " + quote(relative) + ": invalid UTF-8";
        if (invalid == null) {
            invalid = collisions.check(path, isDir);
        }
        if (invalid != null) {
            problem(name, invalid);
            return;
        }
        if (isDir) {
            return;
        }
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (base.equalsIgnoreCase("go.mod") && !path.equals("go.mod")) {
            problem(name, base.equals(path) ? ModuleFiles.GO_MOD_CASE : "go.mod file not in module root directory");
            return;
        }
        long size = entry.uncompressedSize();
        if (size >= 0 && MAX_ZIP_FILE - moduleBytes >= size) {
            moduleBytes += size;
        } else if (!moduleTooLarge) {
            moduleTooLarge = true;
            problems.add("total uncompressed size of module contents too large (max size is " + MAX_ZIP_FILE + " bytes)");
        }
        if (path.equals("go.mod") && (size < 0 || size > MAX_GO_MOD)) {
            problem(name, ModuleFiles.GO_MOD_TOO_LARGE);
        } else if (path.equals("LICENSE") && (size < 0 || size > MAX_LICENSE)) {
            problem(name, ModuleFiles.LICENSE_TOO_LARGE);
        } else {
            moduleFiles.add(path);
            if (path.equals("go.mod") && goModEntry < 0) {
                goModEntry = index;
            }
        }
    }

    /**
     * Zips carry Unix file types in the high half of the external attributes when made on Unix or
     * macOS. The go command would extract a link as a regular file holding the target's path, so a
     * link in a proxy's zip means it was not built the way the go command builds zips.
     */
    private static String fileTypeProblem(CentralDirectory.Entry entry) {
        int host = entry.versionMadeBy() >> 8;
        if (host != UNIX && host != MAC_OS_X) {
            return null;
        }
        return switch ((int) (entry.externalAttributes() >> 16) & S_IFMT) {
            case 0, S_IFREG, S_IFDIR -> null;
            case S_IFLNK -> "file is a symbolic link";
            default -> "not a regular file";
        };
    }

    private EntryReader.Result read(EntryReader reader, ChannelInput input, CentralDirectory.Entry entry, boolean keep)
            throws IOException {
        String name = new String(entry.name(), StandardCharsets.UTF_8);
        long start = entry.localHeaderOffset();
        long directoryStart = directory.offset();
        try {
            if (start < 0 || start > directoryStart - LOCAL_HEADER_LENGTH) {
                return EntryReader.Result.problem(name + ": local file header lies outside the file's data");
            }
            input.moveTo(start, directoryStart, "local file header");
            if (input.u32() != LOCAL_HEADER_SIGNATURE) {
                return EntryReader.Result.problem(name + ": bad local file header signature");
            }
            input.skip(22);
            long dataStart = start + LOCAL_HEADER_LENGTH + input.u16() + input.u16();
            // The guard against a compressed size that would have us read the directory, or beyond, as data.
            if (entry.compressedSize() < 0 || entry.compressedSize() > directoryStart - dataStart) {
                return EntryReader.Result.problem(name + ": compressed data runs past the start of the central directory");
            }
            input.moveTo(dataStart, dataStart + entry.compressedSize(), "compressed data");
            return reader.read(input, name, entry, keep);
        } catch (ZipFormatException e) {
            return EntryReader.Result.problem(name + ": " + e.getMessage());
        }
    }

    private void checkVendoredFiles(byte[] goMod) {
        if (goModEntry >= 0 && goMod == null) {
            return; // Which rule applies depends on go.mod, and it could not be read.
        }
        boolean go124 = GoMod.atLeastGo124(goMod == null ? Optional.empty() : GoMod.goVersion(goMod));
        for (String path : moduleFiles) {
            if (ModuleFiles.isVendoredPackage(path, go124)) {
                problems.add("file " + prefix + path + " is in a vendored package, which the go command leaves out of module zips");
            }
        }
    }

    /**
     * dirhash.HashZip: every entry, directories and the prefix entry included, under its full name.
     * Go looks entries up by name, so repeated names all hash the last one's content.
     */
    private String hash(List<CentralDirectory.Entry> entries, byte[][] digests) {
        Map<ByteBuffer, byte[]> lastByName = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            lastByName.put(ByteBuffer.wrap(entries.get(i).name()), digests[i]);
        }
        List<DirHash.RawFileDigest> files = new ArrayList<>(entries.size());
        for (CentralDirectory.Entry entry : entries) {
            files.add(new DirHash.RawFileDigest(entry.name(), lastByName.get(ByteBuffer.wrap(entry.name()))));
        }
        try {
            return DirHash.hash1Raw(files);
        } catch (InvalidModuleException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private void problem(String name, String message) {
        problems.add(name + ": " + message);
    }

    private static boolean isDirectory(byte[] name) {
        return name.length > 0 && name[name.length - 1] == '/';
    }

    private static boolean startsWith(byte[] name, byte[] prefix) {
        return name.length >= prefix.length && Arrays.equals(name, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Sizes above 2^63 arrive negative from {@link ChannelInput#u64}; both they and overflow saturate. */
    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return b < 0 || sum < 0 ? Long.MAX_VALUE : sum;
    }
}
