package io.smokegate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell scripts of deploy/examples' CI files, taken out as each CI system would run them, and run with bash or
 * sh against the real CLI ({@code smokegate} on the PATH: this build's classes in a JVM of their own).
 */
public final class CiScripts {

    private static final Pattern GITHUB_EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");

    private CiScripts() {
    }

    /** A script, the environment its CI gives it and the command line that runs it. */
    public record Script(String text, Map<String, String> env, List<String> shell) {
    }

    /**
     * The composite action's single {@code run:} step, {@code ${{ inputs.NAME }}} replaced by {@code given} or the
     * input's default (as GitHub Actions does); any other expression is rejected. Run as GitHub runs
     * {@code shell: bash}.
     */
    public static Script githubStep(Path actionYml, Map<String, String> given) throws IOException {
        JsonNode action = ArgoWebMetric.documents(actionYml).getFirst();
        if (!action.at("/runs/using").asText().equals("composite") || action.at("/runs/steps").size() != 1) {
            throw new AssertionError("expected a composite action of one step: " + action.get("runs"));
        }
        JsonNode step = action.at("/runs/steps/0");
        if (!step.path("shell").asText().equals("bash")) {
            throw new AssertionError("expected shell: bash, not " + step.path("shell"));
        }
        for (String name : given.keySet()) {
            if (!action.path("inputs").has(name)) {
                throw new AssertionError("the action has no input " + name);
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        step.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), github(e.getValue().asText(), action, given)));
        return new Script(github(step.path("run").asText(), action, given), env,
                List.of("bash", "--noprofile", "--norc", "-eo", "pipefail"));
    }

    private static String github(String text, JsonNode action, Map<String, String> given) {
        Matcher m = GITHUB_EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expression = m.group(1);
            if (!expression.startsWith("inputs.") || !action.path("inputs").has(expression.substring(7))) {
                throw new AssertionError("expression ${{ " + expression + " }} is not an input of the action");
            }
            String name = expression.substring(7);
            String value = given.getOrDefault(name, action.at("/inputs/" + name).path("default").asText(""));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A job's {@code script:} lines in one shell, its {@code variables:} (defaults) under {@code given}. */
    public static Script gitlabJob(Path file, String job, Map<String, String> given) throws IOException {
        JsonNode node = ArgoWebMetric.documents(file).getFirst().get(job);
        Map<String, String> env = new LinkedHashMap<>();
        node.path("variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        for (String name : given.keySet()) {
            if (!env.containsKey(name)) {
                throw new AssertionError("the job has no variable " + name);
            }
        }
        env.putAll(given);
        StringBuilder script = new StringBuilder();
        node.get("script").forEach(line -> script.append(line.asText()).append('\n'));
        // GitLab's bash shell runs the script lines with errexit and pipefail.
        return new Script(script.toString(), env, List.of("bash", "--noprofile", "--norc", "-eo", "pipefail"));
    }

    /**
     * A Task's single step: {@code $(params.NAME)} (given or default), {@code $(workspaces.NAME.path)} and
     * {@code $(results.NAME.path)} replaced as Tekton does, the step's env likewise; run by its shebang's shell.
     */
    public static Script tektonStep(Path file, Map<String, String> params, Map<String, Path> workspaces, Map<String, Path> results)
            throws IOException {
        JsonNode task = ArgoWebMetric.documents(file).getFirst();
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode p : task.at("/spec/params")) {
            String name = p.get("name").asText();
            String value = params.containsKey(name) ? params.get(name) : p.has("default") ? p.get("default").asText() : null;
            if (value == null) {
                throw new AssertionError("param " + name + " has no default and was not given");
            }
            values.put("params." + name, value);
        }
        task.at("/spec/workspaces").forEach(w -> values.put("workspaces." + w.get("name").asText() + ".path",
                workspaces.get(w.get("name").asText()).toString()));
        task.at("/spec/results").forEach(r -> values.put("results." + r.get("name").asText() + ".path",
                results.get(r.get("name").asText()).toString()));
        JsonNode step = task.at("/spec/steps/0");
        Map<String, String> env = new LinkedHashMap<>();
        step.path("env").forEach(e -> env.put(e.get("name").asText(), tekton(e.get("value").asText(), values)));
        String script = tekton(step.get("script").asText(), values);
        String shebang = script.lines().findFirst().orElse("");
        if (!shebang.equals("#!/bin/sh")) {
            throw new AssertionError("expected a #!/bin/sh script, not " + shebang);
        }
        return new Script(script, env, List.of("sh"));
    }

    private static String tekton(String text, Map<String, String> values) {
        Matcher m = Pattern.compile("\\$\\((params|workspaces|results)\\.([^)]*)\\)").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1) + "." + m.group(2));
            if (value == null) {
                throw new AssertionError("$(" + m.group(1) + "." + m.group(2) + ") is not declared by the Task");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A {@code smokegate} launcher in {@code dir}/bin: this JVM's java and class path, the CLI's main class,
     * for the directory to be put first on the PATH.
     */
    public static Path launcher(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path launcher = bin.resolve("smokegate");
        List<String> jvm = new java.util.ArrayList<>(ChildJvm.command(List.of(), Main.class));
        // A one-shot CLI: the quick compiler and the serial collector start it in half the time.
        jvm.addAll(1, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        String command = String.join(" ", jvm.stream().map(CiScripts::quote).toList());
        Files.writeString(launcher, "#!/bin/sh\nexec " + command + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** Runs the script in {@code dir} with its env over this process's, {@code bin} first on the PATH. */
    public static ChildJvm.Result run(Script script, Path dir, Path bin, Map<String, String> more) throws IOException {
        Path file = Files.createTempFile(dir, "ci-script-", ".sh");
        Files.writeString(file, script.text(), StandardCharsets.UTF_8);
        List<String> command = new java.util.ArrayList<>(script.shell());
        command.add(file.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("SMOKEGATE_DATA_DIR");
        builder.environment().remove("SMOKEGATE_DATABASE_URL");
        builder.environment().remove("SMOKEGATE_PROMETHEUS_URL");
        builder.environment().putAll(script.env());
        builder.environment().putAll(more);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        return ChildJvm.run(builder);
    }
}
