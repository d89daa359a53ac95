package io.smokegate.check.goproxy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * How the go command shows a proxy's error response to its user: only a text/plain body in UTF-8 or
 * ASCII, at most 8 lines and 648 bytes, up to the first blank line, only printable text.
 */
public final class ProxyErrors {

    private static final int MAX_LINES = 8;
    private static final int MAX_BYTES = 648;

    private ProxyErrors() {
    }

    /** "status 500 from URL" plus the server response the go command would print, if any. */
    public static String describe(String what, ProxyClient.Response r) {
        String body = serverResponse(r);
        return what + ": status " + r.status() + " from " + r.url() + (body.isEmpty() ? "" : "; server response: " + body);
    }

    static String serverResponse(ProxyClient.Response r) {
        String[] parts = r.contentType().split(";");
        if (!parts[0].trim().equalsIgnoreCase("text/plain")) {
            return "";
        }
        String charset = "";
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim().toLowerCase(Locale.ROOT);
            if (param.startsWith("charset=")) {
                charset = param.substring("charset=".length()).replace("\"", "");
            }
        }
        if (!(charset.isEmpty() || charset.equals("utf-8") || charset.equals("us-ascii"))) {
            return "";
        }
        byte[] body = r.body();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, 0, Math.min(body.length, MAX_BYTES))).toString();
        } catch (CharacterCodingException e) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int lines = 0;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank() || lines == MAX_LINES) {
                break;
            }
            if (!line.codePoints().allMatch(c -> c == '\t' || !Character.isISOControl(c))) {
                return "";
            }
            out.append(lines++ == 0 ? "" : " / ").append(line.strip());
        }
        return out.toString();
    }
}
