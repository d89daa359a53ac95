package io.smokegate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real go command (Debian golang-go), isolated in a temporary GOPATH, so tests can ask it what it
 * downloads and accepts from our proxies and checksum databases.
 */
public final class GoCommand {

    /** What {@code go mod download -json} reported for one module: its hashes, or its error. */
    public record Download(String path, String version, String sum, String goModSum, String error) {
        public boolean ok() {
            return error == null || error.isEmpty();
        }
    }

    private final Path go;
    private final Path home;
    private final Map<String, String> env = new HashMap<>();

    /**
     * @param goproxy the GOPROXY value
     * @param gosumdb the GOSUMDB value ("off", or "name+key url")
     */
    public GoCommand(Path home, String goproxy, String gosumdb) throws IOException {
        this.go = ExternalTool.require("go", "golang-go");
        this.home = Files.createDirectories(home);
        env.put("HOME", home.toString());
        env.put("GOPATH", home.resolve("gopath").toString());
        env.put("GOMODCACHE", home.resolve("modcache").toString());
        env.put("GOCACHE", home.resolve("gocache").toString());
        env.put("GOPROXY", goproxy);
        env.put("GOSUMDB", gosumdb);
        env.put("GOFLAGS", "-modcacherw");
        env.put("GO111MODULE", "on");
        env.put("GOTOOLCHAIN", "local");
        env.put("GONOSUMDB", "");
        env.put("GOPRIVATE", "");
        env.put("GONOPROXY", "");
        env.put("CGO_ENABLED", "0");
    }

    public GoCommand set(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** {@code go mod download -json module@version}; the go command's own cache is emptied first. */
    public Download download(String module, String version) throws IOException, InterruptedException {
        clean();
        String out = run("mod", "download", "-json", module + "@" + version);
        JsonNode json = new ObjectMapper().readTree(out.isBlank() ? "{}" : out);
        return new Download(json.path("Path").asText(module), json.path("Version").asText(version),
                json.path("Sum").asText(null), json.path("GoModSum").asText(null), json.path("Error").asText(null));
    }

    private void clean() throws IOException, InterruptedException {
        Path cache = home.resolve("modcache");
        if (Files.exists(cache)) {
            run("clean", "-modcache");
        }
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(go.toString());
        command.addAll(List.of(args));
        Path work = Files.createDirectories(home.resolve("work"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().putAll(env);
        Path errors = home.resolve("go-stderr.log");
        pb.redirectError(errors.toFile());
        Process p = pb.start();
        byte[] stdout = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("go " + String.join(" ", args) + " did not finish within 120 s");
        }
        String out = new String(stdout, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 && out.isBlank()) {
            throw new IOException("go " + String.join(" ", args) + " failed: " + Files.readString(errors));
        }
        return out;
    }
}
