package io.smokegate.testing.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The fake cluster as a process (see bench/fake-cluster.sh): starts it, writes a kubeconfig pointing at it,
 * loads the objects of a directory, prints one ready line and serves until killed.
 */
public final class FakeClusterMain {

    static final String USAGE = "usage: fake-cluster --port PORT --kubeconfig FILE [--objects DIR|FILE] [--metrics FILE] [--context NAME]... [--tls] [--chaos-controller] [--record-chaos FILE]";

    private FakeClusterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Integer port = null;
        Path kubeconfig = null;
        Path objects = null;
        Path metrics = null;
        boolean tls = false;
        boolean chaosController = false;
        Path recordChaos = null;
        List<String> contexts = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--kubeconfig" -> kubeconfig = Path.of(args[++i]);
                    case "--objects" -> objects = Path.of(args[++i]);
                    case "--metrics" -> metrics = Path.of(args[++i]);
                    case "--context" -> contexts.add(args[++i]);
                    case "--tls" -> tls = true;
                    case "--chaos-controller" -> chaosController = true;
                    case "--record-chaos" -> recordChaos = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (port == null || kubeconfig == null || port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port and --kubeconfig are required");
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("fake-cluster: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        FakeCluster cluster;
        try {
            cluster = tls ? FakeCluster.startTls(port) : FakeCluster.start(port);
        } catch (RuntimeException e) {
            System.err.println("fake-cluster: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
            System.exit(3);
            return;
        }
        Path record = recordChaos;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (record != null) {
                // Every chaos object created, one JSON document per line: what a kill bench checks spec.duration on.
                try {
                    java.nio.file.Files.write(record, cluster.chaosObjectsCreated().stream()
                            .map(body -> body.replace('\n', ' ')).toList());
                } catch (IOException e) {
                    System.err.println("fake-cluster: cannot write " + record + ": " + e.getMessage());
                }
            }
            cluster.close();
        }, "fake-cluster-shutdown"));
        int loaded = 0;
        try {
            cluster.writeKubeconfig(kubeconfig, contexts.toArray(String[]::new));
            if (objects != null) {
                loaded = cluster.load(objects);
            }
            if (metrics != null) {
                cluster.metricsText(java.nio.file.Files.readString(metrics));
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("fake-cluster: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path demo = null;
        if (chaosController) {
            // Runs until the process ends (daemon thread); chaos objects get Chaos Mesh's finalizer and conditions.
            SimulatedChaosController.attach(cluster);
            try {
                demo = loadChaosDemo(cluster, objects);
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                System.err.println("fake-cluster: " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        System.out.println("fake cluster ready: " + cluster.url() + " (kubeconfig " + kubeconfig.toAbsolutePath()
                + ", context " + (contexts.isEmpty() ? "fake" : String.join(", ", contexts)) + ", " + loaded
                + " objects loaded from " + (objects == null ? "nowhere" : objects)
                + (chaosController ? ", simulated Chaos Mesh controller running, namespace demo from " + demo : "")
                + ")");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /**
     * The targets of chaos-scenarios/demo.yaml (bench/fake-cluster/chaos-demo.yaml, found from the test classes'
     * location, so any working directory will do), unless {@code --objects} already loaded that file.
     *
     * @return the file
     */
    static Path loadChaosDemo(FakeCluster cluster, Path objects) throws IOException {
        Path file;
        try {
            Path classes = Path.of(FakeClusterMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            file = classes.resolve("../../bench/fake-cluster/chaos-demo.yaml").normalize();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the test classes", e);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: --chaos-controller needs it (run from a smokegate checkout)");
        }
        if (objects == null || !file.toRealPath().startsWith(objects.toRealPath())) {
            cluster.load(file);
        }
        return file;
    }
}
