package io.smokegate.testing.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The log of Kubernetes API requests the fake clusters of a test JVM received, read after the suites by
 * {@code ShippedRbacIT}. One JSON line per distinct request (same attributes, client and test: written once, so the
 * thousands of list pages a load test makes cost one line), appended to {@code requests-PID.jsonl} in the directory
 * the system property {@value #DIRECTORY_PROPERTY} names (the build sets it to {@code target/kube-requests}); without
 * it nothing is recorded (a fake cluster started from bench/ or an IDE).
 */
public final class RequestLog {

    public static final String DIRECTORY_PROPERTY = "smokegate.kube.requestLog";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestLog JVM = open(System.getProperty(DIRECTORY_PROPERTY));

    private final Path file;
    private final Set<ApiRequest> written = ConcurrentHashMap.newKeySet();
    private Writer out;

    private RequestLog(Path file) {
        this.file = file;
    }

    private static RequestLog open(String directory) {
        return directory == null || directory.isBlank() ? null
                : new RequestLog(Path.of(directory).resolve("requests-" + ProcessHandle.current().pid() + ".jsonl"));
    }

    /**
     * Whether this JVM records requests. Called when a fake cluster starts, so the log is set up before its first
     * request (not on the mock server's thread while a client's call timeout runs).
     */
    public static boolean enabled() {
        return JVM != null;
    }

    /** Records a request if this JVM records them (many fake clusters on many threads call this at once). */
    public static void record(String method, String target, String userAgent, String test) {
        if (JVM != null) {
            JVM.append(ApiRequest.of(method, target, userAgent, test));
        }
    }

    private void append(ApiRequest request) {
        // The sample URL differs between pages of a list; it is not part of what makes a request new.
        ApiRequest key = new ApiRequest(request.client(), request.verb(), request.group(), request.resource(),
                request.subresource(), request.namespace(), request.name(), request.path(), request.test(), "");
        if (!written.add(key)) {
            return;
        }
        ObjectNode line = JSON.valueToTree(request);
        synchronized (this) {
            try {
                if (out == null) {
                    Files.createDirectories(file.getParent());
                    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                out.write(line.toString());
                out.write('\n');
                out.flush(); // a fork that dies keeps what it wrote; lines are few (distinct requests only)
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the Kubernetes request log " + file, e);
            }
        }
    }

    /** Every request recorded in {@code directory}'s logs (several JVMs, several runs: a full build clears it first). */
    public static List<ApiRequest> read(Path directory) throws IOException {
        List<ApiRequest> requests = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return requests;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                    String text;
                    while ((text = in.readLine()) != null) {
                        if (!text.isBlank()) {
                            JsonNode node = JSON.readTree(text);
                            requests.add(JSON.treeToValue(node, ApiRequest.class));
                        }
                    }
                }
            }
        }
        return requests;
    }
}
