package io.smokegate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckRegistry;
import io.smokegate.check.CheckType;
import io.smokegate.check.Param;
import io.smokegate.metrics.MetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README is the user's manual: it must keep up with what the code accepts and exports. */
class ReadmeTest {

    private final String readme = read("README.md");

    @Test
    void opensWithTheBuildAndRunCommandAndTheTestCommandThatCiRuns() {
        List<String> commands = readme.lines().filter(l -> l.startsWith("./")).limit(2)
                .map(l -> l.replaceAll("\\s+#.*$", "")).toList();
        assertEquals("./mvnw -q -B -DskipTests package && ./smokegate run checklists/public-endpoints.yaml", commands.get(0));
        assertEquals("./mvnw -B verify", commands.get(1));
        assertTrue(Files.exists(Path.of("checklists/public-endpoints.yaml")));
        List<String> ci = read(".ci/run").lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertEquals(commands.get(1) + " < /dev/null", ci.get(ci.size() - 1), ".ci/run must end with the README's test command");
    }

    @Test
    void documentsEveryParameterOfEveryCheckType() {
        for (CheckType type : CheckRegistry.standard().all()) {
            assertTrue(readme.contains("**`" + type.name() + "`**"), "check type " + type.name());
            for (Param p : type.params()) {
                assertTrue(readme.contains("`" + p.name() + "`"), type.name() + "." + p.name() + " is not in the README");
            }
        }
    }

    @Test
    void documentsEveryMetric() {
        for (String name : MetricNames.all(CheckRegistry.standard().measures())) {
            assertTrue(readme.contains("`" + name + "`"), name + " is not in the README");
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
