package io.smokegate.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckRegistryTest {

    static final Measure PINGS = new Measure("ECHO_PINGS", "echo_pings", "Pings the echo check sent", List.of("peer"));

    /** A family that lives only in this test: adding it touches no class of the core. */
    static CheckFamily echoFamily(Measure... measures) {
        CheckType echo = new CheckType() {
            @Override
            public String name() {
                return "echo.ping";
            }

            @Override
            public String description() {
                return "answers pong";
            }

            @Override
            public List<Param> params() {
                return List.of();
            }

            @Override
            public Check create(Params params) {
                return probe -> {
                    probe.measure(PINGS, 1, "self");
                    return Outcome.pass("pong");
                };
            }
        };
        return CheckFamily.of("echo", List.of(echo), List.of(measures));
    }

    static CheckRegistry standardPlus(CheckFamily family) {
        List<CheckFamily> families = new ArrayList<>(CheckRegistry.standardFamilies());
        families.add(family);
        return new CheckRegistry(families);
    }

    @Test
    void aFamilyAddedOutsideTheCoreContributesItsTypesAndMeasures() {
        CheckRegistry registry = standardPlus(echoFamily(PINGS));

        assertEquals("answers pong", registry.find("echo.ping").orElseThrow().description());
        assertEquals(PINGS, registry.measure("ECHO_PINGS").orElseThrow());
        assertTrue(registry.find("http").isPresent(), "the shipped families stay");
    }

    @Test
    void everyShippedFamilyContributesTypesAndTheCoreMeasuresAreAlwaysThere() {
        CheckRegistry registry = CheckRegistry.standard();

        assertEquals(List.of("dns", "goproxy.chain", "goproxy.latest", "goproxy.list", "goproxy.module", "goproxy.notfound",
                "goproxy.private", "gosum.verify", "http", "kube.apiserver", "kube.certificates", "kube.drift", "kube.gitops",
                "kube.nodes", "kube.techdebt", "kube.workloads", "sumdb.verify", "tcp", "tls"), List.copyOf(registry.names()));
        assertEquals(Measure.SECURITY_FAILURE, registry.measure("SECURITY_FAILURE").orElseThrow());
    }

    @Test
    void aTypeNameTakenByAnotherFamilyIsRefused() {
        CheckFamily clash = CheckFamily.of("clash", List.of(CheckRegistry.standard().find("http").orElseThrow()), List.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> standardPlus(clash));

        assertEquals("check type registered twice: http (family clash)", e.getMessage());
    }

    @Test
    void aMetricNameTakenByAnotherMeasureIsRefused() {
        Measure sameSeries = new Measure("ECHO_SUCCESS", "security_failure", "clashes with the core", List.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> standardPlus(echoFamily(sameSeries)));

        assertEquals("measure defined twice: ECHO_SUCCESS (security_failure)", e.getMessage());
    }

    @Test
    void anUnknownStoredMeasureIsNotFound() {
        assertTrue(CheckRegistry.standard().measure("RETIRED_MEASURE").isEmpty());
    }
}
