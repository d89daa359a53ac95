package io.smokegate.check.goproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.gomod.DirHash;
import io.smokegate.gomod.ModulePaths;
import io.smokegate.gomod.ModuleZipWriter;
import io.smokegate.testing.ExternalTool;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real go command as the judge: it downloads our zip from a file:// proxy and reports its own hashes. */
class GoCommandTest {

    private static final String MODULE = "example.com/Smoke/m";
    private static final String GO_MOD = "module example.com/Smoke/m\n\ngo 1.13\n";

    @TempDir
    Path dir;

    @Test
    void goCommandDownloadsOurZipAndComputesTheSameHashes() throws Exception {
        Path go = ExternalTool.require("go", "golang-go");
        Path source = write(dir.resolve("source"), Map.of("go.mod", GO_MOD, "m.go", "package m\n\nfunc Answer() int { return 42 }\n",
                "internal/x/x.go", "package x\n", "vendor/example.com/v/v.go", "package v\n", ".git/HEAD", "ref: main\n"));
        Path versions = Files.createDirectories(dir.resolve("proxy").resolve(ModulePaths.escapePath(MODULE)).resolve("@v"));
        Files.writeString(versions.resolve("list"), "v1.0.0\n");
        Files.writeString(versions.resolve("v1.0.0.info"), "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-02T03:04:05Z\"}");
        Files.writeString(versions.resolve("v1.0.0.mod"), GO_MOD);
        try (OutputStream out = Files.newOutputStream(versions.resolve("v1.0.0.zip"))) {
            ModuleZipWriter.writeFromDirectory(source, MODULE, "v1.0.0", out);
        }
        Path work = write(dir.resolve("work"), Map.of("go.mod", "module example.com/user\n\ngo 1.19\n"));

        ProcessBuilder command = new ProcessBuilder(go.toString(), "mod", "download", "-json", MODULE + "@v1.0.0")
                .directory(work.toFile()).redirectError(dir.resolve("go.stderr").toFile());
        Map<String, String> env = command.environment();
        env.keySet().removeIf(k -> k.startsWith("GO"));
        env.putAll(Map.of("HOME", dir.toString(), "GOPATH", dir.resolve("gopath").toString(),
                "GOMODCACHE", dir.resolve("modcache").toString(), "GOCACHE", dir.resolve("gocache").toString(),
                "GOPROXY", dir.resolve("proxy").toUri().toString(), "GOSUMDB", "off", "GONOSUMCHECK", "1",
                "GOFLAGS", "-modcacherw -mod=mod", "GO111MODULE", "on", "GOTOOLCHAIN", "local"));
        Process process = command.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "go mod download did not finish");
        String errors = Files.readString(dir.resolve("go.stderr"));
        assertEquals(0, process.exitValue(), () -> "go mod download failed:\n" + errors + new String(stdout, StandardCharsets.UTF_8));

        JsonNode result = new ObjectMapper().readTree(stdout);
        assertEquals(List.of(ModuleZipWriter.hashDirectory(source, MODULE, "v1.0.0"), DirHash.goModHash(GO_MOD.getBytes(StandardCharsets.UTF_8))),
                List.of(result.path("Sum").asText(), result.path("GoModSum").asText()));
    }

    private static Path write(Path root, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = root.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        return root;
    }
}
