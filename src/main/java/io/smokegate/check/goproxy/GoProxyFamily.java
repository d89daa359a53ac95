package io.smokegate.check.goproxy;

import io.smokegate.check.CheckFamily;
import io.smokegate.check.CheckType;
import io.smokegate.check.Measure;
import io.smokegate.check.SharedClient;
import io.smokegate.check.net.ConnectionPool;
import java.util.List;

/** The Go module proxy checks (goproxy.*) and what they measure. */
public final class GoProxyFamily implements CheckFamily {

    public static final Measure REQUEST_DURATION = new Measure("GOPROXY_REQUEST_DURATION", "goproxy_request_duration_seconds",
            "Duration of the last request to each Go module proxy or checksum database endpoint", List.of("endpoint"));
    public static final Measure STATUS_CODE = new Measure("GOPROXY_STATUS_CODE", "goproxy_response_status_code",
            "HTTP status of the last request to each Go module proxy or checksum database endpoint (0: no answer)",
            List.of("endpoint"));
    public static final Measure DOWNLOADED_BYTES = new Measure("DOWNLOADED_BYTES", "downloaded_bytes",
            "Bytes downloaded by the last probe", List.of());

    /**
     * The connections Go proxy and checksum database lookups keep alive, shared by the goproxy and sumdb checks;
     * each probe takes its own scope of it ({@link GoProxyChecks#client}).
     */
    public static final SharedClient<ConnectionPool> CONNECTIONS = new SharedClient<>("goproxy connection pool",
            context -> new ConnectionPool(ConnectionPool.Settings.DEFAULT));

    @Override
    public String name() {
        return "goproxy";
    }

    @Override
    public List<CheckType> types() {
        return List.of(new ListCheckType(), new LatestCheckType(), new ModuleCheckType(), new NotFoundCheckType(),
                new ChainCheckType(), new PrivateCheckType());
    }

    @Override
    public List<Measure> measures() {
        return List.of(REQUEST_DURATION, STATUS_CODE, DOWNLOADED_BYTES);
    }
}
