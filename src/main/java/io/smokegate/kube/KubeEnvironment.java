package io.smokegate.kube;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the connection reads from the process's surroundings: environment variables ({@code KUBECONFIG},
 * {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}), the home directory and the service-account directory a pod
 * gets mounted. A value, so tests can simulate a pod or a workstation without touching the real ones.
 */
public record KubeEnvironment(UnaryOperator<String> env, Path home, Path serviceAccountDir) {

    /** Where Kubernetes mounts a pod's service-account token, CA certificate and namespace. */
    public static final Path POD_SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    public static KubeEnvironment system() {
        return new KubeEnvironment(System::getenv, Path.of(System.getProperty("user.home")), POD_SERVICE_ACCOUNT_DIR);
    }

    /** Given variables only, a given home and service-account directory (tests). */
    public static KubeEnvironment of(Map<String, String> variables, Path home, Path serviceAccountDir) {
        Map<String, String> copy = Map.copyOf(variables);
        return new KubeEnvironment(copy::get, home, serviceAccountDir);
    }

    /**
     * Whether this process runs in a pod: the API server's address is in the environment and a service-account
     * token is mounted (what the in-cluster context needs too).
     */
    public boolean inCluster() {
        return variable("KUBERNETES_SERVICE_HOST") != null && variable("KUBERNETES_SERVICE_PORT") != null
                && java.nio.file.Files.isRegularFile(serviceAccountDir.resolve("token"));
    }

    String variable(String name) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? null : value;
    }
}
