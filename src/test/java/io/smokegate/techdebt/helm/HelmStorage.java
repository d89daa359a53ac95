package io.smokegate.techdebt.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Helm's release storage, written the way Helm writes it (checked against Go's own encoding in
 * {@code HelmEncodingTest}) (helm {@code pkg/storage/driver/util.go},
 * {@code secrets.go}, {@code cfgmaps.go}): the release as Go's {@code json.Marshal} writes {@code release.Release}
 * (fields in struct order, empty {@code omitempty} fields left out, {@code <>&} escaped), gzipped at {@code gzip.BestCompression} with Go's header (no name,
 * no time, XFL 2, OS 255), base64 (standard, padded); a Secret holds those bytes (so its value on the wire is base64
 * once more), a ConfigMap the text. Objects are named {@code sh.helm.release.v1.<name>.v<revision>} and labelled
 * {@code name}, {@code owner=helm}, {@code status}, {@code version}, {@code createdAt}.
 */
public final class HelmStorage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HelmStorage() {
    }

    /** The JSON of a release as Helm 3 marshals {@code release.Release}, with a chart of that name and version. */
    public static String releaseJson(String name, String namespace, int revision, String status, String chart, String chartVersion,
                                     String manifest) {
        ObjectNode rls = JSON.createObjectNode();
        rls.put("name", name);
        ObjectNode info = rls.putObject("info");
        info.put("first_deployed", "2026-01-12T09:30:00.123456789Z");
        info.put("last_deployed", "2026-03-02T14:05:09.987654321Z");
        info.put("deleted", "");
        info.put("description", revision == 1 ? "Install complete" : "Upgrade complete");
        info.put("status", status);
        ObjectNode c = rls.putObject("chart");
        ObjectNode metadata = c.putObject("metadata");
        metadata.put("name", chart);
        metadata.put("home", "https://charts.example.com/" + chart);
        metadata.put("version", chartVersion);
        metadata.put("description", "A Helm chart for Kubernetes");
        metadata.put("apiVersion", "v2");
        metadata.put("appVersion", "1.27.1");
        metadata.put("type", "application");
        c.putNull("lock");
        c.putArray("templates").addObject().put("name", "templates/deployment.yaml")
                .put("data", Base64.getEncoder().encodeToString("apiVersion: apps/v1\n".getBytes(StandardCharsets.UTF_8)));
        c.putObject("values").put("replicaCount", 1);
        c.putNull("schema");
        c.putArray("files");
        // config, manifest and hooks are omitempty: no user values, no manifest and no hooks leave them out
        if (!manifest.isEmpty()) {
            rls.put("manifest", manifest);
        }
        rls.put("version", revision);
        rls.put("namespace", namespace);
        return goJson(rls.toString());
    }

    /** Go's encoding/json escapes these for HTML safety; Jackson does not. */
    private static String goJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    /** Helm's {@code encodeRelease}: base64(gzip(json)) at best compression, as text. */
    public static String encodeRelease(String json) {
        return Base64.getEncoder().encodeToString(gzipLikeGo(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** gzip as Go's compress/gzip writes it at level 9: header 1f 8b 08 00, mtime 0, XFL 2, OS 255; deflate; CRC32; size. */
    public static byte[] gzipLikeGo(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 255});
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).putInt(data.length).array());
        return out.toByteArray();
    }

    /** A release Secret whose {@code data.release} is {@code wireValue} as the API sends it (base64 of Helm's text). */
    public static Secret secretWithWireValue(String name, String namespace, int revision, String status, String wireValue) {
        Secret secret = secret(name, namespace, revision, status, "");
        secret.setData(Map.of("release", wireValue));
        return secret;
    }

    /** A release Secret whose {@code data.release} holds Helm's text {@code helmText} (any text, for bad input). */
    public static Secret secret(String name, String namespace, int revision, String status, String helmText) {
        return new SecretBuilder().withNewMetadata().withName(key(name, revision)).withNamespace(namespace)
                .withLabels(labels(name, revision, status)).endMetadata()
                .withType("helm.sh/release.v1")
                // Secret data is base64 on the wire; Fabric8 sends data values as they are
                .withData(Map.of("release", Base64.getEncoder().encodeToString(helmText.getBytes(StandardCharsets.ISO_8859_1))))
                .build();
    }

    /** The Secret Helm's secret driver stores for that release. */
    public static Secret secret(String name, String namespace, int revision, String status, String chart, String chartVersion,
                                String manifest) {
        return secret(name, namespace, revision, status,
                encodeRelease(releaseJson(name, namespace, revision, status, chart, chartVersion, manifest)));
    }

    /** The ConfigMap Helm's configmap driver ({@code HELM_DRIVER=configmap}) stores for that release. */
    public static ConfigMap configMap(String name, String namespace, int revision, String status, String chart,
                                      String chartVersion, String manifest) {
        return new ConfigMapBuilder().withNewMetadata().withName(key(name, revision)).withNamespace(namespace)
                .withLabels(labels(name, revision, status)).endMetadata()
                .withData(Map.of("release", encodeRelease(releaseJson(name, namespace, revision, status, chart, chartVersion, manifest))))
                .build();
    }

    public static String key(String name, int revision) {
        return "sh.helm.release.v1." + name + ".v" + revision;
    }

    private static Map<String, String> labels(String name, int revision, String status) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("name", name);
        labels.put("owner", "helm");
        labels.put("status", status);
        labels.put("version", Integer.toString(revision));
        labels.put("createdAt", "1767000000");
        return labels;
    }
}
