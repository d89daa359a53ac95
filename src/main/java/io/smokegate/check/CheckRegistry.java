package io.smokegate.check;

import io.smokegate.check.goproxy.GoProxyFamily;
import io.smokegate.check.kube.KubeFamily;
import io.smokegate.check.net.NetFamily;
import io.smokegate.check.sumdb.SumdbFamily;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Check types and measures by name, gathered from check families. */
public final class CheckRegistry {

    private final Map<String, CheckType> types = new TreeMap<>();
    private final Map<String, Measure> measures = new TreeMap<>();

    public CheckRegistry(List<CheckFamily> families) {
        List<Measure> all = new ArrayList<>(Measure.CORE);
        for (CheckFamily family : families) {
            for (CheckType type : family.types()) {
                if (types.putIfAbsent(type.name(), type) != null) {
                    throw new IllegalArgumentException("check type registered twice: " + type.name() + " (family " + family.name() + ")");
                }
            }
            all.addAll(family.measures());
        }
        Map<String, String> suffixes = new TreeMap<>();
        for (Measure m : all) {
            if (measures.putIfAbsent(m.name(), m) != null || suffixes.putIfAbsent(m.metricSuffix(), m.name()) != null) {
                throw new IllegalArgumentException("measure defined twice: " + m.name() + " (" + m.metricSuffix() + ")");
            }
        }
    }

    /** Every check family smokegate ships: the one place that lists them. */
    public static List<CheckFamily> standardFamilies() {
        return List.of(new NetFamily(), new GoProxyFamily(), new SumdbFamily(), new KubeFamily());
    }

    public static CheckRegistry standard() {
        return new CheckRegistry(standardFamilies());
    }

    public Optional<CheckType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Collection<String> names() {
        return types.keySet();
    }

    public Collection<CheckType> all() {
        return types.values();
    }

    /** A measure by its stored name; empty for one this version does not know. */
    public Optional<Measure> measure(String name) {
        return Optional.ofNullable(measures.get(name));
    }

    public Collection<Measure> measures() {
        return measures.values();
    }
}
