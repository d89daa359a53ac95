package io.smokegate.metrics;

import io.smokegate.check.Measure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Every metric smokegate exports, by its Prometheus name. Dashboards and alert rules may use only
 * these (a test holds them to it); labels are bounded: checklist, check, type and the fixed label
 * names of each {@link Measure}; tech-debt figure names and deprecated-API table rows; chaos scenario names;
 * analysis phases and measurement outcomes (fixed sets);
 * configured services and their environments (attribution and DORA), and the last few attributions' suspects.
 */
public final class MetricNames {

    public static final String CHECK_SUCCESS = "smokegate_check_success";
    public static final String CHECK_DURATION = "smokegate_check_duration_seconds";
    public static final String RUNS = "smokegate_runs_total";
    public static final String RUN_DURATION = "smokegate_run_duration_seconds";
    public static final String RUN_LAST_TIMESTAMP = "smokegate_run_last_timestamp_seconds";
    public static final String RUN_SUCCESS = "smokegate_run_success";
    public static final String RUN_SUCCESS_RATIO = "smokegate_run_success_ratio";
    public static final String RUNS_IN_PROGRESS = "smokegate_runs_in_progress";
    public static final String RUN_QUEUE_DEPTH = "smokegate_run_queue_depth";
    public static final String RUNS_REJECTED = "smokegate_runs_rejected_total";
    public static final String SCHEDULE_SKIPPED = "smokegate_schedule_skipped_total";
    public static final String STORE_ERRORS = "smokegate_store_errors_total";
    public static final String BUILD_INFO = "smokegate_build_info";
    public static final String LEADER = "smokegate_leader";
    public static final String SLO_OBJECTIVE = "smokegate_slo_objective_ratio";
    public static final String GATE_VERDICT = "smokegate_gate_verdict";
    public static final String GATE_SCORE = "smokegate_gate_score_ratio";
    public static final String GATES = "smokegate_gates_total";
    public static final String GATE_LAST_TIMESTAMP = "smokegate_gate_last_timestamp_seconds";
    public static final String ALERTS_RECEIVED = "smokegate_alerts_received_total";
    public static final String TECHDEBT_FIGURE = "smokegate_techdebt_figure";
    public static final String TECHDEBT_DEPRECATED_API_OBJECTS = "smokegate_techdebt_deprecated_api_objects";
    public static final String TECHDEBT_LAST_SCAN_TIMESTAMP = "smokegate_techdebt_last_scan_timestamp_seconds";
    public static final String TECHDEBT_SCAN_DURATION = "smokegate_techdebt_scan_duration_seconds";
    public static final String TECHDEBT_SCAN_FAILURES = "smokegate_techdebt_scan_failures_total";
    public static final String TECHDEBT_THRESHOLD_CROSSED = "smokegate_techdebt_threshold_crossed";
    public static final String CHAOS_EXPERIMENTS_ACTIVE = "smokegate_chaos_experiments_active";
    public static final String CHAOS_FAULT_ACTIVE = "smokegate_chaos_fault_active";
    public static final String CHAOS_EXPERIMENT_DEADLINE = "smokegate_chaos_experiment_deadline_timestamp_seconds";
    public static final String CHAOS_EXPERIMENTS = "smokegate_chaos_experiments_total";
    public static final String CHAOS_INJECTIONS = "smokegate_chaos_injections_total";
    public static final String CHAOS_RECOVERY_SECONDS = "smokegate_chaos_recovery_seconds";
    public static final String CHAOS_RESILIENCE_SCORE = "smokegate_chaos_resilience_score";
    public static final String CHAOS_PHASE_SUCCESS_RATIO = "smokegate_chaos_phase_success_ratio";
    public static final String CHAOS_ORPHANS_SWEPT = "smokegate_chaos_orphans_swept_total";
    public static final String CHAOS_ORPHANS_LEFT = "smokegate_chaos_orphans_left";
    public static final String ANALYSES = "smokegate_analyses_total";
    public static final String ANALYSES_RUNNING = "smokegate_analyses_running";
    public static final String ANALYSIS_MEASUREMENTS = "smokegate_analysis_measurements_total";
    public static final String DEPLOYMENT_LAST_TIMESTAMP = "smokegate_deployment_last_timestamp_seconds";
    public static final String SERVICE_CHECKLIST_INFO = "smokegate_service_checklist_info";
    public static final String ATTRIBUTIONS = "smokegate_attributions_total";
    public static final String ATTRIBUTION_FAILURES = "smokegate_attribution_failures_total";
    public static final String ATTRIBUTION_DURATION = "smokegate_attribution_duration_seconds";
    public static final String ATTRIBUTION_SUSPECT_INFO = "smokegate_attribution_suspect_info";
    public static final String DORA_DEPLOYMENTS = "smokegate_dora_deployments";
    public static final String DORA_DEPLOYMENTS_PER_DAY = "smokegate_dora_deployments_per_day";
    public static final String DORA_LEAD_TIME = "smokegate_dora_lead_time_seconds";
    public static final String DORA_FAILED_DEPLOYMENTS = "smokegate_dora_failed_deployments";
    public static final String DORA_CHANGE_FAILURE_RATIO = "smokegate_dora_change_failure_ratio";
    public static final String DORA_RECOVERY_TIME = "smokegate_dora_recovery_time_seconds";
    public static final String DORA_UNRECOVERED_DEPLOYMENTS = "smokegate_dora_unrecovered_deployments";

