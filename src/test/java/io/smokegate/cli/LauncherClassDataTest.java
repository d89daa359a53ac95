package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script's class-data archive: written only by a real run, so that {@code --help} or a failed
 * start cannot leave a small archive that every later start of the command maps instead of a useful one.
 * The launcher runs as installed, beside a {@code target/smokegate.jar} that points at the build's classes.
 */
class LauncherClassDataTest {

    @TempDir
    Path home;

    Path checklist;

    @BeforeEach
    void install() throws IOException {
        Files.copy(Path.of("smokegate"), home.resolve("smokegate"));
        Files.createDirectories(home.resolve("target"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.smokegate.Main");
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry).toUri().toString());
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        try (OutputStream out = Files.newOutputStream(home.resolve("target/smokegate.jar"));
             JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // The manifest is the whole jar.
        }
        checklist = Files.writeString(home.resolve("ok.yaml"), """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: ok}
                spec:
                  checks:
                    - {id: api, type: tcp, with: {address: "127.0.0.1:9"}}
                """);
    }

    private ChildJvm.Result launch(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("smokegate").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("SMOKEGATE_JAVA_OPTS");
        builder.environment().putAll(env);
        return ChildJvm.run(builder);
    }

    private ChildJvm.Result launch(String... args) {
        return launch(Map.of(), args);
    }

    private List<String> files() throws IOException {
        Path dir = home.resolve("target/cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** The archives later starts map; what a run wrote at exit is only adopted by the next start. */
    private List<String> archives() throws IOException {
        return files().stream().filter(f -> f.endsWith(".jsa") || f.endsWith(".aot")).toList();
    }

    /** Starts twice: the second start adopts whatever the first one left, if it qualifies. */
    private int launchTwice(String... args) {
        launch(args);
        return launch(args).exitCode();
    }

    @Test
    void helpLeavesNoArchive() throws Exception {
        assertEquals(0, launchTwice("lint", "--help"));
        assertEquals(0, launchTwice("serve", "--help"));

        assertEquals(List.of(), archives());
    }

    @Test
    void versionLeavesNoArchive() throws Exception {
        assertEquals(0, launchTwice("--version"));

        assertEquals(List.of(), archives());
    }

    @Test
    void anInvalidInvocationLeavesNoArchive() throws Exception {
        assertEquals(ExitCode.INVALID, launchTwice("lint", "--no-such-flag", checklist.toString()));

        assertEquals(List.of(), archives());
    }

    @Test
    void aFailedStartLeavesNoArchive() throws Exception {
        assertEquals(ExitCode.INVALID, launchTwice("serve", "--checklists", home.resolve("missing").toString()));

        assertEquals(List.of(), archives());
    }

    @Test
    void whatRunsThatWereNotRealWroteIsDeletedByTheNextStart() throws Exception {
        for (int i = 0; i < 3; i++) {
            launch("lint", "--help");
        }

        List<String> files = files();
        assertEquals(1, files.size(), "only the last run's file is left: " + files);
        assertTrue(files.get(0).matches("lint-\\d+-\\d+\\.\\d+\\.train"), files.toString());
    }

    @Test
    void aRealRunsArchiveIsMappedFromTheNextStartOn() throws Exception {
        ChildJvm.Result first = launch("lint", checklist.toString());
        assertEquals(0, first.exitCode(), first.output());
        // On JDK 25 the training run's VM also says, on stderr, where it recorded the AOT configuration.
        assertTrue(first.output().startsWith("ok: " + checklist + " (checklist ok, 1 check)\n"), first.output());

        // Each makes the JVM refuse to start unless it maps the archive (a CDS archive; an AOT cache on JDK 25+).
        String mapOrFail = Runtime.version().feature() >= 25 ? "-XX:AOTMode=on" : "-Xshare:on";
        ChildJvm.Result second = launch(Map.of("SMOKEGATE_JAVA_OPTS", mapOrFail), "lint", checklist.toString());

        assertEquals(0, second.exitCode(), second.output());
        assertEquals("ok: " + checklist + " (checklist ok, 1 check)\n", second.output(), "a start that maps says nothing more");
        List<String> files = files();
        assertEquals(1, files.size(), "the adopted archive and nothing else: " + files);
        assertTrue(files.get(0).matches("lint-\\d+-\\d+\\." + (Runtime.version().feature() >= 25 ? "aot" : "jsa")),
                files.toString());
    }
}
