package io.smokegate.testing;

import com.sun.net.httpserver.HttpExchange;
import io.smokegate.sumdb.Note;
import io.smokegate.sumdb.Record;
import io.smokegate.sumdb.SignerKey;
import io.smokegate.sumdb.Tile;
import io.smokegate.sumdb.Tlog;
import io.smokegate.sumdb.Tree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A checksum database made by the tests: our own signer key, a tree of go.sum records, tiles of height 8,
 * served over HTTP as sum.golang.org serves them — and able to misbehave on demand.
 */
public final class SumdbServer implements AutoCloseable {

    public static final int HEIGHT = 8;
    static final int STALE_SIZE = 100;

    /** Ways to misbehave; each test turns one on. */
    public enum Misbehaviour {
        NONE,
        /** Signs with a different key under the same name. */
        WRONG_KEY,
        /** Flips a bit in every signature. */
        BAD_SIGNATURE,
        /** Serves a lookup record that is not the one in the tree. */
        RECORD_NOT_IN_TREE,
        /** Serves a different tree of the same size (one record rewritten). */
        FORK,
        /** Serves the tree as it was one record ago. */
        SHRINK,
        /** Flips a byte in every tile. */
        BAD_TILES,
        /**
         * Signs and looks up as of the first 100 records (a stale cache), while tiles exist only as the
         * current tree has them: older partial tiles are gone, full ones are there.
         */
        STALE_TREE,
        /**
         * Serves {@code /latest} one record behind the lookups, as a cached latest does while the tree grows: a
         * lookup may come with a newer tree than latest.
         */
        LATEST_BEHIND
    }

