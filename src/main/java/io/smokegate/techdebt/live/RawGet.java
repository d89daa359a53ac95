package io.smokegate.techdebt.live;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A GET through a cluster's client whose answer is read as a stream, for what the Fabric8 DSL would hold in memory
 * whole or parse into full objects: the API server's {@code /metrics} page, lists read for their metadata only. It
 * runs inside {@code KubeCluster.call} (which adds the watchdog and turns failures into messages); an error answer
 * becomes the client's own exception with the server's Status, so a 403 names the permission as for any call.
 */
final class RawGet {

    private static final int MAX_ERROR_BODY = 64 * 1024;

    @FunctionalInterface
    interface Body<T> {
        T read(InputStream in) throws IOException;
    }

    private RawGet() {
    }

    /** GETs {@code pathAndQuery} (relative to the server URL, no leading slash) and reads a successful answer with {@code body}. */
    static <T> T get(KubernetesClient client, String pathAndQuery, String accept, Body<T> body) {
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder().uri(url(client.getMasterUrl().toString(), pathAndQuery))
                .header("Accept", accept).timeout(client.getConfiguration().getRequestTimeout(), TimeUnit.MILLISECONDS).build();
        HttpResponse<InputStream> response = http.sendAsync(request, InputStream.class).join();
        try (InputStream in = response.body()) {
            if (!response.isSuccessful()) {
                String text = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
                throw new KubernetesClientException(response.message(), response.code(), status(client, response.code(), text));
            }
            return body.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code pathAndQuery} below the server URL, keeping the server's own path (a proxy's {@code /k8s/clusters/c-1}). */
    static String url(String server, String pathAndQuery) {
        return (server.endsWith("/") ? server : server + "/") + pathAndQuery;
    }

    /** The API server's Status body, or one made of the text when the answer is not one (a proxy's page). */
    private static Status status(KubernetesClient client, int code, String text) {
        try {
            Status status = client.getKubernetesSerialization().unmarshal(text, Status.class);
            if (status != null && status.getMessage() != null) {
                return status;
            }
        } catch (RuntimeException e) {
            // not JSON: the text itself is the message
        }
        return new StatusBuilder().withCode(code).withMessage(text.strip().lines().findFirst().orElse("")).build();
    }
}
