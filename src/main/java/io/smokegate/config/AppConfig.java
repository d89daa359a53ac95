package io.smokegate.config;

import io.smokegate.kube.KubeSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of {@code smokegate serve}. Precedence, lowest first: built-in defaults, the config file,
 * environment variables ({@code SMOKEGATE_*}), command-line flags.
 *
 * @param auth            API tokens and their scopes, and whether reads need a token
 * @param databaseUrl     PostgreSQL JDBC URL; null means SQLite under {@code dataDir}
 * @param maxRequestBytes larger request bodies are answered 413
 * @param connections     timeouts and the cap on open connections of the API server
 * @param prometheusUrl   Prometheus that gates ask for promql objectives; null when there is none
 * @param kubernetes      how checks connect to Kubernetes: kubeconfig, allowed contexts, call timeout
 * @param techdebt        what tech-debt scans look at, their schedule and the figures' thresholds
 * @param chaos           whether serve runs chaos experiments, their scenario files and limits
 * @param attribution     services' repositories and paths, for attributing alerts to commits
 * @param leaderElection  how replicas sharing the database choose the one that runs scheduled work
 */
public record AppConfig(
        String host,
        int port,
        Path checklistsDir,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        AuthConfig auth,
        int maxConcurrentRuns,
        int queueCapacity,
        Duration shutdownGrace,
        long maxRequestBytes,
        ConnectionLimits connections,
        String prometheusUrl,
        KubeSettings kubernetes,
        TechDebtSettings techdebt,
        ChaosConfig chaos,
        AttributionConfig attribution,
        LeaderElectionConfig leaderElection) {

    /** With the default leader election ({@code auto}). */
    public AppConfig(String host, int port, Path checklistsDir, Path dataDir, String databaseUrl, String databaseUser,
                     String databasePassword, AuthConfig auth, int maxConcurrentRuns, int queueCapacity,
                     Duration shutdownGrace, long maxRequestBytes, ConnectionLimits connections, String prometheusUrl,
                     KubeSettings kubernetes, TechDebtSettings techdebt, ChaosConfig chaos, AttributionConfig attribution) {
        this(host, port, checklistsDir, dataDir, databaseUrl, databaseUser, databasePassword, auth, maxConcurrentRuns,
                queueCapacity, shutdownGrace, maxRequestBytes, connections, prometheusUrl, kubernetes, techdebt, chaos,
                attribution, LeaderElectionConfig.defaults());
    }

    /** Without attribution settings: no service is mapped to a repository. */
    public AppConfig(String host, int port, Path checklistsDir, Path dataDir, String databaseUrl, String databaseUser,
                     String databasePassword, AuthConfig auth, int maxConcurrentRuns, int queueCapacity,
                     Duration shutdownGrace, long maxRequestBytes, ConnectionLimits connections, String prometheusUrl,
                     KubeSettings kubernetes, TechDebtSettings techdebt, ChaosConfig chaos) {
        this(host, port, checklistsDir, dataDir, databaseUrl, databaseUser, databasePassword, auth, maxConcurrentRuns,
                queueCapacity, shutdownGrace, maxRequestBytes, connections, prometheusUrl, kubernetes, techdebt, chaos,
                AttributionConfig.defaults());
    }

    /** Without tech-debt settings: scans are off (the form tests and tools that start a service use). */
    public AppConfig(String host, int port, Path checklistsDir, Path dataDir, String databaseUrl, String databaseUser,
                     String databasePassword, AuthConfig auth, int maxConcurrentRuns, int queueCapacity,
                     Duration shutdownGrace, long maxRequestBytes, ConnectionLimits connections, String prometheusUrl,
                     KubeSettings kubernetes) {
        this(host, port, checklistsDir, dataDir, databaseUrl, databaseUser, databasePassword, auth, maxConcurrentRuns,
                queueCapacity, shutdownGrace, maxRequestBytes, connections, prometheusUrl, kubernetes,
                TechDebtSettings.defaults());
    }

    /** Without chaos settings: experiments are off. */
    public AppConfig(String host, int port, Path checklistsDir, Path dataDir, String databaseUrl, String databaseUser,
                     String databasePassword, AuthConfig auth, int maxConcurrentRuns, int queueCapacity,
                     Duration shutdownGrace, long maxRequestBytes, ConnectionLimits connections, String prometheusUrl,
                     KubeSettings kubernetes, TechDebtSettings techdebt) {
        this(host, port, checklistsDir, dataDir, databaseUrl, databaseUser, databasePassword, auth, maxConcurrentRuns,
                queueCapacity, shutdownGrace, maxRequestBytes, connections, prometheusUrl, kubernetes, techdebt,
                ChaosConfig.defaults());
    }

    /**
     * This configuration with what {@code serve}'s flags name (null: not given, kept), every other section as it is.
     * Built here with the canonical constructor, so a section added later is never dropped by the flags.
     */
    public AppConfig withFlags(String host, Integer port, Path checklistsDir, Path dataDir, String databaseUrl,
                               String prometheusUrl) {
        return new AppConfig(host != null ? host : this.host, port != null ? port : this.port,
                checklistsDir != null ? checklistsDir : this.checklistsDir, dataDir != null ? dataDir : this.dataDir,
                databaseUrl != null ? databaseUrl : this.databaseUrl, databaseUser, databasePassword, auth,
                maxConcurrentRuns, queueCapacity, shutdownGrace, maxRequestBytes, connections,
                prometheusUrl != null ? prometheusUrl : this.prometheusUrl, kubernetes, techdebt, chaos, attribution,
                leaderElection);
    }

    public static AppConfig defaults() {
        return new AppConfig("0.0.0.0", 8080, Path.of("checklists"), Path.of("data"), null, null, null, AuthConfig.NONE,
                2, 16, Duration.ofSeconds(30), 64 * 1024,
                ConnectionLimits.defaults(), null, KubeSettings.defaults(), TechDebtSettings.defaults(),
                ChaosConfig.defaults(), AttributionConfig.defaults(), LeaderElectionConfig.defaults());
    }

    public AppConfig withTechDebt(TechDebtSettings settings) {
        return new AppConfig(host, port, checklistsDir, dataDir, databaseUrl, databaseUser, databasePassword, auth,
                maxConcurrentRuns, queueCapacity, shutdownGrace, maxRequestBytes, connections, prometheusUrl, kubernetes,
                settings, chaos, attribution, leaderElection);
    }

    public AppConfig withKubernetes(KubeSettings settings) {
        return new AppConfig(host, port, checklistsDir, dataDir, databaseUrl, databaseUser, databasePassword, auth,
                maxConcurrentRuns, queueCapacity, shutdownGrace, maxRequestBytes, connections, prometheusUrl, settings,
                techdebt, chaos, attribution, leaderElection);
    }

    public AppConfig withChaos(ChaosConfig settings) {
        return new AppConfig(host, port, checklistsDir, dataDir, databaseUrl, databaseUser, databasePassword, auth,
                maxConcurrentRuns, queueCapacity, shutdownGrace, maxRequestBytes, connections, prometheusUrl, kubernetes,
                techdebt, settings, attribution, leaderElection);
    }

    public AppConfig withAttribution(AttributionConfig settings) {
        return new AppConfig(host, port, checklistsDir, dataDir, databaseUrl, databaseUser, databasePassword, auth,
                maxConcurrentRuns, queueCapacity, shutdownGrace, maxRequestBytes, connections, prometheusUrl, kubernetes,
                techdebt, chaos, settings, leaderElection);
    }

    public AppConfig withLeaderElection(LeaderElectionConfig settings) {
        return new AppConfig(host, port, checklistsDir, dataDir, databaseUrl, databaseUser, databasePassword, auth,
                maxConcurrentRuns, queueCapacity, shutdownGrace, maxRequestBytes, connections, prometheusUrl, kubernetes,
                techdebt, chaos, attribution, settings);
    }

    @Override
    public String toString() {
        return "AppConfig[host=" + host + ", port=" + port + ", checklistsDir=" + checklistsDir + ", dataDir=" + dataDir
                + ", database=" + (databaseUrl == null ? "sqlite" : "postgresql") + ", auth=" + auth
                + ", maxConcurrentRuns=" + maxConcurrentRuns + ", queueCapacity=" + queueCapacity
                + ", shutdownGrace=" + shutdownGrace + ", maxRequestBytes=" + maxRequestBytes + ", connections=" + connections
                + ", prometheus=" + (prometheusUrl == null ? "unset" : prometheusUrl.replaceFirst("//[^/@]*@", "//***@"))
                + ", kubernetes=" + kubernetes + ", techdebt=" + techdebt + ", chaos=" + chaos + ", attribution=" + attribution
                + ", leaderElection=" + leaderElection + "]";
    }
}
