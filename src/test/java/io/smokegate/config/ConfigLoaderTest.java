package io.smokegate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void withoutAFileTheDefaultsApply() throws Exception {
        AppConfig c = new ConfigLoader(Map.<String, String>of()::get).load(null);
        assertEquals(AppConfig.defaults(), c);
        assertNull(c.apiToken());
    }

    @Test
    void theFileSetsEverySectionAndRelativePathsFollowTheFile() throws Exception {
        Files.writeString(dir.resolve("token"), "s3cret-token\n");
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                server: {host: 127.0.0.1, port: 9000, maxRequestBytes: 32KiB}
                checklists: lists
                dataDir: /var/lib/smokegate
                database: {url: "jdbc:postgresql://db/smokegate", user: sg}
                api: {tokenFile: token}
                runs: {maxConcurrent: 4, queueCapacity: 8, shutdownGrace: 45s}
                """);
        AppConfig c = new ConfigLoader(Map.<String, String>of()::get).load(file);
        assertEquals("127.0.0.1", c.host());
        assertEquals(9000, c.port());
        assertEquals(32 * 1024, c.maxRequestBytes());
        assertEquals(dir.resolve("lists").toAbsolutePath(), c.checklistsDir());
        assertEquals(Path.of("/var/lib/smokegate"), c.dataDir());
        assertEquals("jdbc:postgresql://db/smokegate", c.databaseUrl());
        assertEquals("sg", c.databaseUser());
        assertEquals("s3cret-token", c.apiToken());
        assertEquals(4, c.maxConcurrentRuns());
        assertEquals(8, c.queueCapacity());
        assertEquals(Duration.ofSeconds(45), c.shutdownGrace());
    }

    @Test
    void environmentVariablesOverrideTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "server: {port: 9000}\n");
        AppConfig c = new ConfigLoader(Map.of("SMOKEGATE_PORT", "9100", "SMOKEGATE_API_TOKEN", "from-env",
                "SMOKEGATE_DATA_DIR", "/data")::get).load(file);
        assertEquals(9100, c.port());
        assertEquals("from-env", c.apiToken());
        assertEquals(Path.of("/data"), c.dataDir());
    }

    @Test
    void aBadPortInTheEnvironmentNamesTheVariable() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ConfigLoader(Map.of("SMOKEGATE_PORT", "http")::get).load(null));
        assertTrue(e.getMessage().startsWith("SMOKEGATE_PORT: 'http' is not a port number"), e.getMessage());
    }

    @Test
    void unknownFieldsAndWrongTypesAreReportedWithPositions() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                server: {port: eighty}
                runs: {maxConcurent: 2}
                """);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ConfigLoader(Map.<String, String>of()::get).load(file));
        assertEquals(2, e.problems().size());
        assertTrue(e.getMessage().contains(file + ":1:16: server.port: expected a whole number"), e.getMessage());
        assertTrue(e.getMessage().contains(file + ":2:8: runs.maxConcurent: unknown field (did you mean 'maxConcurrent'?)"),
                e.getMessage());
    }

    @Test
    void theServerSectionSetsTheConnectionTimeoutsAndCap() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"),
                "server: {idleTimeout: 10s, requestReadTimeout: 1m, maxConnections: 5000}\n");
        AppConfig c = new ConfigLoader(Map.<String, String>of()::get).load(file);
        assertEquals(new ConnectionLimits(Duration.ofSeconds(10), Duration.ofMinutes(1), 5000), c.connections());
    }

    @Test
    void badConnectionLimitsAreReportedWithPositions() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                server:
                  idleTimeout: 500ms
                  requestReadTimeout: soon
                  maxConnections: 0
                """);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ConfigLoader(Map.<String, String>of()::get).load(file));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains(file + ":2:16: server.idleTimeout: 500ms is out of range"), e.getMessage());
        assertTrue(e.getMessage().contains(file + ":3:23: server.requestReadTimeout: 'soon' is not a duration"), e.getMessage());
        assertTrue(e.getMessage().contains(file + ":4:19: server.maxConnections: 0 is out of range"), e.getMessage());
    }

    @Test
    void theDefaultConnectionCapLeavesAFifthOfTheOpenFileLimitForEverythingElse() {
        assertEquals(3277, ConnectionLimits.defaultMaxConnections(4096));
        assertEquals(16_000, ConnectionLimits.defaultMaxConnections(20_000));
        assertEquals(768, ConnectionLimits.defaultMaxConnections(1024), "at least 256 stay in reserve");
        assertEquals(16_384, ConnectionLimits.defaultMaxConnections(1_048_576), "each connection costs memory too");
    }

    @Test
    void aMissingTokenFileIsAProblemAtItsField() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "api: {tokenFile: /nonexistent/token}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ConfigLoader(Map.<String, String>of()::get).load(file));
        assertTrue(e.getMessage().contains("api.tokenFile: cannot read /nonexistent/token"), e.getMessage());
    }

    @Test
    void theConfigNeverPrintsItsSecrets() {
        AppConfig c = new AppConfig("h", 1, Path.of("c"), Path.of("d"), "jdbc:postgresql://x", "u", "db-password",
                "api-token", 1, 1, Duration.ZERO, 1, ConnectionLimits.defaults(), "http://reader:prom-password@prometheus:9090");
        assertTrue(!c.toString().contains("db-password") && !c.toString().contains("api-token")
                && !c.toString().contains("prom-password"), c.toString());
    }
}
