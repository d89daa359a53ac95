package io.smokegate.check.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code kube.workloads} keeps of a pod: its labels (to find its workload by selector) and what is wrong with
 * its containers. Only this is kept, so listing the pods of a large namespace holds little in memory.
 */
record PodHealth(String namespace, String name, Map<String, String> labels, List<String> problems, int restarts) {

    /** Waiting reasons of a container that will not come up by itself. */
    private static final Set<String> STUCK = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull");
    private static final String OOM_KILLED = "OOMKilled";

    static PodHealth of(Pod pod, int maxRestarts) {
        String name = pod.getMetadata().getName();
        List<String> problems = new ArrayList<>();
        int restarts = 0;
        if (pod.getStatus() != null) {
            List<ContainerStatus> containers = new ArrayList<>();
            if (pod.getStatus().getInitContainerStatuses() != null) {
                containers.addAll(pod.getStatus().getInitContainerStatuses());
            }
            if (pod.getStatus().getContainerStatuses() != null) {
                containers.addAll(pod.getStatus().getContainerStatuses());
            }
            for (ContainerStatus c : containers) {
                String container = "pod " + name + " container " + c.getName();
                var state = c.getState();
                if (state != null && state.getWaiting() != null && STUCK.contains(state.getWaiting().getReason())) {
                    problems.add(container + " in " + state.getWaiting().getReason());
                }
                boolean oomNow = state != null && state.getTerminated() != null
                        && OOM_KILLED.equals(state.getTerminated().getReason());
                boolean oomLast = c.getLastState() != null && c.getLastState().getTerminated() != null
                        && OOM_KILLED.equals(c.getLastState().getTerminated().getReason());
                if (oomNow || oomLast) {
                    problems.add(container + " " + OOM_KILLED);
                }
                int count = c.getRestartCount() == null ? 0 : c.getRestartCount();
                restarts = Math.max(restarts, count);
                if (count > maxRestarts) {
                    problems.add(container + " restarted " + count + " times (maxRestarts " + maxRestarts + ")");
                }
            }
        }
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(pod.getMetadata().getLabels());
        return new PodHealth(pod.getMetadata().getNamespace(), name, labels, List.copyOf(problems), restarts);
    }

    /**
     * Whether a workload's selector selects this pod: every {@code matchLabels} entry and every expression
     * ({@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}). A missing or empty selector selects nothing
     * (the apps/v1 API requires one, and it must not swallow every pod of the namespace).
     */
    boolean selectedBy(LabelSelector selector) {
        if (selector == null) {
            return false;
        }
        Map<String, String> match = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of()
                : selector.getMatchExpressions();
        if (match.isEmpty() && expressions.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, String> e : match.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement r : expressions) {
            String value = labels.get(r.getKey());
            List<String> values = r.getValues() == null ? List.of() : r.getValues();
            boolean ok = switch (r.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
