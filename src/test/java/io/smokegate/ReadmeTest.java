package io.smokegate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckRegistry;
import io.smokegate.check.CheckType;
import io.smokegate.check.Param;
import io.smokegate.metrics.MetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

    @Test
    void theLayoutNamesEveryPackageAndEachUsesOnlyThoseAboveIt() throws Exception {
        String block = readme.substring(readme.indexOf("src/main/java/io/smokegate/\n"), readme.indexOf("src/test/java/io/smokegate/\n"));
        List<String> layout = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^  ([a-z]+)/").matcher(block);
        while (m.find()) {
            layout.add(m.group(1));
        }
        layout.add("cli");
        Path root = Path.of("src/main/java/io/smokegate");
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        assertEquals(packages, new TreeSet<>(layout), "the README's layout lists every package once");

        Pattern imports = Pattern.compile("(?m)^import (?:static )?io\\.smokegate\\.([a-z]+)\\.");
        List<String> upward = new ArrayList<>();
        for (String pkg : layout) {
            try (Stream<Path> files = Files.walk(root.resolve(pkg))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher i = imports.matcher(Files.readString(file));
                    while (i.find()) {
                        String used = i.group(1);
                        boolean documentedException = pkg.equals("store") && used.equals("alerts");
                        if (!used.equals(pkg) && layout.indexOf(used) > layout.indexOf(pkg) && !documentedException) {
                            upward.add(root.relativize(file) + " uses " + used);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), upward, "a package uses only packages listed above it in the README's layout");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
