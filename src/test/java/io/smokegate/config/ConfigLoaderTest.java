package io.smokegate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.input.InvalidInputException;
import io.smokegate.kube.KubeSettings;
import io.smokegate.techdebt.ReleaseVersion;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import io.smokegate.attribution.RepoLinks;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void withoutAFileTheDefaultsApply() throws Exception {
        AppConfig c = new ConfigLoader(Map.<String, String>of()::get).load(null);
        assertEquals(AppConfig.defaults(), c);
        assertEquals(AuthConfig.NONE, c.auth());
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
        assertEquals(List.of(new ApiToken("default", Set.of(Scope.ADMIN), "s3cret-token")), c.auth().tokens());
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
        assertEquals(AuthConfig.singleToken("from-env"), c.auth());
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
                new AuthConfig(List.of(ApiToken.withEveryScope("api-token"), new ApiToken("ci", Set.of(Scope.RUN), "ci-secret")),
                        false), 1, 1, Duration.ZERO, 1, ConnectionLimits.defaults(), "http://reader:prom-password@prometheus:9090",
                KubeSettings.defaults());
        assertTrue(!c.toString().contains("db-password") && !c.toString().contains("api-token")
                && !c.toString().contains("ci-secret") && !c.toString().contains("prom-password"), c.toString());
        assertTrue(c.toString().contains("tokens=[default(admin), ci(run)]"), c.toString());
    }

    @Test
    void namedTokensComeFromFilesAndTheEnvironmentWithTheirScopes() throws Exception {
        Files.writeString(dir.resolve("ci-token"), "ci-secret\n");
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                auth:
                  anonymousRead: true
                  tokens:
                    - {name: ci, file: ci-token, scopes: [read, run]}
                    - {name: ops, env: SMOKEGATE_TOKEN_OPS, scopes: [admin]}
                """);
        AppConfig c = new ConfigLoader(Map.of("SMOKEGATE_TOKEN_OPS", "ops-secret")::get).load(file);
        assertEquals(new AuthConfig(List.of(new ApiToken("ci", Set.of(Scope.READ, Scope.RUN), "ci-secret"),
                new ApiToken("ops", Set.of(Scope.ADMIN), "ops-secret")), true), c.auth());
    }

    @Test
    void theSimpleSetupsTokenJoinsTheNamedOnesAsDefaultWithEveryScope() throws Exception {
        Files.writeString(dir.resolve("token"), "simple-secret");
        Files.writeString(dir.resolve("ci-token"), "ci-secret");
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                api: {tokenFile: token}
                auth: {tokens: [{name: ci, file: ci-token, scopes: [run]}]}
                """);
        AppConfig c = new ConfigLoader(Map.<String, String>of()::get).load(file);
        assertEquals(List.of(ApiToken.withEveryScope("simple-secret"), new ApiToken("ci", Set.of(Scope.RUN), "ci-secret")),
                c.auth().tokens());
        assertEquals(false, c.auth().anonymousRead());
    }

    @Test
    void anUnknownScopeIsAProblemAtItsPositionWithASuggestion() throws Exception {
        Files.writeString(dir.resolve("ci-token"), "ci-secret");
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                auth:
                  tokens:
                    - {name: ci, file: ci-token, scopes: [read, raed]}
                """);
        assertEquals(List.of(file + ":3:49: auth.tokens[0].scopes[1]: unknown scope 'raed' (did you mean 'read'?)"),
                problems(file, Map.of()));
    }

    @Test
    void aDuplicateTokenNameIsAProblemAtTheSecondNamingTheFirst() throws Exception {
        Files.writeString(dir.resolve("ci-token"), "ci-secret");
        Files.writeString(dir.resolve("other-token"), "other-secret");
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                auth:
                  tokens:
                    - {name: ci, file: ci-token, scopes: [read]}
                    - {name: ci, file: other-token, scopes: [run]}
                """);
        assertEquals(List.of(file + ":4:14: auth.tokens[1].name: duplicate token name 'ci' (first used at line 3)"),
                problems(file, Map.of()));
    }

    @Test
    void twoTokensWithTheSameValueAreAProblemThatDoesNotShowTheValue() throws Exception {
        Files.writeString(dir.resolve("ci-token"), "shared-secret\n");
        Path file = twoTokensFromAFileAndAVariable();
        assertEquals(List.of(file + ":4:24: auth.tokens[1].env: holds the same token as 'ci' (every token needs a value of its own)"),
                problems(file, Map.of("OPS_TOKEN", "shared-secret")));
    }

    @Test
    void theEnvironmentsTokenWithTheValueOfANamedOneIsAProblemNamingTheVariable() throws Exception {
        Files.writeString(dir.resolve("ci-token"), "shared-secret");
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "auth: {tokens: [{name: ci, file: ci-token, scopes: [run]}]}\n");
        assertEquals(List.of("SMOKEGATE_API_TOKEN: holds the same token as 'ci' (every token needs a value of its own)"),
                problems(file, Map.of("SMOKEGATE_API_TOKEN", "shared-secret")));
    }

    @Test
    void aMissingTokenFileAndAnUnsetVariableAreProblemsAtTheirFields() throws Exception {
        Path file = twoTokensFromAFileAndAVariable();
        List<String> problems = problems(file, Map.of());
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(file + ":3:24: auth.tokens[0].file: cannot read " + dir.resolve("ci-token")),
                problems.get(0));
        assertEquals(file + ":4:24: auth.tokens[1].env: OPS_TOKEN is not set", problems.get(1));
    }

    @Test
    void anEmptyTokenIsAProblem() throws Exception {
        Files.writeString(dir.resolve("ci-token"), "\n");
        Path file = twoTokensFromAFileAndAVariable();
        assertEquals(List.of(file + ":3:24: auth.tokens[0].file: " + dir.resolve("ci-token") + " is empty",
                file + ":4:24: auth.tokens[1].env: OPS_TOKEN is empty"), problems(file, Map.of("OPS_TOKEN", " ")));
    }

    @Test
    void tokenNamesAreLowerCaseAndMayNotTakeTheReservedNames() throws Exception {
        Files.writeString(dir.resolve("ci-token"), "ci-secret");
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                auth:
                  tokens:
                    - {name: CI, file: ci-token, scopes: [run]}
                    - {name: default, env: A, scopes: [run]}
                    - {name: anonymous, env: B, scopes: [run]}
                """);
        assertEquals(List.of(
                file + ":3:14: auth.tokens[0].name: 'CI' is not a token name (use lower-case letters, digits and '-', at most 63)",
                file + ":4:14: auth.tokens[1].name: 'default' is reserved (it names the token from api.tokenFile or "
                        + "SMOKEGATE_API_TOKEN; choose another name)",
                file + ":5:14: auth.tokens[2].name: 'anonymous' is reserved (it names callers without a token; choose another name)"),
                problems(file, Map.of("A", "a-secret", "B", "b-secret")));
    }

    @Test
    void aTokenNeedsExactlyOneSourceAndAtLeastOneScope() throws Exception {
        Files.writeString(dir.resolve("ci-token"), "ci-secret");
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                auth:
                  tokens:
                    - {name: ci, scopes: [run]}
                    - {name: ops, file: ci-token, scopes: []}
                """);
        assertEquals(List.of(
                file + ":3:7: auth.tokens[0]: give exactly one of file and env (file: a file holding the token; "
                        + "env: an environment variable holding it)",
                file + ":4:43: auth.tokens[1].scopes: a token needs at least one scope (one or more of: read, run, chaos, admin)"),
                problems(file, Map.of()));
    }

    @Test
    void anonymousReadFromTheEnvironmentOverridesTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "auth: {anonymousRead: true}\n");
        assertEquals(true, new ConfigLoader(Map.<String, String>of()::get).load(file).auth().anonymousRead());
        assertEquals(false, new ConfigLoader(Map.of("SMOKEGATE_ANONYMOUS_READ", "false")::get).load(file).auth().anonymousRead());
    }

    @Test
    void aBadAnonymousReadInTheEnvironmentNamesTheVariable() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ConfigLoader(Map.of("SMOKEGATE_ANONYMOUS_READ", "yes please")::get).load(null));
        assertEquals("SMOKEGATE_ANONYMOUS_READ: 'yes please' is not true or false", e.problems().get(0).format());
    }

    /** Token ci from the file ci-token beside the config, ops from the variable OPS_TOKEN. */
    private Path twoTokensFromAFileAndAVariable() throws Exception {
        return Files.writeString(dir.resolve("smokegate.yaml"), """
                auth:
                  tokens:
                    - {name: ci, file: ci-token, scopes: [run]}
                    - {name: ops, env: OPS_TOKEN, scopes: [admin]}
                """);
    }

    private static List<String> problems(Path file, Map<String, String> env) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ConfigLoader(env::get).load(file));
        return e.problems().stream().map(io.smokegate.input.Problem::format).toList();
    }

    /** A kubeconfig with the given contexts, all pointing at one (never contacted) API server. */
    private Path kubeconfig(String name, String... contexts) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]
                users: [{name: u, user: {token: t}}]
                contexts:
                """);
        for (String context : contexts) {
            yaml.append("- {name: ").append(context).append(", context: {cluster: c, user: u}}\n");
        }
        yaml.append("current-context: ").append(contexts[0]).append('\n');
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void theKubernetesSectionSetsKubeconfigAllowedContextsAndCallTimeout() throws Exception {
        kubeconfig("kube.yaml", "staging", "prod", "dev");
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                kubernetes: {kubeconfig: kube.yaml, contexts: [staging, prod], callTimeout: 3s}
                """);

        KubeSettings k = new ConfigLoader(Map.<String, String>of()::get).load(file).kubernetes();

        assertEquals(Optional.of(dir.resolve("kube.yaml").toAbsolutePath()), k.kubeconfig());
        assertEquals(List.of("staging", "prod"), k.allowedContexts());
        assertEquals(Duration.ofSeconds(3), k.callTimeout());
    }

    @Test
    void withoutAKubernetesSectionEveryContextIsAllowedWithTheDefaultTimeout() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "dataDir: /data\n");

        assertEquals(KubeSettings.defaults(), new ConfigLoader(Map.<String, String>of()::get).load(file).kubernetes());
    }

    @Test
    void anAllowedContextTheKubeconfigLacksIsAConfigErrorNamingIt() throws Exception {
        Path kubeconfig = kubeconfig("kube.yaml", "staging", "prod");
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                kubernetes:
                  kubeconfig: kube.yaml
                  contexts: [staging, production]
                """);

        List<String> problems = problems(file, Map.of());

        assertEquals(List.of(file + ":3:23: kubernetes.contexts: unknown Kubernetes context 'production': no context "
                + "'production' in kubeconfig " + kubeconfig.toAbsolutePath() + " (known contexts: prod, staging)"), problems);
    }

    @Test
    void allowedContextsAreCheckedAgainstTheKubeconfigVariable() throws Exception {
        Path kubeconfig = kubeconfig("kube.yaml", "staging");
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "kubernetes: {contexts: [prod]}\n");

        List<String> problems = problems(file, Map.of("KUBECONFIG", kubeconfig.toString()));

        assertEquals(List.of(file + ":1:25: kubernetes.contexts: unknown Kubernetes context 'prod': no context 'prod' in "
                + "KUBECONFIG=" + kubeconfig + " (known contexts: staging)"), problems);
    }

    @Test
    void aMissingKubeconfigIsAConfigError() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "kubernetes: {kubeconfig: /nonexistent/kubeconfig}\n");

        assertEquals(List.of(file + ":1:26: kubernetes.kubeconfig: /nonexistent/kubeconfig does not exist or is not a file"),
                problems(file, Map.of()));
    }

    @Test
    void badKubernetesValuesAreReportedWhereTheyAre() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                kubernetes: {contexts: [""], callTimeout: 1h, namespace: x}
                """);

        List<String> problems = problems(file, Map.of());

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.contains(file + ":1:25: kubernetes.contexts[0]: a context name cannot be empty"), problems.toString());
        assertTrue(problems.contains(file + ":1:43: kubernetes.callTimeout: 1h is out of range (allowed: 100ms to 10m)"),
                problems.toString());
    }

    @Test
    void environmentVariablesOverrideTheKubernetesSection() throws Exception {
        Path kubeconfig = kubeconfig("other.yaml", "staging", "prod", "dev");
        kubeconfig("kube.yaml", "staging");
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "kubernetes: {kubeconfig: kube.yaml, contexts: [staging]}\n");

        KubeSettings k = new ConfigLoader(Map.of("SMOKEGATE_KUBERNETES_KUBECONFIG", kubeconfig.toString(),
                "SMOKEGATE_KUBERNETES_CONTEXTS", "prod, dev", "SMOKEGATE_KUBERNETES_CALL_TIMEOUT", "2500ms")::get).load(file).kubernetes();

        assertEquals(Optional.of(kubeconfig), k.kubeconfig());
        assertEquals(List.of("prod", "dev"), k.allowedContexts());
        assertEquals(Duration.ofMillis(2500), k.callTimeout());
    }

    @Test
    void anUnknownContextFromTheEnvironmentNamesTheVariable() throws Exception {
        Path kubeconfig = kubeconfig("kube.yaml", "staging");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ConfigLoader(Map.of(
                "SMOKEGATE_KUBERNETES_KUBECONFIG", kubeconfig.toString(), "SMOKEGATE_KUBERNETES_CONTEXTS", "prod")::get).load(null));

        assertEquals("SMOKEGATE_KUBERNETES_CONTEXTS: kubernetes.contexts: unknown Kubernetes context 'prod': no context "
                + "'prod' in kubeconfig " + kubeconfig + " (known contexts: staging)", e.problems().get(0).format());
    }

    @Test
    void aBadCallTimeoutInTheEnvironmentNamesTheVariable() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ConfigLoader(Map.of("SMOKEGATE_KUBERNETES_CALL_TIMEOUT", "soon")::get).load(null));

        assertEquals("SMOKEGATE_KUBERNETES_CALL_TIMEOUT: 'soon' is not a duration from 100ms to 10m", e.problems().get(0).format());
    }
    @Test
    void theChaosSectionSetsEveryLimitAndTheScenarioDirectoryRelativeToTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                chaos:
                  enabled: true
                  scenarios: game-days
                  allowedNamespaces: [demo, proxy]
                  maxDuration: 10m
                  controllerNamespace: chaos-testing
                  kubeContext: staging
                """);

        ChaosConfig c = new ConfigLoader(Map.<String, String>of()::get).load(file).chaos();

        assertTrue(c.enabled());
        assertEquals(dir.resolve("game-days").toAbsolutePath(), c.scenariosDir());
        assertEquals(List.of("demo", "proxy"), c.allowedNamespaces());
        assertEquals(Duration.ofMinutes(10), c.maxDuration());
        assertEquals("chaos-testing", c.controllerNamespace());
        assertEquals("staging", c.kubeContext());
    }

    @Test
    void serveFlagsOverrideWhatTheyNameAndKeepEveryOtherSection() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                server: {port: 9090}
                chaos: {enabled: true, allowedNamespaces: [demo]}
                techdebt: {repos: [./manifests]}
                """);
        Files.createDirectories(dir.resolve("manifests"));
        AppConfig config = new ConfigLoader(Map.<String, String>of()::get).load(file);

        AppConfig flagged = config.withFlags("127.0.0.1", 18080, null, null, null, null);

        assertEquals("127.0.0.1", flagged.host());
        assertEquals(18080, flagged.port());
        assertEquals(config.checklistsDir(), flagged.checklistsDir());
        assertEquals(config.chaos(), flagged.chaos());
        assertEquals(config.techdebt(), flagged.techdebt());
        assertEquals(config.withFlags(null, null, null, null, null, null), config);
    }

    @Test
    void withoutAChaosSectionExperimentsAreOff() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "dataDir: /data\n");

        ChaosConfig c = new ConfigLoader(Map.<String, String>of()::get).load(file).chaos();

        assertEquals(ChaosConfig.defaults(), c);
        assertEquals(false, c.enabled());
        assertEquals(Path.of("chaos-scenarios"), c.scenariosDir());
        assertEquals(Duration.ofMinutes(30), c.maxDuration());
        assertEquals("chaos-mesh", c.controllerNamespace());
    }

    @Test
    void badChaosValuesAreReportedWhereTheyAre() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                chaos:
                  enabled: maybe
                  allowedNamespaces: [demo, Bad_NS]
                  maxDuration: 7h
                  controllerNamespce: chaos-mesh
                """);

        assertEquals(List.of(file + ":5:3: chaos.controllerNamespce: unknown field (did you mean 'controllerNamespace'?)",
                file + ":2:12: chaos.enabled: expected true or false, found a string",
                file + ":3:29: chaos.allowedNamespaces[1]: 'Bad_NS' is not a Kubernetes namespace (lowercase letters, "
                        + "digits and '-', at most 63 characters)",
                file + ":4:16: chaos.maxDuration: 7h is out of range (allowed: 1s to 6h)"), problems(file, Map.of()));
    }

    @Test
    void theTechDebtSectionSetsScheduleReposContextsChartReposTargetsAndThresholds() throws Exception {
        kubeconfig("kube.yaml", "staging", "prod");
        Files.createDirectories(dir.resolve("manifests"));
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                kubernetes: {kubeconfig: kube.yaml}
                techdebt:
                  schedule: {cron: "0 6 * * 1-5", timezone: Europe/Berlin}
                  repos: [manifests]
                  contexts: [prod]
                  chartRepos: [https://charts.example.com]
                  targetVersion: [v1.32, cert-manager=v1.14]
                  thresholds: {helmOutdatedRatio: 0.3, statefulSetsWithoutPdb: 0, deprecatedApiFiles: 10}
                """);

        TechDebtSettings t = new ConfigLoader(Map.<String, String>of()::get).load(file).techdebt();

        assertEquals(Map.of("cron", "0 6 * * 1-5", "timezone", "Europe/Berlin"), t.schedule().describe());
        assertEquals(List.of(dir.resolve("manifests").toAbsolutePath()), t.repos());
        assertEquals(List.of("prod"), t.contexts());
        assertEquals(List.of(URI.create("https://charts.example.com")), t.chartRepos());
        assertEquals(Map.of("k8s", new ReleaseVersion(1, 32, 0), "cert-manager", new ReleaseVersion(1, 14, 0)), t.targetVersions());
        assertEquals(List.of("helmOutdatedRatio=0.3", "statefulSetsWithoutPdb=0.0", "deprecatedApiFiles=10.0"),
                t.thresholds().limits().entrySet().stream().map(Object::toString).toList());
    }

    @Test
    void theHelmNamespacesComeFromTheFileAndTheEnvironmentReplacesThem() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "techdebt: {helmNamespaces: [shop, payments]}\n");

        assertEquals(List.of("shop", "payments"), new ConfigLoader(Map.<String, String>of()::get).load(file).techdebt().helmNamespaces());
        assertEquals(List.of("ledger"), new ConfigLoader(Map.of("SMOKEGATE_TECHDEBT_HELM_NAMESPACES", "ledger")::get).load(file)
                .techdebt().helmNamespaces());
    }

    @Test
    void withoutATechDebtSectionScansAreHourlyAndHaveNothingToScan() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "dataDir: /data\n");

        TechDebtSettings t = new ConfigLoader(Map.<String, String>of()::get).load(file).techdebt();

        assertEquals(TechDebtSettings.defaults(), t);
        assertEquals(Map.of("every", "1h"), t.schedule().describe());
    }

    @Test
    void anUnknownThresholdFigureIsAConfigErrorListingTheKnownFigures() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                techdebt:
                  thresholds: {helmOutdatedRatoi: 0.3, deprecatedApiFiles: many}
                """);

        assertEquals(List.of(file + ":2:16: techdebt.thresholds.helmOutdatedRatoi: unknown figure (did you mean "
                        + "'helmOutdatedRatio'? known figures: deprecatedApiFiles, deprecatedApiObjects, manifestFilesScanned, "
                        + "helmReleases, helmOutdated, helmOutdatedRatio, helmDeprecatedCharts, hygieneWorkloads, statefulSetsWithoutPdb, deploymentsWithoutPdb, "
                + "missingPodDisruptionBudget, deploymentMissingReplicas, livenessProbeMissing, readinessProbeMissing, "
                + "cpuRequestsMissing, memoryRequestsMissing, cpuLimitsMissing, memoryLimitsMissing, tagNotSpecified, "
                + "runAsRootAllowed, lastAppliedObjects, deprecatedApisRequested)",
                file + ":2:60: techdebt.thresholds.deprecatedApiFiles: expected a number, found a string"), problems(file, Map.of()));
    }

    @Test
    void badTechDebtValuesAreReportedWhereTheyAre() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                techdebt:
                  schedule: {every: 1s}
                  chartRepos: ["ftp://charts"]
                  targetVersion: [v1.x, helm=v3]
                  reposs: [a]
                """);

        assertEquals(List.of(file + ":5:3: techdebt.reposs: unknown field (did you mean 'repos'?)",
                file + ":2:21: techdebt.schedule.every: interval 1s is shorter than 10s",
                file + ":3:16: techdebt.chartRepos[0]: 'ftp://charts' is not an http or https URL (e.g. https://charts.example.com)",
                file + ":4:19: techdebt.targetVersion[0]: 'v1.x' is not a release version (write it like v1.32, v1.32.0 or 1.32)",
                file + ":4:25: techdebt.targetVersion[1]: unknown component 'helm' (components: cert-manager, istio, k8s; "
                        + "e.g. cert-manager=v1.14)"), problems(file, Map.of()));
    }

    @Test
    void aRepoThatIsNoDirectoryIsAConfigErrorAtItsEntry() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "techdebt: {repos: [missing]}\n");

        assertEquals(List.of(file + ":1:20: techdebt.repos: " + dir.resolve("missing").toAbsolutePath() + " does not exist"),
                problems(file, Map.of()));
    }

    @Test
    void aContextToScanMustBeAllowedAndInTheKubeconfig() throws Exception {
        kubeconfig("kube.yaml", "staging", "prod");
        Path notAllowed = Files.writeString(dir.resolve("a.yaml"), """
                kubernetes: {kubeconfig: kube.yaml, contexts: [staging]}
                techdebt: {contexts: [prod]}
                """);
        Path unknown = Files.writeString(dir.resolve("b.yaml"), """
                kubernetes: {kubeconfig: kube.yaml}
                techdebt: {contexts: [dev]}
                """);

        assertEquals(List.of(notAllowed + ":2:23: techdebt.contexts: context 'prod' is not among kubernetes.contexts (allowed: staging)"),
                problems(notAllowed, Map.of()));
        assertEquals(List.of(unknown + ":2:23: techdebt.contexts: unknown Kubernetes context 'dev': no context 'dev' in kubeconfig "
                + dir.resolve("kube.yaml").toAbsolutePath() + " (known contexts: prod, staging)"), problems(unknown, Map.of()));
    }

    @Test
    void environmentVariablesReplaceTheTechDebtSettings() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                techdebt: {repos: [a], thresholds: {deprecatedApiFiles: 10}}
                """);

        TechDebtSettings t = new ConfigLoader(Map.of("SMOKEGATE_TECHDEBT_SCHEDULE", "30m",
                "SMOKEGATE_TECHDEBT_REPOS", dir.resolve("a") + "," + dir.resolve("b"),
                "SMOKEGATE_TECHDEBT_CHART_REPOS", "https://one.example.com, https://two.example.com",
                "SMOKEGATE_TECHDEBT_TARGET_VERSION", "1.31",
                "SMOKEGATE_TECHDEBT_THRESHOLDS", "helmOutdatedRatio=0.5")::get).load(file).techdebt();

        assertEquals(Map.of("every", "30m"), t.schedule().describe());
        assertEquals(List.of(dir.resolve("a"), dir.resolve("b")), t.repos());
        assertEquals(2, t.chartRepos().size());
        assertEquals(Map.of("k8s", new ReleaseVersion(1, 31, 0)), t.targetVersions());
        assertEquals(Map.of("helmOutdatedRatio", 0.5), t.thresholds().limits());
        assertEquals(Map.of("cron", "0 * * * *", "timezone", "UTC"), new ConfigLoader(Map.of("SMOKEGATE_TECHDEBT_SCHEDULE",
                "0 * * * *")::get).load(null).techdebt().schedule().describe());
    }

    @Test
    void aBadTechDebtVariableIsAnErrorNamingIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ConfigLoader(Map.of(
                "SMOKEGATE_TECHDEBT_THRESHOLDS", "deprecatedApiFile=3")::get).load(null));
        assertTrue(e.problems().get(0).format().startsWith("SMOKEGATE_TECHDEBT_THRESHOLDS: unknown figure 'deprecatedApiFile' "
                + "(did you mean 'deprecatedApiFiles'?"), e.getMessage());
    }

    @Test
    void theAttributionSectionMapsServicesToRepositoriesRelativeToTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                attribution:
                  services:
                    checkout:
                      repository: repos/shop
                      paths: [services/checkout/**, deploy/checkout/**]
                      environment: prod
                      links: {preset: gitlab, url: https://git.example.com/acme/shop}
                      checklists: [checkout-smoke, checkout-api]
                    cart: {repository: /srv/git/cart}
                  serviceLabels: [app, service]
                  maxCommits: 200
                  window: 6h
                """);

        AttributionConfig a = new ConfigLoader(Map.<String, String>of()::get).load(file).attribution();

        assertEquals(new AttributionConfig.Service(dir.resolve("repos/shop").toAbsolutePath().toString(),
                List.of("services/checkout/**", "deploy/checkout/**"), "prod",
                Optional.of(new RepoLinks(RepoLinks.Kind.GITLAB, "https://git.example.com/acme/shop")),
                List.of("checkout-smoke", "checkout-api")),
                a.services().get("checkout"));
        assertEquals(new AttributionConfig.Service(Path.of("/srv/git/cart"), List.of(), null, Optional.empty()),
                a.services().get("cart"));
        assertEquals(List.of("app", "service"), a.serviceLabels());
        assertEquals(200, a.limits().maxCommits());
        assertEquals(Duration.ofHours(6), a.limits().window());
    }

    @Test
    void aRepositoryUrlIsKeptAsItIsAndTheFetchIntervalIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                attribution:
                  services:
                    checkout: {repository: "https://github.com/acme/shop.git"}
                    cart: {repository: "git@github.com:acme/cart.git"}
                  fetchInterval: 5m
                """);

        AttributionConfig a = new ConfigLoader(Map.<String, String>of()::get).load(file).attribution();

        assertEquals("https://github.com/acme/shop.git", a.services().get("checkout").repository());
        assertEquals("git@github.com:acme/cart.git", a.services().get("cart").repository());
        assertEquals(Duration.ofMinutes(5), a.fetchInterval());
    }

    @Test
    void clusterMarkersAreReadWithTheirScheduleContextsAndEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                attribution:
                  clusterMarkers: {every: 10m, contexts: [prod-eu], namespaces: [shop], environment: prod}
                """);

        assertEquals(Optional.of(new AttributionConfig.ClusterMarkers(Duration.ofMinutes(10), List.of("prod-eu"),
                List.of("shop"), "prod")), new ConfigLoader(Map.<String, String>of()::get).load(file).attribution().clusterMarkers());
    }

    @Test
    void clusterMarkersDefaultToEveryFiveMinutesOfTheCurrentContext() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "attribution: {clusterMarkers: {}}\n");

        assertEquals(Optional.of(new AttributionConfig.ClusterMarkers(Duration.ofMinutes(5), List.of(), List.of(), null)),
                new ConfigLoader(Map.<String, String>of()::get).load(file).attribution().clusterMarkers());
    }

    @Test
    void aTooFrequentClusterMarkerScheduleIsReportedWhereItIs() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                attribution:
                  clusterMarkers: {every: 1s}
                """);

        assertEquals(List.of(file + ":2:27: attribution.clusterMarkers.every: 1s is out of range (allowed: 10s to 24h)"),
                problems(file, Map.of()));
    }

    @Test
    void notificationWebhooksAndThePublicUrlAreRead() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                attribution:
                  notify:
                    - {url: https://hooks.slack.com/services/T/B/X, format: slack}
                    - url: http://127.0.0.1:9000/hook
                  publicUrl: https://smokegate.example.com
                """);

        AttributionConfig a = new ConfigLoader(Map.<String, String>of()::get).load(file).attribution();

        assertEquals(List.of(new AttributionConfig.Notify(java.net.URI.create("https://hooks.slack.com/services/T/B/X"),
                        AttributionConfig.Format.SLACK),
                new AttributionConfig.Notify(java.net.URI.create("http://127.0.0.1:9000/hook"), AttributionConfig.Format.JSON)),
                a.notifications());
        assertEquals(Optional.of(java.net.URI.create("https://smokegate.example.com")), a.publicUrl());
    }

    @Test
    void badNotificationWebhooksAreReportedWhereTheyAre() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                attribution:
                  notify:
                    - {url: ftp://hooks.example.com/x}
                    - {url: https://hooks.example.com/x, format: teams}
                    - {format: slack, channel: ops}
                  publicUrl: smokegate.example.com
                """);

        assertEquals(List.of(file + ":3:13: attribution.notify[0].url: 'ftp://hooks.example.com/x' is not an http(s) URL "
                        + "(for example https://hooks.example.com/smokegate)",
                file + ":4:50: attribution.notify[1].format: 'teams' is not a known format (json or slack)",
                file + ":5:23: attribution.notify[2].channel: unknown field (expected one of: format, url)",
                file + ":5:7: attribution.notify[2].url: missing required field",
                file + ":6:14: attribution.publicUrl: 'smokegate.example.com' is not an http(s) URL "
                        + "(for example https://hooks.example.com/smokegate)"),
                problems(file, Map.of()));
    }

    @Test
    void theFetchIntervalDefaultsToOneMinute() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "attribution: {services: {cart: {repository: /srv/cart}}}\n");

        assertEquals(Duration.ofMinutes(1), new ConfigLoader(Map.<String, String>of()::get).load(file).attribution().fetchInterval());
    }

    @Test
    void aBadFetchIntervalIsReportedWhereItIs() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                attribution:
                  fetchInterval: 2d
                """);

        assertEquals(List.of(file + ":2:18: attribution.fetchInterval: 2d is out of range (allowed: 0s to 24h)"),
                problems(file, Map.of()));
    }

    @Test
    void withoutAnAttributionSectionNoServiceIsMappedAndTheLabelsAreTheDefault() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "dataDir: /data\n");

        AttributionConfig a = new ConfigLoader(Map.<String, String>of()::get).load(file).attribution();

        assertEquals(AttributionConfig.defaults(), a);
        assertEquals(List.of("service", "app", "job"), a.serviceLabels());
    }

    @Test
    void serveFlagsKeepTheAttributionSection() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "attribution: {services: {cart: {repository: /srv/cart}}}\n");
        AppConfig config = new ConfigLoader(Map.<String, String>of()::get).load(file);

        assertEquals(config.attribution(), config.withFlags("127.0.0.1", 18080, null, null, null, null).attribution());
    }

    @Test
    void badAttributionValuesAreReportedWhereTheyAre() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                attribution:
                  services:
                    checkout:
                      paths: [services/checkout/**]
                      links: {preset: bitbucket, url: https://bitbucket.org/acme/shop}
                    cart: {repository: /srv/cart, links: {url: "git@github.com:acme/cart.git"}, owner: team-a}
                  serviceLabels: []
                  maxCommits: 0
                """);

        assertEquals(List.of(file + ":4:7: attribution.services.checkout.repository: missing required field",
                file + ":5:23: attribution.services.checkout.links.preset: 'bitbucket' is not a known preset "
                        + "(github or gitlab)",
                file + ":6:81: attribution.services.cart.owner: unknown field (expected one of: checklists, environment, "
                        + "links, paths, repository)",
                file + ":6:48: attribution.services.cart.links.url: 'git@github.com:acme/cart.git' is not an http(s) "
                        + "repository URL (for example https://github.com/acme/shop)",
                file + ":7:18: attribution.serviceLabels: empty; name at least one alert label (the default is [service, app, job])",
                file + ":8:15: attribution.maxCommits: 0 is out of range (allowed: 1 to 100000)"), problems(file, Map.of()));
    }
}