    /** What the server answers for a path. */
    public record Answer(int status, String contentType, byte[] body) {
        static Answer text(int status, String body) {
            return new Answer(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final String name;
    private final SignerKey signer;
    private final List<String> records = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    /** Client ports of the requests: one per connection, as a client never uses one port twice at once. */
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tileRequests = new AtomicInteger();
    private volatile Misbehaviour misbehaviour = Misbehaviour.NONE;
    private final Map<String, Integer> failingLookups = new ConcurrentHashMap<>();
    private final TestServers.Http http;

    public SumdbServer(String name) {
        this.name = name;
        this.signer = SignerKey.generate(name);
        this.http = TestServers.http().route("/", this::serve);
    }

    public String name() {
        return name;
    }

    /** The verifier key clients configure: {@code name+hash+key}. */
    public String verifierKey() {
        return signer.verifier().toString();
    }

    public String url() {
        return http.url("").replaceAll("/$", "");
    }

    /** GOSUMDB for the go command: the key and this server's URL. */
    public String gosumdb() {
        return verifierKey() + " " + url();
    }

    public void misbehave(Misbehaviour m) {
        this.misbehaviour = m;
    }

    /** Answers lookups of {@code module} (any version) with {@code status} and no record. */
    public void failLookups(String module, int status) {
        failingLookups.put(module, status);
    }

    /** Adds a record with a module version's two go.sum lines; returns its id. */
    public synchronized long add(String module, String version, String h1, String goModH1) {
        records.add(module + " " + version + " " + h1 + "\n" + module + " " + version + "/go.mod " + goModH1 + "\n");
        return records.size() - 1;
    }

    /** Requests for tiles since the last call. */
    public int takeTileRequests() {
        return tileRequests.getAndSet(0);
    }

    public List<String> requestedPaths() {
        return List.copyOf(paths);
    }

    /** Connections clients made to this server so far. */
    public int connections() {
        return clientPorts.size();
    }

    /** The answer for {@code path} (relative to the database base, no leading slash). */
    public synchronized Answer answer(String path) {
        paths.add(path);
        List<String> served = served();
        if (path.equals("latest")) {
            return new Answer(200, "text/plain; charset=utf-8", signedTree(
                    misbehaviour == Misbehaviour.LATEST_BEHIND ? served.subList(0, served.size() - 1) : served));
        }
        if (path.startsWith("lookup/")) {
            return lookup(path.substring("lookup/".length()), served);
        }
        if (path.startsWith("tile/")) {
            tileRequests.incrementAndGet();
            return tile(path, misbehaviour == Misbehaviour.STALE_TREE ? new ArrayList<>(records) : served);
        }
        return Answer.text(404, "not found: " + path);
    }

    private List<String> served() {
        List<String> served = new ArrayList<>(records);
        switch (misbehaviour) {
            case FORK -> served.set(0, served.get(0).replace(" h1:", " h1:A"));
            case SHRINK -> served.remove(served.size() - 1);
            case STALE_TREE -> served = served.subList(0, Math.min(STALE_SIZE, served.size()));
            default -> {
            }
        }
        return served;
    }

    private byte[] signedTree(List<String> served) {
        Tree tree = new Tree(served.size(), Tlog.treeHash(leaves(served)));
        SignerKey key = misbehaviour == Misbehaviour.WRONG_KEY ? SignerKey.generate(name) : signer;
        String note = Note.sign(tree.format(), List.of(key));
        byte[] bytes = note.getBytes(StandardCharsets.UTF_8);
        if (misbehaviour == Misbehaviour.BAD_SIGNATURE) {
            String text = note;
            int sig = text.lastIndexOf(' ') + 10;
            char c = text.charAt(sig);
            bytes = (text.substring(0, sig) + (c == 'A' ? 'B' : 'A') + text.substring(sig + 1)).getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    private Answer lookup(String escaped, List<String> served) {
        String wanted = unescape(escaped);
        int at = wanted.lastIndexOf('@');
        Integer failing = failingLookups.get(wanted.substring(0, at));
        if (failing != null) {
            return Answer.text(failing, "lookup of " + wanted + " failed on purpose");
        }
        String prefix = wanted.substring(0, at) + " " + wanted.substring(at + 1) + " ";
        for (int id = 0; id < served.size(); id++) {
            if (served.get(id).startsWith(prefix)) {
                String text = misbehaviour == Misbehaviour.RECORD_NOT_IN_TREE ? served.get(id).replace("h1:", "h1:B") : served.get(id);
                byte[] head = Record.format(id, text).getBytes(StandardCharsets.UTF_8);
                byte[] note = signedTree(served);
                byte[] body = new byte[head.length + note.length];
                System.arraycopy(head, 0, body, 0, head.length);
                System.arraycopy(note, 0, body, head.length, note.length);
                return new Answer(200, "text/plain; charset=utf-8", body);
            }
        }
        return Answer.text(404, "not found: " + wanted);
    }

    private Answer tile(String path, List<String> served) {
        Tile tile;
        try {
            tile = Tile.parse(path);
        } catch (IllegalArgumentException e) {
            return Answer.text(400, "bad tile path");
        }
        if (tile.level() < 0 || tile.height() != HEIGHT) {
            return Answer.text(404, "not found");
        }
        long available = (long) served.size() >> (HEIGHT * tile.level());
        long first = tile.index() << HEIGHT;
        boolean partial = tile.width() < 1 << HEIGHT;
        boolean notCurrent = partial && first + tile.width() != available;
        if (first + tile.width() > available || (notCurrent && misbehaviour == Misbehaviour.STALE_TREE)) {
            return Answer.text(404, "not found");
        }
        byte[] data = Tile.hashTile(tile, leaves(served));
        if (misbehaviour == Misbehaviour.BAD_TILES) {
            data[data.length - 1] ^= 1;
        }
        return new Answer(200, "application/octet-stream", data);
    }

    private static List<byte[]> leaves(List<String> served) {
        List<byte[]> leaves = new ArrayList<>(served.size());
        for (String record : served) {
            leaves.add(Tlog.recordHash(record.getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    /** Undoes the go command's case-encoding ({@code !x} is X) of a lookup path. */
    static String unescape(String escaped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '!' && i + 1 < escaped.length()) {
                out.append(Character.toUpperCase(escaped.charAt(++i)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void serve(HttpExchange exchange) throws IOException {
        clientPorts.add(exchange.getRemoteAddress().getPort());
        String path = exchange.getRequestURI().getPath().substring(1);
        send(exchange, answer(path));
    }

    static void send(HttpExchange exchange, Answer answer) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        http.close();
    }
}
