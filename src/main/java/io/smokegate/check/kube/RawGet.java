package io.smokegate.check.kube;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A GET of any API server path (a resource list or {@code /readyz}) through the context's Fabric8 HTTP client (its
 * credentials, TLS and Vert.x), as the body of a {@link io.smokegate.kube.KubeCluster#call}: the answer as text, and
 * how long it took from sending to the last byte.
 */
final class RawGet {

    record Answer(int status, String body, long nanos) {

        boolean ok() {
            return status / 100 == 2;
        }
    }

    private RawGet() {
    }

    /** Throws what the call translates into a timeout, unreachable or interrupted failure. */
    static Answer get(KubernetesClient client, String path, Duration timeout) {
        HttpClient http = client.getHttpClient();
        String base = client.getMasterUrl().toString().replaceFirst("/+$", "");
        HttpRequest request = http.newHttpRequestBuilder().uri(base + path)
                .header("Accept", "application/json, */*").timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.sendAsync(request, String.class).get();
            long nanos = System.nanoTime() - start;
            return new Answer(response.code(), response.body() == null ? "" : response.body(), nanos);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("GET " + path + " interrupted");
        }
    }

    /**
     * The error answer as the exception Fabric8 would throw for it, so the call turns it into smokegate's message
     * (a 403 naming the permission, an error status with the server's words).
     */
    static KubernetesClientException failure(KubernetesClient client, Answer answer) {
        Status status = null;
        try {
            Status parsed = client.getKubernetesSerialization().unmarshal(answer.body(), Status.class);
            if (parsed != null && "Status".equals(parsed.getKind())) {
                status = parsed;
            }
        } catch (RuntimeException notAStatus) {
            status = null;
        }
        if (status == null) {
            String text = answer.body().strip();
            status = new StatusBuilder().withCode(answer.status())
                    .withMessage(text.isEmpty() ? null : text.lines().findFirst().orElse(text)).build();
        }
        return new KubernetesClientException(status.getMessage(), answer.status(), status);
    }
}
