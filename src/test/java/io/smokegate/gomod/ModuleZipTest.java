package io.smokegate.gomod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModuleZipTest {

    private static final String M = "example.com/m";
    private static final String P = "example.com/m@v1.0.0/";
    private static final String GO_MOD = "module example.com/m\n\ngo 1.13\n";
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    /** x/mod/zip testdata/unzip/simple.txt. */
    @Test
    void simpleModuleVerifiesWithItsPublishedHash() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("go.mod", utf8(GO_MOD));
        files.put("m.go", utf8("package m\n\nfunc Foo() int { return 42 }\n"));
        files.put("cmd/hello/hello.go", utf8("package main\n\nimport (\n  \"fmt\"\n  \"example.com/m\"\n)\n\nfunc main() {\n  fmt.Println(m.Foo())\n}\n"));
        ModuleZip.Verification v = verified(written(files, M, "v1.0.0"), M, "v1.0.0");
        assertEquals(List.of(), v.problems());
        assertEquals("h1:tpqYOOmuilagXzyqoJ3roUjp8gneQeTv5YVpL6BG7/k=", v.h1());
        assertEquals("h1:UWkIka9t4wTRf5TZ+sRdwnADRAp+U7R9A2lAeNEx1cA=", DirHash.goModHash(v.goMod()));
        assertEquals(3, v.files());
        assertEquals(files.values().stream().mapToLong(b -> b.length).sum(), v.uncompressedBytes());
    }

    @Test
    void emptyModuleHashesToTheEmptySummary() throws IOException {
        ModuleZip.Verification v = verified(written(Map.of(), "example.com/empty", "v1.0.0"), "example.com/empty", "v1.0.0");
        assertEquals(new ModuleZip.Verification("h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", null, 0, 0, List.of()), v);
    }

    /** dirhash TestHashZip: the hash ignores entry order (the zip has xyz before abc). */
    @Test
    void hashCoversEveryEntryUnderItsFullNameWhateverTheOrder() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file("prefix/xyz", "data for xyz");
        zip.file("prefix/abc", "data for abc");
        ModuleZip.Verification v = verified(zip.writeTo(dir.resolve("x.zip")), "prefix", "v1.0.0");
        assertEquals("h1:rLyfpGMAgqOnGE2aKOY5Xb6cOc0/YQhPjHBHBwkblhs=", v.h1());
        assertEquals(List.of("malformed module path \"prefix\": missing dot in first path element",
                "prefix/xyz: path does not have prefix \"prefix@v1.0.0/\"",
                "prefix/abc: path does not have prefix \"prefix@v1.0.0/\""), v.problems());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a.go only, false, h1:VEUcYKYLbKBYq0eA/VEJ3mMQBzi4jjWpusjuduGJcBQ=",
            "with an empty directory entry, true, h1:y9ZWKWCmVsKnLxdFkIVoxr4MyXyHgBUvp1hgBzZ+IfE=",
    })
    void directoryEntriesCountInTheHash(String description, boolean withDirectory, String h1) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.go", utf8("package a\n"));
        if (withDirectory) {
            files.put("empty/", new byte[0]);
        }
        ModuleZip.Verification v = verified(written(files, "example.com/a", "v1.0.0"), "example.com/a", "v1.0.0");
        assertEquals(List.of(), v.problems());
        assertEquals(h1, v.h1());
    }

    /** x/mod/zip testdata/unzip/go_mod_dir.txt: a directory may be called go.mod. */
    @Test
    void directoryNamedGoModIsAllowed() throws IOException {
        ModuleZip.Verification v = verified(written(Map.of("go.mod/a.go", utf8("package a\n")), M, "v1.0.0"), M, "v1.0.0");
        assertEquals(List.of(), v.problems());
        assertEquals("h1:Mun5l9cBlDnnV6JasTpio2aZJSbFj++h+814mnKC/OM=", v.h1());
        assertNull(v.goMod());
    }

    @Test
    void storedEntriesPrefixEntryAndZip64EndRecordsVerify() throws IOException {
        ZipBuilder zip = new ZipBuilder().zip64End();
        zip.file(P, "");
        zip.stored(P + "go.mod", utf8(GO_MOD));
        zip.stored(P + "m.go", utf8("package m\n"));
        ModuleZip.Verification v = verified(zip.writeTo(dir.resolve("m.zip")), M, "v1.0.0");
        assertEquals(List.of(), v.problems());
        assertEquals(hashOf(Map.of(P, "", P + "go.mod", GO_MOD, P + "m.go", "package m\n")), v.h1());
        assertArrayEquals(utf8(GO_MOD), v.goMod());
        assertEquals(2, v.files());
    }

    @Test
    void writtenModuleTreeVerifiesWithTheHashOfTheDirectory() throws IOException, InvalidModuleException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        write(tree, "go.mod", GO_MOD);
        write(tree, "m.go", "package m\n");
        write(tree, "internal/x/x.go", "package x\n");
        write(tree, "LICENSE", "MIT\n");
        write(tree, ".git/config", "[core]\n");
        write(tree, "vendor/example.com/v/v.go", "package v\n");
        Path zip = dir.resolve("m.zip");
        try (var out = Files.newOutputStream(zip)) {
            ModuleZipWriter.writeFromDirectory(tree, M, "v1.0.0", out);
        }
        ModuleZip.Verification v = verified(zip, M, "v1.0.0");
        assertEquals(List.of(), v.problems());
        assertEquals(ModuleZipWriter.hashDirectory(tree, M, "v1.0.0"), v.h1());
        assertEquals(hashOf(Map.of(P + "go.mod", GO_MOD, P + "m.go", "package m\n", P + "internal/x/x.go", "package x\n",
                P + "LICENSE", "MIT\n")), v.h1());
        assertEquals(4, v.files());
    }

    @Test
    void zipThatInflatesBeyondItsDeclaredSizeIsStoppedThere() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "go.mod", GO_MOD);
        zip.file(P + "bomb.txt", new byte[64 * MIB]).declaredSize(1000);
        ModuleZip.Verification v = quickly(zip, M, "v1.0.0");
        assertEquals(List.of("uncompressed size of file example.com/m@v1.0.0/bomb.txt is larger than declared size (1000 bytes)"),
                v.problems());
        assertNull(v.h1());
    }

    @Test
    void zipDeclaringAHugeSizeIsRefusedWithoutInflatingIt() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "bomb.txt", new byte[64 * MIB]).declaredSize(1L << 40);
        ModuleZip.Verification v = quickly(zip, M, "v1.0.0");
        assertEquals(List.of("total uncompressed size of module contents too large (max size is 524288000 bytes)"), v.problems());
        assertEquals(1L << 40, v.uncompressedBytes());
        assertNull(v.h1());
    }

    @Test
    void declaredSizesOverFiveHundredMebibytesInTotalAreRefused() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "a.bin", "a").declaredSize(300L * MIB);
        zip.file(P + "b.bin", "b").declaredSize(300L * MIB);
        ModuleZip.Verification v = quickly(zip, M, "v1.0.0");
        assertEquals(List.of("total uncompressed size of module contents too large (max size is 524288000 bytes)"), v.problems());
        assertEquals(600L * MIB, v.uncompressedBytes());
        assertNull(v.h1());
    }

    @Test
    void directoryEntryDeclaringAHugeSizeStopsTheReadingToo() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "m.go", "package m\n");
        zip.file(P + "dir/", new byte[64 * MIB]).declaredSize(1L << 40);
        ModuleZip.Verification v = quickly(zip, M, "v1.0.0");
        assertEquals(List.of("total uncompressed size of zip entries too large (max size is 524288000 bytes)"), v.problems());
        assertNull(v.h1());
    }

    @Test
    void zipFileOverFiveHundredMebibytesIsNotRead() throws IOException {
        Path zip = dir.resolve("big.zip");
        try (RandomAccessFile f = new RandomAccessFile(zip.toFile(), "rw")) {
            f.setLength(500L * MIB + 1);
        }
        ModuleZip.Verification v = verified(zip, M, "v1.0.0");
        assertEquals(new ModuleZip.Verification(null, null, 0, 0,
                List.of("module zip file is too large (524288001 bytes; limit is 524288000 bytes)")), v);
    }

    @Test
    void goModOverSixteenMebibytesIsRefused() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "go.mod", new byte[16 * MIB + 1]);
        ModuleZip.Verification v = quickly(zip, M, "v1.0.0");
        assertEquals(List.of(P + "go.mod: go.mod file too large (max size is 16777216 bytes)"), v.problems());
        assertNull(v.goMod());
    }

    @Test
    void licenseOverSixteenMebibytesIsRefused() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "LICENSE", new byte[16 * MIB + 1]);
        zip.file(P + "docs/LICENSE", new byte[16 * MIB + 1]);
        ModuleZip.Verification v = quickly(zip, M, "v1.0.0");
        assertEquals(List.of(P + "LICENSE: LICENSE file too large (max size is 16777216 bytes)"), v.problems());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ../evil.go          | example.com/m@v1.0.0/../evil.go: malformed file path "../evil.go": invalid path element ".."
            a/../../evil.go     | example.com/m@v1.0.0/a/../../evil.go: file path is not clean
            a/./b.go            | example.com/m@v1.0.0/a/./b.go: file path is not clean
            /etc/passwd         | example.com/m@v1.0.0//etc/passwd: malformed file path "/etc/passwd": empty path element
            bad.go'             | example.com/m@v1.0.0/bad.go': malformed file path "bad.go'": invalid char '\\''
            sub/go.mod          | example.com/m@v1.0.0/sub/go.mod: go.mod file not in module root directory
            b/GO.MOD            | example.com/m@v1.0.0/b/GO.MOD: go.mod file not in module root directory
            GO.MOD              | example.com/m@v1.0.0/GO.MOD: go.mod files must have lowercase names
            nul.txt             | example.com/m@v1.0.0/nul.txt: malformed file path "nul.txt": "nul" disallowed as path element component on Windows
            """)
    void badFileNameIsReportedAsTheGoCommandReportsIt(String name, String problem) throws IOException {
        assertEquals(List.of(problem), verified(written(Map.of(name, utf8("package x\n")), M, "v1.0.0"), M, "v1.0.0").problems());
    }

    @Test
    void absoluteEntryNameLacksThePrefix() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file("/etc/passwd", "root:x:0:0\n");
        assertEquals(List.of("/etc/passwd: path does not have prefix \"example.com/m@v1.0.0/\""),
                verified(zip.writeTo(dir.resolve("abs.zip")), M, "v1.0.0").problems());
    }

    @Test
    void duplicateEntriesAreRefusedAndHashedAsGoHashesThem() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "dup.go", "package d1\n");
        zip.file(P + "dup.go", "package d2\n");
        ModuleZip.Verification v = verified(zip.writeTo(dir.resolve("dup.zip")), M, "v1.0.0");
        assertEquals(List.of(P + "dup.go: multiple entries for file \"dup.go\""), v.problems());
        assertEquals(hashOfEntries(List.of(P + "dup.go", P + "dup.go"), List.of("package d2\n", "package d2\n")), v.h1());
    }

    @Test
    void namesEqualUnderCaseFoldingCollide() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "m.go", "package m\n");
        zip.file(P + "M.GO", "package m\n");
        zip.file(P + "Dir/a.go", "package a\n");
        zip.file(P + "dir/b.go", "package b\n");
        zip.file(P + "k.go", "package k\n");
        zip.file(P + "\u212a.go", "package k\n");
        assertEquals(List.of(P + "M.GO: case-insensitive file name collision: \"m.go\" and \"M.GO\"",
                P + "dir/b.go: case-insensitive file name collision: \"Dir\" and \"dir\"",
                P + "\u212a.go: case-insensitive file name collision: \"k.go\" and \"\u212a.go\""),
                verified(zip.writeTo(dir.resolve("case.zip")), M, "v1.0.0").problems());
    }

    @Test
    void nameUsedAsFileAndDirectoryIsRefused() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.go", utf8("package a\n"));
        files.put("a.go/b.go", utf8("package b\n"));
        assertEquals(List.of(P + "a.go/b.go: entry \"a.go\" is both a file and a directory"),
                verified(written(files, M, "v1.0.0"), M, "v1.0.0").problems());
    }

    @Test
    void nameThatIsNotUtf8IsRefusedShowingTheBadByte() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        byte[] prefix = utf8(P);
        byte[] name = Arrays.copyOf(prefix, prefix.length + 4);
        name[prefix.length] = (byte) 0xFF;
        System.arraycopy(utf8(".go"), 0, name, prefix.length + 1, 3);
        zip.rawName(name, "package x\n");
        ModuleZip.Verification v = verified(zip.writeTo(dir.resolve("utf8.zip")), M, "v1.0.0");
        assertEquals(List.of(P + "\ufffd.go: malformed file path \"\\xff.go\": invalid UTF-8"), v.problems());
    }

    @Test
    void symbolicLinkIsRefused() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "link", "../../../../etc/passwd").unixMode(0120777);
        zip.file(P + "m.go", "package m\n").unixMode(0100644);
        assertEquals(List.of(P + "link: file is a symbolic link"),
                verified(zip.writeTo(dir.resolve("link.zip")), M, "v1.0.0").problems());
    }

    @Test
    void encryptedEntryIsRefusedAndLeavesNoHash() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "secret.go", "package secret\n").flags(1);
        ModuleZip.Verification v = verified(zip.writeTo(dir.resolve("enc.zip")), M, "v1.0.0");
        assertEquals(List.of(P + "secret.go: file is encrypted"), v.problems());
        assertNull(v.h1());
    }

    @Test
    void unsupportedCompressionMethodIsRefusedAndLeavesNoHash() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "m.go", "package m\n").method(12);
        ModuleZip.Verification v = verified(zip.writeTo(dir.resolve("bzip2.zip")), M, "v1.0.0");
        assertEquals(List.of(P + "m.go: unsupported compression method 12 (module zips use 0, stored, or 8, deflate)"), v.problems());
        assertNull(v.h1());
    }

    @Test
    void htmlSavedAsZipIsNotAZipFile() throws IOException {
        Path zip = Files.writeString(dir.resolve("html.zip"), "<!DOCTYPE html>\n<html><body>404 page not found</body></html>\n");
        assertEquals(new ModuleZip.Verification(null, null, 0, 0,
                List.of("not a zip file: no end of central directory record (the file starts with \"<!DOCTYPE html>\\n\")")),
                verified(zip, M, "v1.0.0"));
    }

    @Test
    void emptyFileIsNotAZipFile() throws IOException {
        assertEquals(List.of("not a zip file: the file is empty"),
                verified(Files.createFile(dir.resolve("empty.zip")), M, "v1.0.0").problems());
    }

    @Test
    void zipCutShortIsReportedAsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(written(Map.of("go.mod", utf8(GO_MOD), "m.go", utf8("package m\n")), M, "v1.0.0"));
        Path zip = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(whole, whole.length - 30));
        assertEquals(List.of("truncated zip file: no end of central directory record"), verified(zip, M, "v1.0.0").problems());
    }

    @Test
    void centralDirectoryClaimingTooManyEntriesIsRefusedBeforeReadingThem() throws IOException {
        ZipBuilder zip = new ZipBuilder().claimEntries(600_000);
        zip.file(P + "m.go", "package m\n");
        assertEquals(List.of("too many entries in zip file (600000; limit is 500000)"),
                verified(zip.writeTo(dir.resolve("many.zip")), M, "v1.0.0").problems());
    }

    @Test
    void dataSmallerThanDeclaredIsReported() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "m.go", "package m\n").declaredSize(100);
        assertEquals(List.of("uncompressed size of file " + P + "m.go is smaller than declared size (100 bytes)"),
                verified(zip.writeTo(dir.resolve("short.zip")), M, "v1.0.0").problems());
    }

    @Test
    void crcMismatchIsReported() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "m.go", "package m\n").crc(0x12345678);
        assertEquals(List.of(P + "m.go: CRC-32 of the content is 65870dc9, the central directory says 12345678"),
                verified(zip.writeTo(dir.resolve("crc.zip")), M, "v1.0.0").problems());
    }

    @Test
    void compressedSizeReachingIntoTheCentralDirectoryIsRefused() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "m.go", "package m\n").compressedSize(10_000);
        assertEquals(List.of(P + "m.go: compressed data runs past the start of the central directory"),
                verified(zip.writeTo(dir.resolve("past.zip")), M, "v1.0.0").problems());
    }

    @Test
    void entryPointingAtSomethingOtherThanALocalHeaderIsRefused() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file(P + "m.go", "package m\n").localHeaderOffset(1);
        assertEquals(List.of(P + "m.go: bad local file header signature"),
                verified(zip.writeTo(dir.resolve("header.zip")), M, "v1.0.0").problems());
    }

    @Test
    void filesUnderAnotherModulePathLackThePrefix() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("go.mod", utf8("module example.com/other\n"));
        assertEquals(List.of("example.com/other@v1.0.0/go.mod: path does not have prefix \"example.com/m@v1.0.0/\""),
                verified(written(files, "example.com/other", "v1.0.0"), M, "v1.0.0").problems());
    }

    /** x/mod/zip testdata/unzip/prefix_only.txt. */
    @Test
    void fileNamedExactlyModuleAtVersionLacksThePrefix() throws IOException {
        ZipBuilder zip = new ZipBuilder();
        zip.file("example.com/m@v1.0.0", "");
        zip.file(P + "go.mod", "module example.com/m\n");
        assertEquals(List.of("example.com/m@v1.0.0: path does not have prefix \"example.com/m@v1.0.0/\""),
                verified(zip.writeTo(dir.resolve("prefix.zip")), M, "v1.0.0").problems());
    }

    @Test
    void nonCanonicalVersionIsReported() throws IOException {
        ModuleZip.Verification v = verified(written(Map.of("go.mod", utf8(GO_MOD)), M, "v1.0"), M, "v1.0");
        assertEquals(List.of("version \"v1.0\" is not canonical (should be \"v1.0.0\")"), v.problems());
    }

    @ParameterizedTest(name = "go {0}")
    @CsvSource(delimiter = '|', textBlock = """
            1.13 | file example.com/m@v1.0.0/vendor/example.com/x/x.go is in a vendored package, which the go command leaves out of module zips
            1.24 | file example.com/m@v1.0.0/vendor/modules.txt is in a vendored package, which the go command leaves out of module zips; file example.com/m@v1.0.0/vendor/example.com/x/x.go is in a vendored package, which the go command leaves out of module zips
            """)
    void vendoredFilesAreReportedByTheRuleOfTheModulesGoVersion(String goVersion, String problems) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("go.mod", utf8("module example.com/m\n\ngo " + goVersion + "\n"));
        files.put("vendor/modules.txt", utf8("# example.com/x v1.0.0\n"));
        files.put("vendor/example.com/x/x.go", utf8("package x\n"));
        assertEquals(List.of(problems.split("; ")), verified(written(files, M, "v1.0.0"), M, "v1.0.0").problems());
    }

    private Path written(Map<String, byte[]> files, String modulePath, String version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModuleZipWriter.write(files, modulePath, version, out);
        return Files.write(Files.createTempFile(dir, "module", ".zip"), out.toByteArray());
    }

    private ModuleZip.Verification quickly(ZipBuilder zip, String modulePath, String version) throws IOException {
        return verified(zip.writeTo(Files.createTempFile(dir, "hostile", ".zip")), modulePath, version);
    }

    /** Every zip here, hostile or not, must be judged in well under a second; five leaves room for a slow machine. */
    private static ModuleZip.Verification verified(Path zip, String modulePath, String version) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ModuleZip.verify(zip, modulePath, version));
    }

    private static void write(Path root, String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String hashOf(Map<String, String> files) {
        List<String> names = List.copyOf(files.keySet());
        return hashOfEntries(names, names.stream().map(files::get).toList());
    }

    private static String hashOfEntries(List<String> names, List<String> contents) {
        try {
            List<DirHash.FileDigest> digests = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                digests.add(new DirHash.FileDigest(names.get(i), DirHash.sha256().digest(utf8(contents.get(i)))));
            }
            return DirHash.hash1(digests);
        } catch (InvalidModuleException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
