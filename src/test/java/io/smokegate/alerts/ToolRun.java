package io.smokegate.alerts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A finished run of promtool or amtool: its exit code and everything it printed, for failure messages. */
record ToolRun(List<String> command, int exitCode, String output) {

    private static final long TIMEOUT_SECONDS = 120;

    /** Runs {@code command} in {@code workDir}; output goes through a file so a chatty tool cannot block on a full pipe. */
    static ToolRun of(Path workDir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("tool-run", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS
                        + " s:\n" + Files.readString(log));
            }
            return new ToolRun(command, p.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** What to show when the exit code is not the expected one. */
    String report() {
        return "$ " + String.join(" ", command) + "\nexit code " + exitCode + "\n" + output;
    }
}
