package io.smokegate.check.kube;

import static io.smokegate.check.ParamKind.INTEGER;
import static io.smokegate.check.ParamKind.STRING;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import java.util.List;
import java.util.Locale;

/**
 * {@code type: kube.nodes} — every node Ready and under no memory, disk or PID pressure, none cordoned unless
 * allowed, every kubelet within the version-skew policy of the API server.
 */
public final class NodesCheckType implements CheckType {

    /**
     * The Kubernetes version-skew policy: a kubelet may be up to three minor versions older than the API server
     * (since 1.28; two before), never newer.
     */
    static final int DEFAULT_KUBELET_SKEW = 3;

    private static final List<Param> PARAMS = KubeParams.withCluster(
            Param.optional("allowUnschedulable", STRING, "false",
                    "how many unschedulable (cordoned) nodes are accepted: a number, true for any, false for none"),
            Param.optional("maxKubeletSkew", INTEGER, DEFAULT_KUBELET_SKEW,
                    "most minor versions a kubelet may be behind the API server").range(0, 10));

    @Override
    public String name() {
        return "kube.nodes";
    }

    @Override
    public String description() {
        return "every node Ready, no pressure, none unschedulable unless allowed, kubelet versions within the skew policy";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        NodesCheck nodes = new NodesCheck(allowUnschedulable(p.string("allowUnschedulable")), p.integer("maxKubeletSkew"));
        return new KubeCheck(KubeParams.cluster(p), nodes);
    }

    private static int allowUnschedulable(String value) throws InvalidParamException {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return Integer.MAX_VALUE;
        }
        if (v.equals("false")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidParamException("allowUnschedulable", "'" + value + "' is neither a count nor true/false",
                "e.g. 1 to accept one cordoned node during maintenance, or true");
    }
}
