package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.gomod.ModuleZipWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smokegate gosum} and {@code smokegate sumdb verify-note}, with the vectors of golang.org/x/mod and real sum.golang.org data. */
class GoToolsCommandsTest {

    static final String SUM_GOLANG_ORG = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";
    static final String REAL_LOOKUP = "1354545\n"
            + "github.com/libp2p/go-libp2p-blankhost v0.2.0 h1:3EsGAi0CBGcZ33GwRuXEYJLLPoVWyXJ1bcJzAJjINkk=\n"
            + "github.com/libp2p/go-libp2p-blankhost v0.2.0/go.mod h1:eduNKXGTioTuQAUcZ5epXi9vMl+t4d8ugUBRQ4SqaNQ=\n\n"
            + "go.sum database tree\n3784599\n7uvxIZ67TZygcq/AehTD8iHYt81Ih+Zl2Y7vXZbfszQ=\n\n"
            + "\u2014 sum.golang.org Az3grn972wXskjQrsZhVGc93fTU2uOsmSTiId1Wn1lxDCup5z4ggl1/4gaUqOkMa6cMbYvjB7hn7yemNr7Zqanol/go=\n";

    @TempDir
    Path dir;

    private Path simpleModule() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("go.mod", "module example.com/m\n\ngo 1.13\n".getBytes(StandardCharsets.UTF_8));
        files.put("m.go", "package m\n\nfunc Foo() int { return 42 }\n".getBytes(StandardCharsets.UTF_8));
        files.put("cmd/hello/hello.go", ("package main\n\nimport (\n  \"fmt\"\n  \"example.com/m\"\n)\n\nfunc main() {\n"
                + "  fmt.Println(m.Foo())\n}\n").getBytes(StandardCharsets.UTF_8));
        Path zip = dir.resolve("v1.0.0.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            ModuleZipWriter.write(files, "example.com/m", "v1.0.0", out);
        }
        return zip;
    }

    @Test
    void gosumPrintsTheLinesTheGoCommandRecordsForAZip() throws Exception {
        CliRun run = CliRun.of("gosum", simpleModule().toString());
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertEquals("example.com/m v1.0.0 h1:tpqYOOmuilagXzyqoJ3roUjp8gneQeTv5YVpL6BG7/k=\n"
                + "example.com/m v1.0.0/go.mod h1:UWkIka9t4wTRf5TZ+sRdwnADRAp+U7R9A2lAeNEx1cA=\n", run.out());
    }

    @Test
    void gosumOfADirectoryEqualsTheZipItWouldBecome() throws Exception {
        Path module = Files.createDirectories(dir.resolve("m"));
        Files.writeString(module.resolve("go.mod"), "module example.com/m\n\ngo 1.13\n");
        Files.writeString(module.resolve("m.go"), "package m\n\nfunc Foo() int { return 42 }\n");
        Files.createDirectories(module.resolve("cmd/hello"));
        Files.writeString(module.resolve("cmd/hello/hello.go"), "package main\n\nimport (\n  \"fmt\"\n  \"example.com/m\"\n)\n\n"
                + "func main() {\n  fmt.Println(m.Foo())\n}\n");
        Files.createDirectories(module.resolve(".git"));
        Files.writeString(module.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        CliRun run = CliRun.of("gosum", module.toString(), "--version", "v1.0.0");
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("example.com/m v1.0.0 h1:tpqYOOmuilagXzyqoJ3roUjp8gneQeTv5YVpL6BG7/k=\n"), run.out());
    }

    @Test
    void gosumOfAGoModPrintsItsHash() throws Exception {
        Path goMod = Files.writeString(dir.resolve("go.mod"), "module github.com/google/uuid\n");
        CliRun run = CliRun.of("gosum", goMod.toString(), "--version", "v1.6.0");
        assertEquals("github.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=\n", run.out());
    }

    @Test
    void gosumOfAModFileAsAProxyServesItPrintsItsHashAndVersion() throws Exception {
        Path goMod = Files.writeString(Files.createDirectories(dir.resolve("github.com/google/uuid/@v")).resolve("v1.6.0.mod"),
                "module github.com/google/uuid\n");

        CliRun run = CliRun.of("gosum", goMod.toString());

        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertEquals("github.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=\n", run.out());
    }

    @Test
    void theVersionOfAModFileNameIsUnescaped() {
        assertEquals(Optional.of("v1.0.0-RC1"), GosumCommand.versionOf("v1.0.0-!r!c1.mod"));
        assertEquals(Optional.empty(), GosumCommand.versionOf("go.mod"));
    }

    @Test
    void gosumOfABrokenZipListsTheRulesItBreaksAndExitsOne() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("m.go", "package m\n".getBytes(StandardCharsets.UTF_8));
        files.put("M.GO", "package m\n".getBytes(StandardCharsets.UTF_8));
        files.put("sub/go.mod", "module example.com/m/sub\n".getBytes(StandardCharsets.UTF_8));
        Path zip = dir.resolve("bad.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            ModuleZipWriter.write(files, "example.com/m", "v1.0.0", out);
        }
        CliRun run = CliRun.of("gosum", zip.toString());
        assertEquals(ExitCode.FAILED, run.exitCode());
        assertTrue(run.err().contains("case-insensitive file name collision"), run.err());
        assertTrue(run.err().contains("go.mod file not in module root directory"), run.err());
    }

    @Test
    void gosumOfADirectoryWithoutAVersionNamesTheFlag() throws Exception {
        CliRun run = CliRun.of("gosum", dir.toString());
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().startsWith("error: --version"), run.err());
    }

    @Test
    void verifyNoteChecksARealSumGolangOrgLookupOffline() throws Exception {
        Path lookup = Files.writeString(dir.resolve("lookup"), REAL_LOOKUP);
        CliRun run = CliRun.of("sumdb", "verify-note", "--key", SUM_GOLANG_ORG, lookup.toString());
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertEquals("verified: signed by " + SUM_GOLANG_ORG + "\ntree size: 3784599\n"
                + "tree hash: 7uvxIZ67TZygcq/AehTD8iHYt81Ih+Zl2Y7vXZbfszQ=\nrecord id: 1354545\n"
                + "github.com/libp2p/go-libp2p-blankhost v0.2.0 h1:3EsGAi0CBGcZ33GwRuXEYJLLPoVWyXJ1bcJzAJjINkk=\n"
                + "github.com/libp2p/go-libp2p-blankhost v0.2.0/go.mod h1:eduNKXGTioTuQAUcZ5epXi9vMl+t4d8ugUBRQ4SqaNQ=\n", run.out());
    }

    @Test
    void verifyNoteRefusesATamperedTreeSize() throws Exception {
        Path lookup = Files.writeString(dir.resolve("lookup"), REAL_LOOKUP.replace("3784599", "3784598"));
        CliRun run = CliRun.of("sumdb", "verify-note", "--key", SUM_GOLANG_ORG, lookup.toString());
        assertEquals(ExitCode.FAILED, run.exitCode());
        assertTrue(run.err().contains("invalid signature for key sum.golang.org+033de0ae"), run.err());
    }

    @Test
    void verifyNoteRefusesAHyphenInsteadOfTheEmDash() throws Exception {
        String note = REAL_LOOKUP.substring(REAL_LOOKUP.indexOf("go.sum database tree")).replace("\u2014", "-");
        CliRun run = CliRun.of("sumdb", "verify-note", "--key", SUM_GOLANG_ORG, Files.writeString(dir.resolve("n"), note).toString());
        assertEquals(ExitCode.FAILED, run.exitCode());
        assertTrue(run.err().contains("malformed note"), run.err());
    }

    @Test
    void verifyNoteNamesABadKey() throws Exception {
        CliRun run = CliRun.of("sumdb", "verify-note", "--key", "sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
                Files.writeString(dir.resolve("n"), REAL_LOOKUP).toString());
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().startsWith("error: --key: "), run.err());
    }
}
