package io.smokegate.techdebt.helm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The release encoding of the tests against Go's: {@code release-secret-data.txt} was written by
 * {@code encode_release.go} (beside it) with Go's encoding/json, compress/gzip and encoding/base64 and Helm's JSON
 * tags. The decoder reads it, and the test encoder writes the same JSON and the same gzip header; the deflate
 * stream itself differs (zlib's compressor, not Go's) and decodes the same.
 */
class HelmEncodingTest {

    static final String MANIFEST = "---\n# Source: nginx/templates/ingress.yaml\napiVersion: extensions/v1beta1\nkind: Ingress\n"
            + "metadata:\n  name: web\n  annotations:\n    note: \"<b>&</b>\"\n";

    static String goWireValue() throws IOException {
        return Files.readString(Path.of("src/test/resources/techdebt/helm/release-secret-data.txt")).trim();
    }

    private static byte[] goGzip() throws IOException {
        byte[] helmText = Base64.getDecoder().decode(goWireValue());
        return Base64.getDecoder().decode(helmText);
    }

    @Test
    void theDecoderReadsAReleaseSecretEncodedByGo() throws Exception {
        StoredRelease r = new ReleaseDecoder(ReleaseDecoder.Limits.defaults()).fromSecret(goWireValue());
        assertEquals(new StoredRelease("web", "shop", 2, "deployed", "nginx", "1.2.0", false, MANIFEST), r);
    }

    @Test
    void theTestEncoderWritesTheJsonGoWrites() throws Exception {
        byte[] json;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(goGzip()))) {
            json = in.readAllBytes();
        }
        assertEquals(new String(json, StandardCharsets.UTF_8),
                HelmStorage.releaseJson("web", "shop", 2, "deployed", "nginx", "1.2.0", MANIFEST));
    }

    @Test
    void theTestEncoderWritesGosGzipHeader() throws Exception {
        byte[] ours = HelmStorage.gzipLikeGo("{}".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(Arrays.copyOf(goGzip(), 10), Arrays.copyOf(ours, 10));
    }
}
