package io.smokegate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.config.LeaderElectionConfig.Mode;
import io.smokegate.input.InvalidInputException;
import io.smokegate.kube.KubeEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderElectionConfigTest {

    static final String POSTGRES = "jdbc:postgresql://db/smokegate";

    @TempDir
    Path dir;

    private static List<String> problems(Path file, Map<String, String> env) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ConfigLoader(env::get).load(file));
        return e.problems().stream().map(io.smokegate.input.Problem::format).toList();
    }

    @Test
    void theSectionSetsTheModeTheLeaseAndItsTimings() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                leaderElection: {mode: lease, leaseName: sg.leader, leaseNamespace: monitoring, leaseDuration: 6s,
                                 renewDeadline: 4s, retryPeriod: 1s}
                """);

        AppConfig c = new ConfigLoader(Map.<String, String>of()::get).load(file);

        assertEquals(new LeaderElectionConfig(Mode.LEASE, "sg.leader", "monitoring", Duration.ofSeconds(6),
                Duration.ofSeconds(4), Duration.ofSeconds(1)), c.leaderElection());
    }

    @Test
    void withoutTheSectionTheModeIsAutoWithALeaseOf10s() throws Exception {
        AppConfig c = new ConfigLoader(Map.<String, String>of()::get).load(null);

        assertEquals(new LeaderElectionConfig(Mode.AUTO, "smokegate-leader", null, Duration.ofSeconds(10),
                Duration.ofSeconds(7), Duration.ofSeconds(1)), c.leaderElection());
    }

    @Test
    void badValuesAreReportedWhereTheyAre() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                leaderElection:
                  mode: lese
                  leaseName: Leader_1
                  leaseDuration: 2h
                  retryPeriod: soon
                  namespace: x
                """);

        assertEquals(List.of(file + ":6:3: leaderElection.namespace: unknown field (expected one of: leaseDuration, leaseName, "
                        + "leaseNamespace, mode, renewDeadline, retryPeriod)",
                file + ":2:9: leaderElection.mode: unknown mode 'lese' (did you mean 'lease'?)",
                file + ":3:14: leaderElection.leaseName: 'Leader_1' is not a valid Lease name (lowercase letters, digits, "
                        + "'-' and '.', at most 253 characters)",
                file + ":4:18: leaderElection.leaseDuration: 2h is out of range (allowed: 100ms to 10m)",
                file + ":5:16: leaderElection.retryPeriod: 'soon' is not a duration (use e.g. 500ms, 10s, 1m30s, 2h)"),
                problems(file, Map.of()));
    }

    @Test
    void aRenewDeadlineNotShorterThanTheLeaseDurationIsAProblemAtTheRenewDeadline() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                leaderElection: {leaseDuration: 10s, renewDeadline: 10s}
                """);

        assertEquals(List.of(file + ":1:53: leaderElection.renewDeadline: 10s must be shorter than leaderElection.leaseDuration "
                + "(10s) (the leader must give up before another may take the lease)"), problems(file, Map.of()));
    }

    @Test
    void aRetryPeriodThatLeavesNoSecondTryBeforeTheRenewDeadlineIsAProblemAtTheRetryPeriod() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                leaderElection: {retryPeriod: 6s}
                """);

        assertEquals(List.of(file + ":1:31: leaderElection.retryPeriod: 6s leaves no second try within "
                + "leaderElection.renewDeadline (7s) (make renewDeadline more than 1.2 times retryPeriod)"),
                problems(file, Map.of()));
    }

    @Test
    void thePostgresLockWithoutAPostgresDatabaseIsAProblemAtTheMode() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), """
                leaderElection:
                  mode: postgres
                """);

        assertEquals(List.of(file + ":2:9: leaderElection.mode: postgres needs a PostgreSQL database, but the database is "
                + "the embedded SQLite (set database.url (or SMOKEGATE_DATABASE_URL) to a jdbc:postgresql: URL, or use mode "
                + "auto or none)"), problems(file, Map.of()));
    }

    @Test
    void thePostgresLockAcceptsADatabaseFromTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("smokegate.yaml"), "leaderElection: {mode: postgres}\n");

        AppConfig c = new ConfigLoader(Map.of("SMOKEGATE_DATABASE_URL", POSTGRES)::get).load(file);

        assertEquals(Mode.POSTGRES, c.leaderElection().effectiveMode(false, c.databaseUrl()));
    }

    @Test
    void autoChoosesTheLeaseInAClusterThePostgresLockOutsideAndNoneWithSqlite() {
        LeaderElectionConfig auto = LeaderElectionConfig.defaults();

        assertEquals(Mode.LEASE, auto.effectiveMode(true, POSTGRES));
        assertEquals(Mode.LEASE, auto.effectiveMode(true, null));
        assertEquals(Mode.POSTGRES, auto.effectiveMode(false, POSTGRES));
        assertEquals(Mode.NONE, auto.effectiveMode(false, null));
    }

    @Test
    void aModeWrittenOutIsUsedWhereverTheServiceRuns() {
        LeaderElectionConfig none = LeaderElectionConfig.defaults().with(Mode.NONE, "l", null, Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2));

        assertEquals(Mode.NONE, none.effectiveMode(true, POSTGRES));
    }

    @Test
    void aPodIsRecognisedByTheApiServerAddressAndItsMountedServiceAccountToken() throws Exception {
        Path account = Files.createDirectories(dir.resolve("serviceaccount"));
        Map<String, String> pod = Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443");

        assertFalse(KubeEnvironment.of(pod, dir, account).inCluster(), "no token mounted");
        Files.writeString(account.resolve("token"), "t");
        assertTrue(KubeEnvironment.of(pod, dir, account).inCluster());
        assertFalse(KubeEnvironment.of(Map.of(), dir, account).inCluster(), "a token but no API server address");
    }
}
