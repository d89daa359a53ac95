package io.smokegate.attribution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * DORA's delivery metrics for one service in one environment over a period (reference, section 6; dora.dev), as pure
 * computation over deploy markers and attributed alerts:
 * <ul>
 *   <li><b>deployment frequency</b>: deployments in {@code [from, to)}, and per day;</li>
 *   <li><b>change lead time</b>: median of deploy time minus commit time of each deployed commit whose time is known
 *       ("committed to version control → deployed");</li>
 *   <li><b>change fail rate</b>: deployments that are the suspect of at least one attributed alert, divided by
 *       deployments (DORA: deployments "that require immediate intervention");</li>
 *   <li><b>failed deployment recovery time</b>: per failed deployment, from the first alert's start to whichever
 *       comes first: all its alerts resolved, or the next deploy of the service (the rollback or hotfix); median.
 *       A failed deployment with neither yet is counted as unrecovered, not guessed.</li>
 * </ul>
 * Only failures attributed to a deployment count, per DORA's 2023 redefinition (failures from external causes are not
 * failed deployments). Commit times are looked up by the caller (JGit) and passed in.
 */
public final class Dora {

    /** An alert with its attribution: {@code suspect} the deploy it was attributed to (null: none); {@code resolvedAt} null while firing. */
    public record AttributedAlert(String fingerprint, Instant startsAt, Instant resolvedAt, DeployMarker suspect) {
        public AttributedAlert {
            Objects.requireNonNull(startsAt, "startsAt");
        }
    }

    /**
     * The figures; {@code changeFailRate} is empty with no deployment, the medians with no sample.
     *
     * @param leadTimeSamples       deployments whose commit time was known
     * @param unrecovered           failed deployments neither resolved nor followed by another deploy
     */
    public record Figures(String service, String environment, Instant from, Instant to, int deployments,
                          double deploymentsPerDay, Optional<Duration> leadTimeMedian, int leadTimeSamples,
                          int failedDeployments, Optional<Double> changeFailRate, Optional<Duration> recoveryTimeMedian,
                          int recovered, int unrecovered) {
    }

    private Dora() {
    }

    /**
     * @param markers     deploy markers (of any service; those of {@code service}/{@code environment} are used)
     * @param commitTimes commit id → commit time, for the deployed commits the caller could look up
     * @param alerts      attributed alerts (those whose suspect is a deployment in the period count)
     */
    public static Figures compute(String service, String environment, Instant from, Instant to, List<DeployMarker> markers,
                                  Map<String, Instant> commitTimes, List<AttributedAlert> alerts) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period must end after it starts, got " + from + " to " + to);
        }
        List<DeployMarker> all = markers.stream()
                .filter(m -> m.service().equals(service) && m.environment().equals(environment))
                .sorted(Comparator.comparing(DeployMarker::time)).toList();
        List<DeployMarker> deploys = all.stream().filter(m -> !m.time().isBefore(from) && m.time().isBefore(to)).toList();

        List<Duration> leadTimes = new ArrayList<>();
        for (DeployMarker d : deploys) {
            Instant committed = d.commit() == null ? null : commitTimes.get(d.commit());
            // A commit dated after its deploy (a skewed clock, an amended date) says nothing about lead time.
            if (committed != null && !committed.isAfter(d.time())) {
                leadTimes.add(Duration.between(committed, d.time()));
            }
        }

        int failed = 0;
        int unrecovered = 0;
        List<Duration> recoveries = new ArrayList<>();
        for (DeployMarker d : deploys) {
            List<AttributedAlert> caused = alerts.stream().filter(a -> sameDeploy(a.suspect(), d)).toList();
            if (caused.isEmpty()) {
                continue;
            }
            failed++;
            Instant start = caused.stream().map(AttributedAlert::startsAt).min(Comparator.naturalOrder()).orElseThrow();
            Optional<Instant> resolved = caused.stream().allMatch(a -> a.resolvedAt() != null)
                    ? caused.stream().map(AttributedAlert::resolvedAt).max(Comparator.naturalOrder()) : Optional.empty();
            Optional<Instant> nextDeploy = all.stream().map(DeployMarker::time).filter(t -> t.isAfter(d.time())).findFirst()
                    .map(t -> t.isBefore(start) ? start : t);
            Optional<Instant> end = resolved.isEmpty() ? nextDeploy : nextDeploy.isEmpty() ? resolved
                    : Optional.of(resolved.get().isBefore(nextDeploy.get()) ? resolved.get() : nextDeploy.get());
            if (end.isPresent()) {
                recoveries.add(Duration.between(start, end.get()));
            } else {
                unrecovered++;
            }
        }

        double days = Duration.between(from, to).toMillis() / (double) Duration.ofDays(1).toMillis();
        return new Figures(service, environment, from, to, deploys.size(), deploys.size() / days, median(leadTimes),
                leadTimes.size(), failed, deploys.isEmpty() ? Optional.empty() : Optional.of(failed / (double) deploys.size()),
                median(recoveries), recoveries.size(), unrecovered);
    }

    /** The same deploy: markers from different sources of one rollout differ in {@code source} and {@code version}. */
    private static boolean sameDeploy(DeployMarker suspect, DeployMarker deploy) {
        return suspect != null && suspect.service().equals(deploy.service())
                && suspect.environment().equals(deploy.environment()) && suspect.time().equals(deploy.time())
                && Objects.equals(suspect.commit(), deploy.commit());
    }

    /** The median; of an even count, the mean of the two middle values. */
    static Optional<Duration> median(List<Duration> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return Optional.of(sorted.size() % 2 == 1 ? sorted.get(mid) : sorted.get(mid - 1).plus(sorted.get(mid)).dividedBy(2));
    }
}
