package io.smokegate.check.kube;

import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.kube.ListSummary;
import java.util.List;

/**
 * The objects that failed a kube check, reported the same way by every type: all of them in the {@code failures}
 * detail, the first few in the message (each {@code what: why}) with a count of the rest.
 */
final class Offenders {

    /** How many offenders a message names. */
    static final int IN_MESSAGE = 3;

    private Offenders() {
    }

    /** A list that stopped at the object cap: the check would judge only part of what it was asked to. */
    static Outcome tooMany(ListSummary listed, String what, String namespace) {
        return Outcome.fail("more than " + listed.objects() + " " + what + " in "
                + KubeParams.describe(namespace == null ? List.of() : List.of(namespace))
                + ", more than a check reads; narrow it with namespaces or selector");
    }

    /** E.g. {@code 2 of 5 nodes unhealthy: node-a: not Ready; node-b: MemoryPressure}. */
    static Outcome fail(Probe probe, String summary, List<String> offenders) {
        probe.detail("failures", List.copyOf(offenders));
        StringBuilder message = new StringBuilder(summary).append(": ");
        message.append(String.join("; ", offenders.subList(0, Math.min(IN_MESSAGE, offenders.size()))));
        if (offenders.size() > IN_MESSAGE) {
            message.append(" (+").append(offenders.size() - IN_MESSAGE).append(" more)");
        }
        return Outcome.fail(message.toString());
    }
}
