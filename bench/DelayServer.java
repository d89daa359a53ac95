import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * A target for latency benchmarks: GET /sleep/N answers 200 after N milliseconds, each request on its
 * own virtual thread so 20 concurrent probes do not queue behind each other.
 * Run with: java bench/DelayServer.java PORT
 */
public class DelayServer {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/sleep/")) {
                try {
                    Thread.sleep(Long.parseLong(path.substring("/sleep/".length())));
                } catch (InterruptedException | NumberFormatException e) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
            }
            byte[] body = "ok\n".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }
}
