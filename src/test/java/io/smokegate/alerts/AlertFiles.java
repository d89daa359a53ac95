package io.smokegate.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shipped rule files, their promtool tests and the runbooks, read as data. */
final class AlertFiles {

    static final String RUNBOOK_URL = "https://github.com/smokegate/smokegate/blob/main/docs/runbooks.md#";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One rule of a rule file: an alerting rule ({@code alert}) or a recording rule ({@code record}). */
    record Rule(Path file, String group, JsonNode node) {

        boolean isAlert() {
            return node.has("alert");
        }

        String name() {
            return isAlert() ? node.path("alert").asText() : node.path("record").asText();
        }

        String expr() {
            return node.path("expr").asText();
        }

        String label(String name) {
            return node.path("labels").path(name).asText("");
        }

        String annotation(String name) {
            return node.path("annotations").path(name).asText("");
        }

        @Override
        public String toString() {
            return name() + (label("severity").isEmpty() ? "" : " (" + label("severity") + ")") + " in " + file.getFileName();
        }
    }

    private AlertFiles() {
    }

    /** The repository root: the nearest directory, from the working directory up, with pom.xml and alerts/. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("alerts"))) {
                return dir;
            }
        }
        throw new AssertionError("no directory with pom.xml and alerts/ above " + Path.of("").toAbsolutePath());
    }

    static Path alertsDir() {
        return root().resolve("alerts");
    }

    static Path runbooks() {
        return root().resolve("docs/runbooks.md");
    }

    static List<Path> ruleFiles() {
        return list(alertsDir(), ".rules.yml");
    }

    static List<Path> testFiles() {
        return list(alertsDir().resolve("tests"), ".test.yml");
    }

    static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : read(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    rules.add(new Rule(file, group.path("name").asText(), rule));
                }
            }
        }
        return rules;
    }

    static List<Rule> alerts() {
        return rules().stream().filter(Rule::isAlert).toList();
    }

    /** The rule files a promtool test file loads; promtool resolves them against the test file's directory. */
    static List<Path> ruleFilesOf(Path testFile) {
        List<Path> files = new ArrayList<>();
        for (JsonNode name : read(testFile).path("rule_files")) {
            files.add(testFile.getParent().resolve(name.asText()).normalize());
        }
        return files;
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (found.isEmpty()) {
                throw new AssertionError("no *" + suffix + " in " + dir);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
