package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void aMissingChecklistDirectoryExitsTwoNamingTheFlag() {
        CliRun run = CliRun.of("serve", "--checklists", dir.resolve("nope").toString(), "--data-dir", dir.toString());
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().contains("--checklists"), run.err());
    }

    @Test
    void anInvalidConfigFileExitsTwoWithThePosition() throws Exception {
        Path config = Files.writeString(dir.resolve("smokegate.yaml"), "server:\n  prot: 80\n");
        CliRun run = CliRun.of("serve", "--config", config.toString());
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().contains(config + ":2:3: server.prot: unknown field (did you mean 'port'?)"), run.err());
    }

    @Test
    void anAllowedKubernetesContextTheKubeconfigLacksExitsTwoNamingIt() throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: staging, context: {cluster: c, user: u}}]
                """);
        Path config = Files.writeString(dir.resolve("smokegate.yaml"),
                "kubernetes: {kubeconfig: kubeconfig, contexts: [staging, prod]}\n");
        CliRun run = CliRun.of("serve", "--config", config.toString());
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().contains(config + ":1:58: kubernetes.contexts: unknown Kubernetes context 'prod': no context "
                + "'prod' in kubeconfig " + kubeconfig + " (known contexts: staging)"), run.err());
    }

    @Test
    void aPortInUseExitsTwoNamingTheFlag() throws Exception {
        Files.createDirectories(dir.resolve("checklists"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("serve", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()),
                    "--checklists", dir.resolve("checklists").toString(), "--data-dir", dir.resolve("data").toString());
            assertEquals(ExitCode.INVALID, run.exitCode());
            assertTrue(run.err().contains("--port") && run.err().contains(String.valueOf(taken.getLocalPort())), run.err());
        }
    }
}
