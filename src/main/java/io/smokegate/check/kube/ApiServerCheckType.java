package io.smokegate.check.kube;

import static io.smokegate.check.ParamKind.BOOLEAN;
import static io.smokegate.check.ParamKind.DURATION;
import static io.smokegate.check.ParamKind.INTEGER;
import static io.smokegate.check.ParamKind.STRING;

import io.fabric8.kubernetes.api.model.Pod;
import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import io.smokegate.kube.KubeOp;
import io.smokegate.kube.ResourceRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * {@code type: kube.apiserver} — timed requests to the API server (by default the pod list {@code kubectl get pods}
 * makes), their p50/p95/p99 against thresholds, and the failed checks {@code /readyz?verbose} lists.
 */
public final class ApiServerCheckType implements CheckType {

    private static final List<Param> PARAMS = KubeParams.withCluster(
            Param.optional("requests", INTEGER, 10, "timed requests per probe").range(1, 1000),
            Param.optional("path", STRING, null,
                    "API path requested; default: the pod list of namespace, as kubectl get pods asks for it"),
            Param.optional("namespace", STRING, "default", "namespace of the default pod list"),
            Param.optional("maxP50", DURATION, null, "fail when the median request takes longer"),
            Param.optional("maxP95", DURATION, null, "fail when the 95th percentile is longer"),
            Param.optional("maxP99", DURATION, null, "fail when the 99th percentile is longer"),
            Param.optional("readyz", BOOLEAN, true, "also read /readyz?verbose and fail on every check it lists as failed"));

    @Override
    public String name() {
        return "kube.apiserver";
    }

    @Override
    public String description() {
        return "API server latency (p50/p95/p99 of timed requests) and /readyz";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        String namespace = KubeParams.namespace(p, "namespace");
        String path;
        KubeOp op;
        if (p.has("path")) {
            path = path(p.string("path"));
            op = KubeOp.path("get", path.replaceFirst("\\?.*", ""));
        } else {
            // kubectl get pods: the first page of 500, in the context's namespace.
            path = "/api/v1/namespaces/" + namespace + "/pods?limit=500";
            op = KubeOp.list(ResourceRef.of(Pod.class), namespace);
        }
        ApiServerCheck.Thresholds limits = new ApiServerCheck.Thresholds(p.duration("maxP50"), p.duration("maxP95"),
                p.duration("maxP99"));
        return new KubeCheck(KubeParams.cluster(p), new ApiServerCheck(p.integer("requests"), path, op, limits,
                p.bool("readyz")));
    }

    private static String path(String text) throws InvalidParamException {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null
                    || !uri.getRawPath().startsWith("/") || uri.getRawFragment() != null) {
                throw new InvalidParamException("path", "'" + text + "' is not a path on the API server",
                        "a path with an optional query, e.g. /api/v1/namespaces/athens/pods?limit=500 or /livez");
            }
            return text;
        } catch (URISyntaxException e) {
            throw new InvalidParamException("path", "'" + text + "' is not a path: " + e.getReason());
        }
    }
}
