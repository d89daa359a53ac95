package io.smokegate.chaos;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that owns an experiment's Chaos Mesh objects, written on each of them (annotation
 * {@value ChaosResources#OWNER_ANNOTATION}) so a sweep can tell a live experiment from one whose process died:
 * the host, process id and process start time of the CLI, and for {@code serve} also its replica id (whose
 * heartbeat in the shared database says whether it lives when it runs on another host).
 *
 * <p>Written as {@code cli/HOST/PID/START} or {@code serve/HOST/PID/START/REPLICA} (START in epoch milliseconds):
 * readable in {@code kubectl get -o yaml}, and parsed without a JSON library.
 */
public record Owner(String kind, String host, long pid, long processStart, String replica) {

    public static final String CLI = "cli";
    public static final String SERVE = "serve";

    public Owner {
        if (!kind.equals(CLI) && !kind.equals(SERVE)) {
            throw new IllegalArgumentException("owner kind is cli or serve, got " + kind);
        }
        if (host.isBlank() || host.contains("/")) {
            throw new IllegalArgumentException("not a host name: " + host);
        }
        if (kind.equals(SERVE) == (replica == null)) {
            throw new IllegalArgumentException("a serve owner names its replica, a CLI owner none");
        }
    }

    /** This process as the CLI. */
    public static Owner thisCli() {
        ProcessHandle me = ProcessHandle.current();
        return new Owner(CLI, hostName(), me.pid(), startOf(me), null);
    }

    /** This process as the {@code serve} replica {@code replica}. */
    public static Owner thisServe(String replica) {
        ProcessHandle me = ProcessHandle.current();
        return new Owner(SERVE, hostName(), me.pid(), startOf(me), replica);
    }

    /** The annotation value. */
    public String text() {
        String base = kind + "/" + host + "/" + pid + "/" + processStart;
        return replica == null ? base : base + "/" + replica;
    }

    /** The owner an annotation names, or empty when it is missing or not one smokegate wrote. */
    public static Optional<Owner> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split("/", -1);
        try {
            if (parts.length == 4 && parts[0].equals(CLI)) {
                return Optional.of(new Owner(CLI, parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]), null));
            }
            if (parts.length == 5 && parts[0].equals(SERVE) && !parts[4].isBlank()) {
                return Optional.of(new Owner(SERVE, parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]), parts[4]));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return kind + " process " + pid + " on " + host + (replica == null ? "" : " (replica " + replica + ")");
    }

    /**
     * This host's name as smokegate records it for owners and {@code serve} replicas alike: {@code HOSTNAME} (a pod's
     * name in Kubernetes), else the system's host name.
     */
    public static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.replace('/', '-');
        }
        try {
            return InetAddress.getLocalHost().getHostName().replace('/', '-');
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static long startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
