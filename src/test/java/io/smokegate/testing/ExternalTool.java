package io.smokegate.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real program a test needs (prometheus, go, initdb …). Under CI=true a missing program fails the
 * test: .ci/run installs every one, so absence there is a broken pipeline, not a reason to skip.
 * On a developer machine without it the test is reported as aborted, naming what to install.
 */
public final class ExternalTool {

    private ExternalTool() {
    }

    public static Path require(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/lib/postgresql/15/bin"}) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = name + " is not installed (Debian package " + debianPackage + "; .ci/run installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
