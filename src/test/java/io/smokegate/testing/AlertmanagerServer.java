package io.smokegate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real Alertmanager (Debian {@code prometheus-alertmanager}) on a free loopback port, clustering off. */
public final class AlertmanagerServer implements AutoCloseable {

    private final ManagedProcess process;
    private final String url;

    private AlertmanagerServer(ManagedProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts Alertmanager with {@code config} as its alertmanager.yml. */
    public static AlertmanagerServer start(Path dir, String config) throws IOException, InterruptedException {
        Path binary = ExternalTool.require("prometheus-alertmanager", "prometheus-alertmanager");
        Files.createDirectories(dir);
        Path file = dir.resolve("alertmanager.yml");
        Files.writeString(file, config);
        int port = Ports.free();
        // An empty cluster address turns off gossip: no second port, no waiting for peers to settle.
        String url = "http://127.0.0.1:" + port;
        return new AlertmanagerServer(ManagedProcess.startReady(dir, List.of(binary.toString(), "--config.file=" + file,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address="), url + "/-/ready", Duration.ofSeconds(30)), url);
    }

    /** Its host:port, as Prometheus's {@code alerting.alertmanagers} static target. */
    public String target() {
        return url.substring("http://".length());
    }

    public String log() throws IOException {
        return process.log();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
