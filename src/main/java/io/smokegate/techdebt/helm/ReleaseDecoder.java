package io.smokegate.techdebt.helm;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.input.ByteSizes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * Decodes a release exactly as Helm 3 and 4 store it ({@code pkg/storage/driver/util.go}): {@code encodeRelease}
 * writes the release as JSON, gzips it and encodes that with standard base64. The ConfigMap driver stores that text
 * as the value of {@code data.release}; the Secret driver stores its bytes, so the value on the wire (which Fabric8
 * hands over as it came) is base64 once more. Like Helm's {@code decodeRelease}, data without the gzip magic
 * {@code 1f 8b 08} is read as plain JSON (releases of early Helm 3 versions).
 *
 * <p>Release data is untrusted: every layer is size-checked before the next is unpacked (a small gzip can unpack to
 * gigabytes), and each failure names the layer, so the message says what is wrong with the stored object.
 */
public final class ReleaseDecoder {

    /**
     * @param maxEncodedChars  longer {@code data.release} values are not decoded (the API server caps an object at
     *                         about 1.5 MiB; a larger value is no Helm release)
     * @param maxReleaseBytes  the most the gzip layer may unpack to; more is a decompression bomb
     */
    public record Limits(int maxEncodedChars, int maxReleaseBytes) {
        public static Limits defaults() {
            return new Limits(8 * 1024 * 1024, 32 * 1024 * 1024);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 0x08};

    private final Limits limits;

    public ReleaseDecoder(Limits limits) {
        this.limits = limits;
    }

    /** The release in a Secret's {@code data.release}, as the Kubernetes API sends it (base64 of Helm's text). */
    public StoredRelease fromSecret(String wireValue) throws ReleaseDataException {
        checkLength(wireValue);
        byte[] helmText;
        try {
            helmText = Base64.getDecoder().decode(wireValue);
        } catch (IllegalArgumentException e) {
            throw new ReleaseDataException("data.release is not base64 as Kubernetes stores Secret data: " + e.getMessage());
        }
        return fromHelmText(new String(helmText, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** The release in a ConfigMap's {@code data.release}: Helm's base64 text itself. */
    public StoredRelease fromConfigMap(String value) throws ReleaseDataException {
        checkLength(value);
        return fromHelmText(value);
    }

    private void checkLength(String value) throws ReleaseDataException {
        if (value == null || value.isEmpty()) {
            throw new ReleaseDataException("data.release is missing or empty");
        }
        if (value.length() > limits.maxEncodedChars()) {
            throw new ReleaseDataException("data.release is " + ByteSizes.format(value.length()) + ", larger than the limit of "
                    + ByteSizes.format(limits.maxEncodedChars()) + "; not decoded");
        }
    }

    private StoredRelease fromHelmText(String text) throws ReleaseDataException {
        byte[] packed;
        try {
            packed = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ReleaseDataException("the release is not Helm's base64 encoding: " + e.getMessage());
        }
        return parse(isGzip(packed) ? gunzip(packed) : packed);
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == GZIP_MAGIC[0] && bytes[1] == GZIP_MAGIC[1] && bytes[2] == GZIP_MAGIC[2];
    }

    private byte[] gunzip(byte[] packed) throws ReleaseDataException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limits.maxReleaseBytes(), packed.length * 8));
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(packed), buffer.length)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + (long) n > limits.maxReleaseBytes()) {
                    throw new ReleaseDataException("the release unpacks to more than " + ByteSizes.format(limits.maxReleaseBytes())
                            + " (a decompression bomb, or no Helm release); not decoded");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ReleaseDataException("the release's gzip data is corrupt: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private static StoredRelease parse(byte[] json) throws ReleaseDataException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ReleaseDataException("the release is neither gzip data nor valid JSON: " + printable(e.getOriginalMessage()
                    .lines().findFirst().orElse("")) + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ReleaseDataException("the release is neither gzip data nor valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ReleaseDataException("the release JSON is no object");
        }
        // Fields Helm added later, or that this scan does not need, are passed over as Go's json.Unmarshal does.
        JsonNode metadata = root.path("chart").path("metadata");
        return new StoredRelease(text(root, "name", "name"), root.path("namespace").asText(null),
                revision(root), text(root.path("info"), "status", "info.status"), text(metadata, "name", "chart.metadata.name"),
                text(metadata, "version", "chart.metadata.version"), metadata.path("deprecated").asBoolean(false),
                root.path("manifest").isTextual() ? root.path("manifest").asText() : "");
    }

    /** Jackson quotes the bytes it could not read as they are; control characters are written as escapes. */
    private static String printable(String message) {
        StringBuilder s = new StringBuilder(message.length());
        message.chars().forEach(c -> s.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return s.toString();
    }

    private static String text(JsonNode node, String field, String path) throws ReleaseDataException {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ReleaseDataException("the release JSON has no " + path + " (" + (value.isMissingNode() ? "missing" : "not a string") + ")");
        }
        return value.asText();
    }

    private static int revision(JsonNode root) throws ReleaseDataException {
        JsonNode value = root.path("version");
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw new ReleaseDataException("the release JSON has no revision (version: a positive number)");
        }
        return value.asInt();
    }
}
