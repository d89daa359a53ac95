package io.smokegate.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real server process started by a test (Prometheus, Pushgateway …), its output kept in a log file. */
public final class ManagedProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String name;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ManagedProcess start(Path workDir, List<String> command) throws IOException {
        Path log = workDir.resolve(Path.of(command.get(0)).getFileName() + ".log");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ManagedProcess(command.get(0), p, log);
    }

    /** Starts a server and waits until {@code readyUrl} answers 200; stops it again if it never does. */
    public static ManagedProcess startReady(Path workDir, List<String> command, String readyUrl, Duration timeout)
            throws IOException, InterruptedException {
        ManagedProcess p = start(workDir, command);
        try {
            p.awaitHttp(readyUrl, timeout);
        } catch (AssertionError | IOException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** Waits until {@code url} answers 200, failing with the process's log if it never does. */
    public void awaitHttp(String url, Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not answer " + url + " within " + timeout + ":\n" + log());
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash or an OOM kill. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL for 10 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
