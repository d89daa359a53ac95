package io.smokegate.deploy;

import io.smokegate.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The real programs the deploy/ tests run: kubectl's Kustomize and the Node schema validator. */
final class Tools {

    /** What a program printed on stdout and stderr, and its exit code. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private Tools() {
    }

    /** {@code kubectl kustomize DIR}: the objects as Kustomize builds them; fails naming stderr otherwise. */
    static String kustomize(Path dir) throws IOException, InterruptedException {
        Path kubectl = ExternalTool.require("kubectl", "none, kubectl 1.32 is on the machine image");
        Result result = run(List.of(kubectl.toString(), "kustomize", dir.toString()), null);
        Assertions.assertEquals(0, result.exitCode(), () -> "kubectl kustomize " + dir + ": " + result.stderr());
        return result.stdout();
    }

    /** deploy/validate/validate.mjs on {@code yaml}: one line per object, exit 1 when one is invalid. */
    static Result validate(String yaml) throws IOException, InterruptedException {
        Path node = ExternalTool.require("node", "nodejs");
        Path dir = Path.of("deploy/validate");
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            String message = "deploy/validate/node_modules is missing: run `npm ci` in deploy/validate (.ci/run does)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return run(List.of(node.toString(), dir.resolve("validate.mjs").toString()), yaml);
    }

    private static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            Assertions.fail(String.join(" ", command) + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), DeployManifests.utf8(out.join()), DeployManifests.utf8(err.join()));
    }

    private static byte[] readAll(java.io.InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