    private MetricNames() {
    }

    /** The series name of a check measurement. */
    public static String of(Measure measure) {
        return "smokegate_" + measure.metricSuffix();
    }

    /** Every name above and every measure's, as exposed (histograms add _bucket, _sum, _count, _max). */
    public static List<String> all(Collection<Measure> measures) {
        List<String> names = new ArrayList<>(List.of(CHECK_SUCCESS, CHECK_DURATION, RUNS, RUN_DURATION,
                RUN_LAST_TIMESTAMP, RUN_SUCCESS, RUN_SUCCESS_RATIO, RUNS_IN_PROGRESS, RUN_QUEUE_DEPTH, RUNS_REJECTED,
                SCHEDULE_SKIPPED, STORE_ERRORS, BUILD_INFO, LEADER, SLO_OBJECTIVE, GATE_VERDICT, GATE_SCORE, GATES,
                GATE_LAST_TIMESTAMP, ALERTS_RECEIVED, TECHDEBT_FIGURE, TECHDEBT_DEPRECATED_API_OBJECTS,
                TECHDEBT_LAST_SCAN_TIMESTAMP, TECHDEBT_SCAN_DURATION, TECHDEBT_SCAN_FAILURES, TECHDEBT_THRESHOLD_CROSSED,
                CHAOS_EXPERIMENTS_ACTIVE, CHAOS_FAULT_ACTIVE, CHAOS_EXPERIMENT_DEADLINE, CHAOS_EXPERIMENTS, CHAOS_INJECTIONS,
                CHAOS_RECOVERY_SECONDS, CHAOS_RESILIENCE_SCORE, CHAOS_PHASE_SUCCESS_RATIO, CHAOS_ORPHANS_SWEPT,
                CHAOS_ORPHANS_LEFT, ANALYSES, ANALYSES_RUNNING, ANALYSIS_MEASUREMENTS, DEPLOYMENT_LAST_TIMESTAMP,
                SERVICE_CHECKLIST_INFO, ATTRIBUTIONS, ATTRIBUTION_FAILURES,
                ATTRIBUTION_DURATION, ATTRIBUTION_SUSPECT_INFO, DORA_DEPLOYMENTS, DORA_DEPLOYMENTS_PER_DAY, DORA_LEAD_TIME,
                DORA_FAILED_DEPLOYMENTS, DORA_CHANGE_FAILURE_RATIO, DORA_RECOVERY_TIME, DORA_UNRECOVERED_DEPLOYMENTS));
        for (Measure m : measures) {
            names.add(of(m));
        }
        return List.copyOf(names);
    }

    /** A counter's name in a collector's snapshot: without {@code _total}, which the text format adds. */
    static String inSnapshot(String counter) {
        return counter.substring(0, counter.length() - "_total".length());
    }
}
