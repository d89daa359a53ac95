package io.smokegate.techdebt.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.techdebt.live.DeprecatedApiMetric.Limits;
import io.smokegate.techdebt.live.DeprecatedApiMetric.Parsed;
import io.smokegate.techdebt.live.DeprecatedApiMetric.Series;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API server's /metrics page read for apiserver_requested_deprecated_apis only, within its limits. */
public class DeprecatedApiMetricTest {

    /** A part of a real API server's /metrics page (v1.29): other families around the gauge, HELP and TYPE lines. */
    public static final String PAGE = """
            # HELP aggregator_unavailable_apiservice [ALPHA] Gauge of APIServices which are marked as unavailable broken down by APIService name.
            # TYPE aggregator_unavailable_apiservice gauge
            aggregator_unavailable_apiservice{name="v1.apps"} 0
            # HELP apiserver_request_total [STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.
            # TYPE apiserver_request_total counter
            apiserver_request_total{code="200",component="apiserver",dry_run="",group="batch",resource="cronjobs",scope="cluster",subresource="",verb="LIST",version="v1beta1"} 17
            # HELP apiserver_requested_deprecated_apis [STABLE] Gauge of deprecated APIs that have been requested, broken out by API group, version, resource, subresource, and removed_release.
            # TYPE apiserver_requested_deprecated_apis gauge
            apiserver_requested_deprecated_apis{group="",removed_release="",resource="componentstatuses",subresource="",version="v1"} 1
            apiserver_requested_deprecated_apis{group="batch",removed_release="1.25",resource="cronjobs",subresource="",version="v1beta1"} 1
            apiserver_requested_deprecated_apis{group="flowcontrol.apiserver.k8s.io",removed_release="1.32",resource="flowschemas",subresource="status",version="v1beta3"} 1
            apiserver_requested_deprecated_apis{group="policy",removed_release="1.25",resource="podsecuritypolicies",subresource="",version="v1beta1"} 0
            # HELP apiserver_requested_deprecated_apis_seen_total made up: a family whose name starts like the gauge's
            # TYPE apiserver_requested_deprecated_apis_seen_total counter
            apiserver_requested_deprecated_apis_seen_total{group="extensions"} 3
            # HELP process_start_time_seconds [ALPHA] Start time of the process since unix epoch in seconds.
            # TYPE process_start_time_seconds gauge
            process_start_time_seconds 1.72123456789e+09
            """;

    private static Parsed parse(String text, Limits limits) throws IOException {
        return DeprecatedApiMetric.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limits);
    }

    @Test
    void onlyTheGaugesSeriesWithAValueOtherThanZeroAreRead() throws IOException {
        Parsed parsed = parse(PAGE, Limits.defaults());
        assertEquals(List.of(new Series("", "v1", "componentstatuses", "", ""),
                new Series("batch", "v1beta1", "cronjobs", "", "1.25"),
                new Series("flowcontrol.apiserver.k8s.io", "v1beta3", "flowschemas", "status", "1.32")), parsed.series());
        assertEquals(List.of(), parsed.problems());
    }

    @Test
    void labelValuesAreUnescapedAndATimestampIsAllowed() throws IOException {
        Parsed parsed = parse("apiserver_requested_deprecated_apis{version=\"v1beta1\",group=\"ex\\\"ample\\\\io\","
                + "resource=\"widgets\",} 1 1721234567000", Limits.defaults());
        assertEquals(List.of(new Series("ex\"ample\\io", "v1beta1", "widgets", "", "")), parsed.series());
    }

    @Test
    void aBrokenLineOfTheGaugeIsReportedAndTheOthersAreRead() throws IOException {
        Parsed parsed = parse("""
                apiserver_requested_deprecated_apis{group="batch",resource="cronjobs",version="v1beta1"} one
                apiserver_requested_deprecated_apis{group="batch,resource="jobs",version="v1"} 1
                apiserver_requested_deprecated_apis{resource="ingresses",version="v1beta1"} 1
                apiserver_requested_deprecated_apis{group="policy",removed_release="1.25",resource="poddisruptionbudgets",subresource="",version="v1beta1"} 1
                """, Limits.defaults());
        assertEquals(List.of(new Series("policy", "v1beta1", "poddisruptionbudgets", "", "1.25")), parsed.series());
        assertEquals(List.of("line 1: not a sample of apiserver_requested_deprecated_apis (the value is not a number)",
                "line 2: not a sample of apiserver_requested_deprecated_apis ('jobs\",version' is not a label name)",
                "line 3: not a sample of apiserver_requested_deprecated_apis (no label group)"), parsed.problems());
    }

    @Test
    void anOverlongLineOfTheGaugeIsPassedOverAndOtherFamiliesCostNothing() throws IOException {
        String page = "other_family{label=\"" + "x".repeat(10_000) + "\"} 1\n"
                + "apiserver_requested_deprecated_apis{group=\"" + "y".repeat(300) + "\",resource=\"r\",version=\"v1\"} 1\n"
                + "apiserver_requested_deprecated_apis{group=\"batch\",resource=\"cronjobs\",version=\"v1beta1\"} 1\n";
        Parsed parsed = parse(page, new Limits(1 << 20, 256, 10));
        assertEquals(List.of(new Series("batch", "v1beta1", "cronjobs", "", "")), parsed.series());
        assertEquals(List.of("line 2: longer than 256 bytes, passed over"), parsed.problems());
    }

    @Test
    void aPageLargerThanTheLimitIsReadUpToIt() throws IOException {
        String line = "apiserver_requested_deprecated_apis{group=\"batch\",resource=\"cronjobs\",version=\"v1beta1\"} 1\n";
        Parsed parsed = parse(line + "# padding " + "z".repeat(2_000) + "\n" + line.replace("cronjobs", "jobs"),
                new Limits(1_000, 256, 10));
        assertEquals(List.of(new Series("batch", "v1beta1", "cronjobs", "", "")), parsed.series());
        assertEquals(List.of("the page is larger than 1000 bytes; read up to there"), parsed.problems());
    }

    @Test
    void seriesBeyondTheLimitArePassedOver() throws IOException {
        StringBuilder page = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            page.append("apiserver_requested_deprecated_apis{group=\"g").append(i).append("\",resource=\"r\",version=\"v1\"} 1\n");
        }
        Parsed parsed = parse(page.toString(), new Limits(1 << 20, 256, 3));
        assertEquals(List.of("g0", "g1", "g2"), parsed.series().stream().map(Series::group).toList());
        assertEquals(List.of("2 series beyond the first 3 passed over"), parsed.problems());
    }
}
