package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.smokegate.testing.Ports;
import io.smokegate.testing.kube.FakeCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smokegate cluster info}: reachability per context and the exit codes 0, 1, 2, 3. */
class ClusterCommandTest {

    private static FakeCluster fake;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        fake = FakeCluster.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static String row(String context, String server, String version, String reachable, int contextWidth, int serverWidth,
                              int versionWidth) {
        return String.format("%-" + contextWidth + "s   %-" + serverWidth + "s   %-" + versionWidth + "s   %s%n",
                context, server, version, reachable);
    }

    /** Context {@code fake} on the fake cluster, and {@code gone}, whose server's port is closed. */
    private Path kubeconfigWithADeadContext(int deadPort) throws IOException {
        return Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: live, cluster: {server: "%s"}}
                - {name: dead, cluster: {server: "http://127.0.0.1:%d"}}
                users:
                - {name: smokegate, user: {token: %s}}
                contexts:
                - {name: fake, context: {cluster: live, user: smokegate}}
                - {name: gone, context: {cluster: dead, user: smokegate}}
                current-context: fake
                """.formatted(fake.url(), deadPort, FakeCluster.serviceAccountToken("smokegate", "smokegate")));
    }

    @Test
    void reachableContextsExitZeroWithTheirServerAndVersion() {
        Path config = fake.writeKubeconfig(dir.resolve("config"), "fake", "fake-admin");
        CliRun run = CliRun.of("cluster", "info", "--kubeconfig", config.toString(), "--context", "fake", "--context", "fake-admin");
        int s = fake.url().length();
        int v = FakeCluster.GIT_VERSION.length();
        assertEquals(row("CONTEXT", "SERVER", "VERSION", "REACHABLE", 10, s, v)
                + row("fake", fake.url(), FakeCluster.GIT_VERSION, "yes", 10, s, v)
                + row("fake-admin", fake.url(), FakeCluster.GIT_VERSION, "yes", 10, s, v), run.out());
        assertEquals("", run.err());
        assertEquals(0, run.exitCode());
    }

    @Test
    void withoutContextTheCurrentOneIsShown() {
        Path config = fake.writeKubeconfig(dir.resolve("config"), "fake-admin", "fake");
        CliRun run = CliRun.of("cluster", "info", "--kubeconfig", config.toString());
        assertEquals(2, run.out().lines().count());
        assertEquals("fake-admin", run.out().lines().skip(1).findFirst().orElseThrow().split(" ")[0]);
        assertEquals(0, run.exitCode());
    }

    @Test
    void anUnreachableContextExitsThree() throws IOException {
        int port = Ports.free();
        Path config = kubeconfigWithADeadContext(port);
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("cluster", "info",
                "--kubeconfig", config.toString(), "--context", "fake", "--context", "gone", "--timeout", "3s"));
        String dead = "http://127.0.0.1:" + port;
        int s = Math.max(fake.url().length(), dead.length());
        int v = FakeCluster.GIT_VERSION.length();
        assertEquals(row("CONTEXT", "SERVER", "VERSION", "REACHABLE", 7, s, v)
                + row("fake", fake.url(), FakeCluster.GIT_VERSION, "yes", 7, s, v)
                + row("gone", dead, "-", "no", 7, s, v), run.out());
        assertEquals("error: cannot reach the Kubernetes API server " + dead + " of context 'gone': connection refused\n",
                run.err());
        assertEquals(3, run.exitCode());
    }

    @Test
    void aServerThatDoesNotAnswerInTimeExitsThree() {
        fake.delay("GET", "/version", Duration.ofSeconds(20));
        try {
            Path config = fake.writeKubeconfig(dir.resolve("config"));
            CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> CliRun.of("cluster", "info", "--kubeconfig", config.toString(), "--timeout", "1s"));
            assertEquals("error: the Kubernetes API server " + fake.url() + " of context 'fake' did not answer 'get' on path "
                    + "'/version' within 1s\n", run.err());
            assertEquals(3, run.exitCode());
        } finally {
            fake.clearFaults();
        }
    }

    @Test
    void aServerThatRefusesUsExitsOne() {
        fake.answer("GET", "/version", 401, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");
        try {
            Path config = fake.writeKubeconfig(dir.resolve("config"));
            CliRun run = CliRun.of("cluster", "info", "--kubeconfig", config.toString());
            assertEquals("error: unauthorized: the Kubernetes API server " + fake.url() + " of context 'fake' rejected the "
                    + "credentials of service account " + FakeCluster.SERVICE_ACCOUNT
                    + "; renew the token or fix the kubeconfig user\n", run.err());
            assertEquals("yes", run.out().lines().skip(1).findFirst().orElseThrow().replaceAll(".* ", ""));
            assertEquals(1, run.exitCode());
        } finally {
            fake.clearFaults();
        }
    }

    @Test
    void anUnknownContextExitsTwoNamingTheKnownOnes() {
        Path config = fake.writeKubeconfig(dir.resolve("config"), "fake", "fake-admin");
        CliRun run = CliRun.of("cluster", "info", "--kubeconfig", config.toString(), "--context", "prod");
        assertEquals("", run.out());
        assertEquals("error: unknown Kubernetes context 'prod': no context 'prod' in kubeconfig " + config
                + " (known contexts: fake, fake-admin)\n", run.err());
        assertEquals(2, run.exitCode());
    }

    @Test
    void aMissingKubeconfigExitsTwo() {
        Path missing = dir.resolve("missing.yaml");
        CliRun run = CliRun.of("cluster", "info", "--kubeconfig", missing.toString());
        assertEquals("error: kubeconfig " + missing + " does not exist or is not a file\n", run.err());
        assertEquals(2, run.exitCode());
    }

    @Test
    void anInvalidKubeconfigExitsTwo() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "clusters: {{{\n");
        CliRun run = CliRun.of("cluster", "info", "--kubeconfig", broken.toString());
        assertEquals(true, run.err().startsWith("error: kubeconfig " + broken + " is not a valid kubeconfig: "), run.err());
        assertEquals(2, run.exitCode());
    }

    @Test
    void anInvalidTimeoutExitsTwo() {
        CliRun run = CliRun.of("cluster", "info", "--timeout", "soon");
        assertEquals("error: --timeout: 'soon' is not a positive duration; use e.g. 500ms, 10s, 1m30s, 2h\n", run.err());
        assertEquals(2, run.exitCode());
    }
}
