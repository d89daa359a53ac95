package io.smokegate.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.testing.Certificates;
import io.smokegate.testing.kube.FakeCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding contexts like kubectl: kubeconfig files, KUBECONFIG merging, allowed contexts, the pod's service account. */
class KubeconfigTest {

    @TempDir
    Path dir;

    /** A kubeconfig with one cluster per context, named after it, at https://CONTEXT.example:6443. */
    static String kubeconfig(String current, String... contexts) {
        StringBuilder s = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        for (String c : contexts) {
            s.append("- name: ").append(c).append("\n  cluster: {server: \"https://").append(c).append(".example:6443\"}\n");
        }
        s.append("users:\n- name: alice\n  user: {username: alice, password: secret}\ncontexts:\n");
        for (String c : contexts) {
            s.append("- name: ").append(c).append("\n  context: {cluster: ").append(c).append(", user: alice, namespace: ns-")
                    .append(c).append("}\n");
        }
        if (current != null) {
            s.append("current-context: ").append(current).append('\n');
        }
        return s.toString();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private KubeEnvironment env(Map<String, String> variables) {
        return KubeEnvironment.of(variables, dir.resolve("home"), dir.resolve("no-service-account"));
    }

    private Kubeconfig load(Map<String, String> variables) {
        return Kubeconfig.load(KubeSettings.defaults(), env(variables));
    }

    @Test
    void theCurrentContextIsUsedWhenNoneIsNamed() throws IOException {
        Path file = write("config", kubeconfig("b", "a", "b"));
        Kubeconfig config = load(Map.of("KUBECONFIG", file.toString()));
        assertEquals("b", config.resolve(null, List.of()));
        assertEquals("https://b.example:6443", config.info("b").server());
        assertEquals("ns-b", config.info("b").namespace());
    }

    @Test
    void aNamedContextIsUsed() throws IOException {
        Path file = write("config", kubeconfig("b", "a", "b"));
        assertEquals("a", load(Map.of("KUBECONFIG", file.toString())).resolve("a", List.of()));
    }

    @Test
    void homeKubeconfigIsReadWithoutKubeconfigVariable() throws IOException {
        Files.createDirectories(dir.resolve("home/.kube"));
        Files.writeString(dir.resolve("home/.kube/config"), kubeconfig("home", "home"));
        assertEquals(Optional.of("home"), load(Map.of()).currentContext());
    }

    @Test
    void kubeconfigListIsMergedWithTheFirstFileWinning() throws IOException {
        Path first = write("first", kubeconfig(null, "shared", "only-first"));
        Path second = write("second", kubeconfig("second-current", "shared", "second-current")
                .replace("https://shared.example:6443", "https://other.example:6443"));
        Kubeconfig config = load(Map.of("KUBECONFIG", first + ":" + second));
        assertEquals(List.of("only-first", "second-current", "shared"), config.contextNames());
        assertEquals("https://shared.example:6443", config.info("shared").server());
        assertEquals(Optional.of("second-current"), config.currentContext());
        assertEquals(List.of(first, second), config.files());
    }

    @Test
    void currentContextComesFromTheFirstFileThatSetsIt() throws IOException {
        Path first = write("first", kubeconfig("a", "a"));
        Path second = write("second", kubeconfig("b", "b"));
        assertEquals(Optional.of("a"), load(Map.of("KUBECONFIG", first + ":" + second)).currentContext());
    }

    @Test
    void filesOfTheKubeconfigListThatDoNotExistAreSkipped() throws IOException {
        Path file = write("config", kubeconfig("a", "a"));
        Kubeconfig config = load(Map.of("KUBECONFIG", dir.resolve("missing") + "::" + file));
        assertEquals(List.of(file), config.files());
    }

    @Test
    void anExplicitKubeconfigReplacesTheKubeconfigVariable() throws IOException {
        Path variable = write("variable", kubeconfig("from-variable", "from-variable"));
        Path explicit = write("explicit", kubeconfig("from-flag", "from-flag"));
        Kubeconfig config = Kubeconfig.load(KubeSettings.defaults().withKubeconfig(explicit),
                env(Map.of("KUBECONFIG", variable.toString())));
        assertEquals(List.of("from-flag"), config.contextNames());
    }

    @Test
    void aMissingExplicitKubeconfigIsAConfigurationError() {
        Path missing = dir.resolve("nope.yaml");
        KubeConfigException e = assertThrows(KubeConfigException.class,
                () -> Kubeconfig.load(KubeSettings.defaults().withKubeconfig(missing), env(Map.of())));
        assertEquals("kubeconfig " + missing + " does not exist or is not a file", e.getMessage());
    }

    @Test
    void anUnparsableKubeconfigIsNamed() throws IOException {
        Path file = write("broken", "apiVersion: v1\nclusters: [\n");
        KubeConfigException e = assertThrows(KubeConfigException.class, () -> load(Map.of("KUBECONFIG", file.toString())));
        assertTrue(e.getMessage().startsWith("kubeconfig " + file + " is not a valid kubeconfig: "), e.getMessage());
    }

    @Test
    void nothingConfiguredSaysWhereItLooked() {
        KubeConfigException e = assertThrows(KubeConfigException.class, () -> load(Map.of()));
        assertEquals("no Kubernetes connection configured: no kubeconfig at " + dir.resolve("home/.kube/config")
                + " and not running in a pod; pass --kubeconfig FILE or set KUBECONFIG", e.getMessage());
    }

    @Test
    void anUnknownContextIsRefusedWithTheKnownOnes() throws IOException {
        Path file = write("config", kubeconfig("a", "a", "b"));
        KubeConfigException e = assertThrows(KubeConfigException.class,
                () -> load(Map.of("KUBECONFIG", file.toString())).resolve("prod", List.of()));
        assertEquals("unknown Kubernetes context 'prod': no context 'prod' in KUBECONFIG=" + file
                + " (known contexts: a, b)", e.getMessage());
    }

    @Test
    void aContextThatIsNotAllowedIsRefusedWithTheAllowedOnes() throws IOException {
        Path file = write("config", kubeconfig("a", "a", "b", "c"));
        KubeConfigException e = assertThrows(KubeConfigException.class,
                () -> load(Map.of("KUBECONFIG", file.toString())).resolve("c", List.of("b", "a")));
        assertEquals("Kubernetes context 'c' is not allowed; allowed contexts: a, b (kubernetes.contexts)", e.getMessage());
    }

    @Test
    void theCurrentContextIsCheckedAgainstTheAllowedOnesToo() throws IOException {
        Path file = write("config", kubeconfig("a", "a", "b"));
        KubeConfigException e = assertThrows(KubeConfigException.class,
                () -> load(Map.of("KUBECONFIG", file.toString())).resolve(null, List.of("b")));
        assertEquals("Kubernetes context 'a' is not allowed; allowed contexts: b (kubernetes.contexts)", e.getMessage());
    }

    @Test
    void noCurrentContextAsksForOne() throws IOException {
        Path file = write("config", kubeconfig(null, "a", "b"));
        KubeConfigException e = assertThrows(KubeConfigException.class,
                () -> load(Map.of("KUBECONFIG", file.toString())).resolve(null, List.of()));
        assertEquals("no current context in KUBECONFIG=" + file + "; name one with --context (known contexts: a, b)",
                e.getMessage());
    }

    @Test
    void aContextNamingAMissingClusterIsAConfigurationError() throws IOException {
        Path file = write("config", kubeconfig("a", "a").replace("cluster: a,", "cluster: gone,"));
        KubeConfigException e = assertThrows(KubeConfigException.class,
                () -> load(Map.of("KUBECONFIG", file.toString())).info("a"));
        assertEquals("context 'a' in " + file + " names cluster 'gone', which no kubeconfig file defines", e.getMessage());
    }

    @Test
    void aContextNamingAMissingUserIsAConfigurationError() throws IOException {
        Path file = write("config", kubeconfig("a", "a").replace("user: alice,", "user: bob,"));
        KubeConfigException e = assertThrows(KubeConfigException.class,
                () -> load(Map.of("KUBECONFIG", file.toString())).info("a"));
        assertEquals("context 'a' in " + file + " names user 'bob', which no kubeconfig file defines", e.getMessage());
    }

    @Test
    void inClusterIsDetectedFromTheServiceHostAndTheMountedToken() throws IOException {
        Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(sa.resolve("token"), FakeCluster.serviceAccountToken("smokegate", "runner") + "\n");
        Files.writeString(sa.resolve("namespace"), "smokegate");
        KubeEnvironment pod = KubeEnvironment.of(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"),
                dir.resolve("home"), sa);
        Kubeconfig config = Kubeconfig.load(KubeSettings.defaults(), pod);
        assertEquals(List.of("in-cluster"), config.contextNames());
        assertEquals(Optional.of("in-cluster"), config.currentContext());
        Kubeconfig.ContextInfo info = config.info("in-cluster");
        assertEquals("https://10.96.0.1:443/", info.server());
        assertEquals("smokegate", info.namespace());
        assertEquals("service account system:serviceaccount:smokegate:runner", info.identity().describe());
    }

    @Test
    void inClusterOnIpv6PutsTheAddressInBrackets() throws IOException {
        Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(sa.resolve("token"), "opaque");
        KubeEnvironment pod = KubeEnvironment.of(Map.of("KUBERNETES_SERVICE_HOST", "fd00::1", "KUBERNETES_SERVICE_PORT", "6443"),
                dir.resolve("home"), sa);
        assertEquals("https://[fd00::1]:6443/", Kubeconfig.load(KubeSettings.defaults(), pod).info("in-cluster").server());
    }

    @Test
    void inClusterIsOneMoreContextBesideAKubeconfig() throws IOException {
        Path file = write("config", kubeconfig("a", "a"));
        Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(sa.resolve("token"), "opaque");
        KubeEnvironment pod = KubeEnvironment.of(Map.of("KUBECONFIG", file.toString(), "KUBERNETES_SERVICE_HOST", "10.96.0.1",
                "KUBERNETES_SERVICE_PORT", "443"), dir.resolve("home"), sa);
        Kubeconfig config = Kubeconfig.load(KubeSettings.defaults(), pod);
        assertEquals(List.of("a", "in-cluster"), config.contextNames());
        assertEquals(Optional.of("a"), config.currentContext());
    }

    @Test
    void withoutAMountedTokenThereIsNoInClusterContext() throws IOException {
        Path file = write("config", kubeconfig("a", "a"));
        KubeEnvironment notAPod = KubeEnvironment.of(Map.of("KUBECONFIG", file.toString(), "KUBERNETES_SERVICE_HOST", "10.96.0.1",
                "KUBERNETES_SERVICE_PORT", "443"), dir.resolve("home"), dir.resolve("serviceaccount"));
        Kubeconfig config = Kubeconfig.load(KubeSettings.defaults(), notAPod);
        assertEquals(List.of("a"), config.contextNames());
        KubeConfigException e = assertThrows(KubeConfigException.class, () -> config.resolve("in-cluster", List.of()));
        assertEquals("unknown Kubernetes context 'in-cluster': smokegate is not running in a pod with a service account"
                + " (known contexts: a)", e.getMessage());
    }

    @Test
    void aBasicAuthUserIsNamedByItsUsername() throws IOException {
        Path file = write("config", kubeconfig("a", "a"));
        assertEquals("user alice", load(Map.of("KUBECONFIG", file.toString())).info("a").identity().describe());
    }

    @Test
    void aClientCertificateUserIsNamedByItsCommonName() throws IOException {
        Path cert = Certificates.selfSignedCommonNameOnly("deploy-bot").writeCertificatePem(dir.resolve("client.crt"));
        Path file = write("config", kubeconfig("a", "a")
                .replace("{username: alice, password: secret}", "{client-certificate: client.crt, client-key: client.key}"));
        assertTrue(Files.exists(cert));
        assertEquals("user deploy-bot", load(Map.of("KUBECONFIG", file.toString())).info("a").identity().describe());
    }

    @Test
    void aTokenFileIsReadRelativeToItsKubeconfig() throws IOException {
        Files.writeString(dir.resolve("token"), FakeCluster.serviceAccountToken("ci", "deployer"));
        Path file = write("config", kubeconfig("a", "a").replace("{username: alice, password: secret}", "{tokenFile: token}"));
        assertEquals("service account system:serviceaccount:ci:deployer",
                load(Map.of("KUBECONFIG", file.toString())).info("a").identity().describe());
    }

    @Test
    void anOpaqueCredentialIsNamedByItsKubeconfigUserEntry() throws IOException {
        Path file = write("config", kubeconfig("a", "a").replace("{username: alice, password: secret}", "{token: opaque-token}"));
        assertEquals("kubeconfig user 'alice'", load(Map.of("KUBECONFIG", file.toString())).info("a").identity().describe());
    }
}
