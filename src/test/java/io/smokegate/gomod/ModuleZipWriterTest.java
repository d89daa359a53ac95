package io.smokegate.gomod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The module trees of x/mod/zip testdata/create, written to disk and zipped as CreateFromDir would. */
class ModuleZipWriterTest {

    private static final String M = "example.com/m";
    private static final String P = "example.com/m@v1.0.0/";

    @TempDir
    Path dir;

    static Stream<Arguments> createVectors() {
        return Stream.of(
                Arguments.of("simple", M, Map.of(
                        "go.mod", "module example.com/m\n\ngo 1.13\n",
                        "m.go", "package m\n\nfunc Foo() int { return 42 }\n",
                        "cmd/hello/hello.go", "package main\n\nimport (\n  \"fmt\"\n  \"example.com/m\"\n)\n\nfunc main() {\n  fmt.Println(m.Foo())\n}\n"),
                        "h1:tpqYOOmuilagXzyqoJ3roUjp8gneQeTv5YVpL6BG7/k=", List.of("cmd/hello/hello.go", "go.mod", "m.go")),
                Arguments.of("empty", "example.com/empty", Map.of(), "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", List.of()),
                Arguments.of("exclude_vendor", M, Map.of(
                        "go.mod", "module example.com/m\n\ngo 1.13\n",
                        "vendor/modules.txt", "included\nsee comment in isVendoredPackage and golang.org/issue/31562.\n",
                        "vendor/example.com/x/x.go", "excluded\n",
                        "sub/vendor/sub.txt", "excluded\n",
                        "pkg/vendor/vendor.go", "excluded\nsee comment in isVendoredPackage and golang.org/issue/37397\n"),
                        "h1:5u93LDLN0Me+NGfZtRpA5mHxY8svfykHpq4CMSaBZyc=", List.of("go.mod", "vendor/modules.txt")),
                Arguments.of("exclude_vendor_go124", M, Map.of(
                        "go.mod", "module example.com/m\n\ngo 1.24\nmodules.txt is excluded in 1.24+. See golang.org/issue/63395\n",
                        "vendor/modules.txt", "excluded\nsee comment in isVendoredPackage and golang.org/issue/31562.\n",
                        "vendor/example.com/x/x.go", "excluded\n",
                        "sub/vendor/sub.txt", "excluded\n",
                        "pkg/vendor/vendor.go", "included\nsee comment in isVendoredPackage and golang.org/issue/37397\n"),
                        "h1:mJR1q75yiMK6+CDw6DuhMS4v4hNoLXqkyk2Cph4VS8Q=", List.of("go.mod", "pkg/vendor/vendor.go", "sub/vendor/sub.txt")),
                Arguments.of("exclude_submodule", M, Map.of(
                        "go.mod", "module example.com/m\n\ngo 1.13\n",
                        "sub/go.mod", "module example.com/m/sub\n",
                        "sub/x.go'", "invalid name, but this shouldn't be read\n"),
                        "h1:XduFAgX/GaspZa8Jv4pfzoGEzNaU/r88PiCunijw5ok=", List.of("go.mod")),
                Arguments.of("exclude_cap_go_mod_submodule", M, Map.of(
                        "a.go", "package a\n",
                        "b/GO.MOD", "MODULE EXAMPLE.COM/M/B\n",
                        "b/b.go", "package b\n"),
                        "h1:xctQQey8/y7IcBjFZDP/onWLSXhlqcsC3i1fgSdpMHk=", List.of("a.go")),
                Arguments.of("go_mod_dir", M, Map.of("go.mod/a.go", "package a\n"),
                        "h1:Mun5l9cBlDnnV6JasTpio2aZJSbFj++h+814mnKC/OM=", List.of("go.mod/a.go")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createVectors")
    void directoryZipsAndHashesAsTheGoCommandZipsIt(String vector, String modulePath, Map<String, String> files, String h1,
            List<String> zipped) throws IOException, InvalidModuleException {
        Path tree = tree(files);
        assertEquals(h1, ModuleZipWriter.hashDirectory(tree, modulePath, "v1.0.0"));
        Path zip = dir.resolve(vector + ".zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            ModuleZipWriter.writeFromDirectory(tree, modulePath, "v1.0.0", out);
        }
        String prefix = modulePath + "@v1.0.0/";
        assertEquals(zipped.stream().map(n -> prefix + n).toList(), names(Files.readAllBytes(zip)));
        ModuleZip.Verification verified = ModuleZip.verify(zip, modulePath, "v1.0.0");
        assertEquals(List.of(), verified.problems());
        assertEquals(h1, verified.h1());
    }

    @Test
    void versionControlDirectoriesArchivalFileAndLinksAreLeftOut() throws IOException, InvalidModuleException {
        Path tree = tree(Map.of("go.mod", "module example.com/m\n", "m.go", "package m\n", ".git/config", "[core]\n",
                ".hg/hgrc", "", ".svn/entries", "", ".bzr/branch-format", "", "sub/.git/HEAD", "ref: main\n",
                ".hg_archival.txt", "repo: 0123\n", "sub/.hg_archival.txt", "kept: only the root one is dropped\n"));
        Files.createSymbolicLink(tree.resolve("link.go"), tree.resolve("m.go"));
        Files.createSymbolicLink(tree.resolve("linkdir"), tree.resolve("sub"));
        assertEquals(List.of(P + "go.mod", P + "m.go", P + "sub/.hg_archival.txt"), names(zipOf(tree)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            bad.go'     | bad.go': malformed file path "bad.go'": invalid char '\\''
            GO.MOD      | GO.MOD: go.mod files must have lowercase names
            con.go      | con.go: malformed file path "con.go": "con" disallowed as path element component on Windows
            """)
    void treeTheGoCommandCannotZipIsRefused(String name, String message) throws IOException {
        Path tree = tree(Map.of(name, "package bad\n"));
        assertEquals(message, assertThrows(InvalidModuleException.class,
                () -> ModuleZipWriter.writeFromDirectory(tree, M, "v1.0.0", OutputStream.nullOutputStream())).getMessage());
    }

    @Test
    void everyFileTheGoCommandCannotZipIsListedInWalkOrder() throws IOException {
        Path tree = tree(Map.of("m.go", "package m\n", "M.GO", "package m\n", "a:b.go", "package a\n"));
        assertEquals("a:b.go: malformed file path \"a:b.go\": invalid char ':'\n"
                + "m.go: case-insensitive file name collision: \"M.GO\" and \"m.go\"",
                assertThrows(InvalidModuleException.class, () -> ModuleZipWriter.hashDirectory(tree, M, "v1.0.0")).getMessage());
    }

    @ParameterizedTest(name = "{0}@{1}")
    @CsvSource(delimiter = '|', textBlock = """
            cache           | v1.0.0       | malformed module path "cache": missing dot in first path element
            example.com/m   | v2.0.0       | example.com/m@v2.0.0: invalid version: should be v0 or v1, not v2
            example.com/m   | v1.0.0+bad   | version "v1.0.0+bad" is not canonical (should be "v1.0.0")
            """)
    void badModulePathOrVersionIsRefused(String path, String version, String message) throws IOException {
        Path tree = tree(Map.of("m.go", "package m\n"));
        assertEquals(message, assertThrows(InvalidModuleException.class,
                () -> ModuleZipWriter.hashDirectory(tree, path, version)).getMessage());
    }

    @Test
    void goModOverSixteenMebibytesIsRefused() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        sparse(tree.resolve("go.mod"), (16L << 20) + 1);
        assertEquals("go.mod: go.mod file too large (max size is 16777216 bytes)", assertThrows(InvalidModuleException.class,
                () -> ModuleZipWriter.hashDirectory(tree, M, "v1.0.0")).getMessage());
    }

    @Test
    void treeOverFiveHundredMebibytesIsRefusedWithoutReadingIt() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        sparse(tree.resolve("a.bin"), 300L << 20);
        sparse(tree.resolve("b.bin"), 300L << 20);
        assertEquals("module source tree too large (max size is 524288000 bytes)", assertThrows(InvalidModuleException.class,
                () -> ModuleZipWriter.hashDirectory(tree, M, "v1.0.0")).getMessage());
    }

    @Test
    void explicitFilesAreWrittenExactlyInTheirOrderWithoutChecks() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("z.go", utf8("package z\n"));
        files.put("../escape.go", utf8("package evil\n"));
        files.put("vendor/a/b.go", utf8("package b\n"));
        files.put("dir/", new byte[0]);
        files.put("a.go", utf8("package a\n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModuleZipWriter.write(files, "Not A Module", "vX", out);
        assertEquals(files.keySet().stream().map(n -> "Not A Module@vX/" + n).toList(), names(out.toByteArray()));
    }

    @Test
    void sameTreeGivesTheSameBytes() throws IOException, InvalidModuleException {
        Path tree = tree(Map.of("go.mod", "module example.com/m\n", "m.go", "package m\n", "a/b/c.go", "package b\n"));
        byte[] first = zipOf(tree);
        Files.setLastModifiedTime(tree.resolve("m.go"), FileTime.fromMillis(0));
        assertArrayEquals(first, zipOf(tree));
    }

    @Test
    void callersStreamIsLeftOpen() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the writer closed the caller's stream");
            }
        };
        ModuleZipWriter.write(Map.of("a.go", utf8("package a\n")), M, "v1.0.0", out);
        out.write('!');
        assertEquals('!', out.toByteArray()[out.size() - 1]);
    }

    private Path tree(Map<String, String> files) throws IOException {
        Path root = Files.createTempDirectory(dir, "tree");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = root.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        return root;
    }

    private static byte[] zipOf(Path tree) throws IOException, InvalidModuleException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModuleZipWriter.writeFromDirectory(tree, M, "v1.0.0", out);
        return out.toByteArray();
    }

    private static List<String> names(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private static void sparse(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
