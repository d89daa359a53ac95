package io.smokegate.check.sumdb;

import io.smokegate.check.Probe;
import io.smokegate.check.goproxy.Endpoint;
import io.smokegate.check.goproxy.ProxyClient;
import io.smokegate.check.goproxy.ProxyErrors;
import io.smokegate.check.goproxy.ProxyException;
import io.smokegate.gomod.InvalidModuleException;
import io.smokegate.gomod.ModulePaths;
import io.smokegate.sumdb.Note;
import io.smokegate.sumdb.NoteException;
import io.smokegate.sumdb.ProofException;
import io.smokegate.sumdb.Record;
import io.smokegate.sumdb.SumdbDatabase;
import io.smokegate.sumdb.SumdbException;
import io.smokegate.sumdb.Tile;
import io.smokegate.sumdb.TileCache;
import io.smokegate.sumdb.TileProofs;
import io.smokegate.sumdb.TileSource;
import io.smokegate.sumdb.Tree;
import io.smokegate.sumdb.VerifiedTrees;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A checksum database as the go command uses it: signed tree heads verified with the database's key,
 * records proven to be in the signed tree with hash tiles, and every new tree proven to extend the newest
 * one verified before ({@link VerifiedTrees}). A tree that does not is a fork; a tree older than the
 * verified one is a rollback — both security failures. Full tiles are cached on disk once proven.
 */
public final class SumdbClient {

    static final int TILE_HEIGHT = 8;
    private static final long MAX_RESPONSE = 1 << 20;

    /** One database record: the lines it holds for a module version, in the tree that proved it. */
    public record Lookup(long id, Tree tree, List<String> lines) {
        /** The hash the record gives for the zip ({@code goMod} false) or the go.mod; null if none. */
        public String hash(String module, String version, boolean goMod) {
            String prefix = module + " " + version + (goMod ? "/go.mod" : "") + " ";
            for (String line : lines) {
                if (line.startsWith(prefix) && line.startsWith("h1:", prefix.length())) {
                    return line.substring(prefix.length());
                }
            }
            return null;
        }
    }

    /** A signed note accepted (signature checked, tree reconciled) and its tree. */
    private record Accepted(byte[] note, Tree tree) {
    }

    private final SumdbDatabase database;
    private final ProxyClient http;
    private final URI base;
    private final VerifiedTrees trees;
    private final TileCache cache;
    /** Tiles in flight or done, so concurrent lookups fetch each tile once. */
    private final Map<Tile, CompletableFuture<byte[]>> tiles = new ConcurrentHashMap<>();
    /** Full tiles fetched and not yet verified: the first proof that verifies one caches it on disk. */
    private final Map<Tile, byte[]> unproven = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private volatile VerifiedTrees.Verified anchor;
    /**
     * The tree verified before this client accepted any (empty when none was): {@code /latest} is a rollback only
     * when it is older than that. A lookup of this client may bring a newer tree before {@code /latest} answers,
     * and a latest behind it is a cache that lags, proven a prefix like any older tree.
     */
    private volatile Optional<VerifiedTrees.Verified> before;
    /**
     * Notes opened or being opened, by their exact bytes: every lookup carries the same signed tree, and checking
     * its signature and reconciling it with the stored tree once is enough — also when the first lookups arrive
     * together, which then wait for one of them instead of each checking the signature.
     */
    private final Map<String, CompletableFuture<Tree>> accepted = new ConcurrentHashMap<>();
    /** Notes whose signature was checked or is being checked, by their exact text: see {@link #signedTree}. */
    private final Map<String, CompletableFuture<Tree>> signed = new ConcurrentHashMap<>();
    private final AtomicLong signaturesChecked = new AtomicLong();
    /** The note accepted last, compared byte for byte first: decoding every lookup's note to look it up costs more. */
    private volatile Accepted lastAccepted;
    private final TileProofs.Memo proofs = new TileProofs.Memo();

    private SumdbClient(SumdbDatabase database, ProxyClient http, URI base, Path dataDir) {
        this.database = database;
        this.http = http;
        this.base = base;
        this.trees = new VerifiedTrees(dataDir);
        this.cache = new TileCache(dataDir, database.name());
    }

    /**
     * Connects directly, or through the proxy after asking {@code <proxy>/sumdb/<name>/supported} as the go
     * command does: 200 means use the proxy; anything else means it will not proxy this database.
     */
    public static SumdbClient open(SumdbDatabase database, ProxyClient http, Path dataDir)
            throws SumdbException, InterruptedException {
        if (database.proxy() == null) {
            return new SumdbClient(database, http, database.url(), dataDir);
        }
        URI viaProxy = ProxyClient.resolve(database.proxy(), "sumdb/" + database.name());
        try {
            ProxyClient.Response r = http.get(viaProxy, "supported", Endpoint.SUMDB_SUPPORTED, 64 * 1024);
            if (!r.ok()) {
                throw new SumdbException(SumdbException.Kind.UNAVAILABLE,
                        ProxyErrors.describe("sumdb/" + database.name() + "/supported", r) + (r.notFound()
                        ? " (the proxy does not proxy this checksum database; the go command would connect to it directly)"
                        : " (the go command treats the checksum database as unavailable)"));
            }
        } catch (ProxyException e) {
            throw new SumdbException(SumdbException.Kind.UNAVAILABLE, e.getMessage());
        }
        return new SumdbClient(database, http, viaProxy, dataDir);
    }

    /** Fetches and verifies {@code /latest}; a tree older than the one verified before this client began is a rollback. */
    public Tree latest() throws SumdbException, InterruptedException {
        byte[] body = get("latest", Endpoint.SUMDB_LATEST, "latest tree");
        String signedNote = new String(body, StandardCharsets.UTF_8);
        Tree tree = signedTree(body, signedNote, "latest tree");
        accept(tree, signedNote, true);
        // Lookups come with this same note until the tree grows: its signature need not be checked again.
        accepted.putIfAbsent(signedNote, CompletableFuture.completedFuture(tree));
        lastAccepted = new Accepted(body, tree);
        return tree;
    }

    /** Looks a module version up and proves its record is in the signed tree that came with it. */
    public Lookup lookup(String module, String version) throws SumdbException, InterruptedException {
        String what = "lookup of " + module + "@" + version;
        String path;
        try {
            path = "lookup/" + ModulePaths.escapePath(module) + "@" + ModulePaths.escapeVersion(version);
        } catch (InvalidModuleException e) {
            throw new SumdbException(SumdbException.Kind.INVALID, what + ": " + e.getMessage());
        }
        Record record;
        try {
            record = Record.parse(get(path, Endpoint.SUMDB_LOOKUP, what));
        } catch (NoteException e) {
            throw new SumdbException(SumdbException.Kind.INVALID, what + ": malformed record data: " + e.getMessage());
        }
        Tree tree = acceptedTree(record.note(), what);
        ProofTiles tiles = new ProofTiles();
        try {
            TileProofs.verifyInclusion(tree, record.id(), record.text().getBytes(StandardCharsets.UTF_8), tiles,
                    TILE_HEIGHT, proofs);
            tiles.commit();
        } catch (ProofException e) {
            throw new SumdbException(SumdbException.Kind.INVALID,
                    what + ": cannot authenticate record data in server response: " + e.getMessage());
        } catch (IOException e) {
            throw new SumdbException(SumdbException.Kind.UNAVAILABLE, what + ": " + e.getMessage());
        }
        return new Lookup(record.id(), tree, lines(record.text()));
    }

    /** The text's lines, as String.lines() splits record text (which has no carriage return), without a stream. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(4);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        return List.copyOf(lines);
    }

    /** The signed tree a lookup came with, opened and reconciled with the verified tree once per distinct note. */
    private Tree acceptedTree(byte[] noteBytes, String what) throws SumdbException, InterruptedException {
        Accepted last = lastAccepted;
        if (last != null && Arrays.equals(last.note(), noteBytes)) {
            return last.tree();
        }
        String signedNote = new String(noteBytes, StandardCharsets.UTF_8);
        CompletableFuture<Tree> mine = new CompletableFuture<>();
        CompletableFuture<Tree> earlier = accepted.putIfAbsent(signedNote, mine);
        Tree tree = earlier == null ? null : acceptedEarlier(earlier);
        if (tree == null) {
            // Ours to open, or the lookup that opened it failed: opened again here, so the failure names this lookup.
            try {
                tree = signedTree(noteBytes, signedNote, what);
                accept(tree, signedNote, false);
            } catch (SumdbException | InterruptedException | RuntimeException e) {
                accepted.remove(signedNote, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            mine.complete(tree);
            accepted.put(signedNote, mine);
        }
        lastAccepted = new Accepted(noteBytes, tree);
        return tree;
    }

    /**
     * The tree a note signs, its signature checked once per distinct note text: {@code /latest} and the first lookups
     * usually bring the same note at the same time, and on a cold JVM a second Ed25519 verification beside the first
     * delays both. A note whose check failed elsewhere is checked again here, so the failure names this request.
     */
    private Tree signedTree(byte[] noteBytes, String signedNote, String what) throws SumdbException, InterruptedException {
        CompletableFuture<Tree> mine = new CompletableFuture<>();
        CompletableFuture<Tree> earlier = signed.putIfAbsent(signedNote, mine);
        if (earlier != null) {
            Tree tree = acceptedEarlier(earlier);
            return tree != null ? tree : parseTree(open(noteBytes, what), what);
        }
        signaturesChecked.incrementAndGet();
        return settle(signed, signedNote, mine, () -> parseTree(open(noteBytes, what), what));
    }

    /** Work whose result others may wait for. */
    @FunctionalInterface
    private interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} for the callers waiting on {@code mine}, registered under {@code key}: they get its result, or
     * its failure, and a failure unregisters it so that a later caller tries again.
     */
    @SuppressWarnings("unchecked")
    private static <K, T, E extends Exception> T settle(Map<K, CompletableFuture<T>> flights, K key,
                                                        CompletableFuture<T> mine, Work<T, E> work) throws E {
        try {
            T result = work.run();
            mine.complete(result);
            return result;
        } catch (Exception e) {
            flights.remove(key, mine);
            mine.completeExceptionally(e);
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw (E) e; // work throws only E or unchecked exceptions
        }
    }

    /** The tree another request opened or accepted for the same note, or null when it failed to. */
    private static Tree acceptedEarlier(CompletableFuture<Tree> earlier) throws InterruptedException {
        try {
            return earlier.get();
        } catch (ExecutionException e) {
            return null;
        }
    }

    /** The verified tree's size and age and the tile cache counts, as measurements. */
    public void report(Probe probe) {
        VerifiedTrees.Verified verified = anchor;
        if (verified != null) {
            probe.measure(SumdbFamily.TREE_SIZE, verified.tree().size());
            probe.measure(SumdbFamily.TREE_AGE, Duration.between(verified.grewAt(), Instant.now()).toMillis() / 1000.0);
            probe.detail("treeSize", verified.tree().size());
            probe.detail("treeGrewAt", verified.grewAt().toString());
        }
        probe.measure(SumdbFamily.TILE_CACHE_HITS, hits.get());
        probe.measure(SumdbFamily.TILE_CACHE_MISSES, misses.get());
        probe.detail("tilesFetched", misses.get());
        probe.detail("tilesFromCache", hits.get());
    }

    /** How many times a note's signature was checked (once per distinct note unless a check failed), for tests. */
    long signaturesChecked() {
        return signaturesChecked.get();
    }

    public long tilesFetched() {
        return misses.get();
    }

    /**
     * Reconciles a signed tree with the verified one under the database's lock: equal size must mean equal
     * hash, a larger tree must extend it (proven with tiles), a smaller one is a rollback when it came from
     * {@code /latest} and must at least be a prefix when it came with a lookup. {@code signedNote} is the whole
     * note, signature lines included: kept with the verified tree, it is evidence if the database later forks.
     */
    private void accept(Tree tree, String signedNote, boolean fromLatest) throws SumdbException, InterruptedException {
        try {
            anchor = trees.update(database.name(), current -> {
                if (before == null) {
                    before = current;
                }
                if (current.isEmpty()) {
                    VerifiedTrees.Verified first = new VerifiedTrees.Verified(tree, signedNote, Instant.now());
                    trees.save(database.name(), first);
                    return first;
                }
                VerifiedTrees.Verified verified = current.get();
                Tree known = verified.tree();
                if (tree.size() == known.size()) {
                    if (!Arrays.equals(tree.hash(), known.hash())) {
                        throw new SumdbException(SumdbException.Kind.SECURITY, "SECURITY: the checksum database forked: it signed two different trees of size "
                                + tree.size() + " (verified " + known + " on " + verified.grewAt() + ", now " + tree + ")");
                    }
                    if (!verified.signed()) {
                        // Written by an older version without the signatures: keep this tree's signed note instead.
                        VerifiedTrees.Verified upgraded = new VerifiedTrees.Verified(known, signedNote, verified.grewAt());
                        trees.save(database.name(), upgraded);
                        return upgraded;
                    }
                    return verified;
                }
                if (tree.size() < known.size()) {
                    VerifiedTrees.Verified earlier = before.orElse(null);
                    if (fromLatest && earlier != null && tree.size() < earlier.tree().size()) {
                        throw new SumdbException(SumdbException.Kind.SECURITY, "SECURITY: the checksum database rolled back: its latest tree has "
                                + tree.size() + " records, but a tree of " + earlier.tree().size() + " was verified on " + earlier.grewAt());
                    }
                    prove(tree, known);
                    return verified;
                }
                prove(known, tree);
                VerifiedTrees.Verified grown = new VerifiedTrees.Verified(tree, signedNote, Instant.now());
                trees.save(database.name(), grown);
                return grown;
            });
        } catch (IOException e) {
            throw new SumdbException(SumdbException.Kind.UNAVAILABLE,
                    "cannot keep the verified tree of " + database.name() + ": " + e.getMessage());
        }
    }

    private void prove(Tree older, Tree newer) throws SumdbException, IOException {
        ProofTiles tiles = new ProofTiles();
        try {
            TileProofs.verifyConsistency(older, newer, tiles, TILE_HEIGHT);
        } catch (IOException e) {
            throw new SumdbException(SumdbException.Kind.UNAVAILABLE, "cannot fetch the tiles that prove tree " + newer.size()
                    + " extends tree " + older.size() + ": " + e.getMessage());
        } catch (ProofException e) {
            if (e.kind() == ProofException.Kind.FORK) {
                throw new SumdbException(SumdbException.Kind.SECURITY,
                        "SECURITY: go.sum database server misbehavior detected: " + e.getMessage());
            }
            throw new SumdbException(SumdbException.Kind.INVALID, "cannot prove tree " + newer.size() + " extends tree "
                    + older.size() + ": " + e.getMessage());
        }
        tiles.commit();
    }

    /**
     * The tiles of one proof. Only a proof that reached a signed root verified every byte of the tiles it read, so
     * only those are cached, and by it: a tile that another lookup fetched for a proof still running, or one that
     * failed, stays out of the cache (a bad full tile cached would fail every later run).
     */
    private final class ProofTiles implements TileSource {

        private final List<Tile> used = new ArrayList<>(4);

        @Override
        public byte[] read(Tile tile) throws IOException {
            used.add(tile);
            return tile(tile);
        }

        void commit() throws IOException {
            for (Tile tile : used) {
                byte[] data = unproven.remove(tile);
                if (data != null) {
                    cache.write(tile, data);
                }
            }
        }
    }

    /** Memory, then disk (full tiles), then the server: the partial tile first, the full one if it is missing. */
    private byte[] tile(Tile tile) throws IOException {
        CompletableFuture<byte[]> known = tiles.get(tile);
        if (known != null) {
            return await(known, tile);
        }
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> earlier = tiles.putIfAbsent(tile, mine);
        if (earlier != null) {
            return await(earlier, tile);
        }
        return settle(tiles, tile, mine, () -> load(tile));
    }

    private byte[] load(Tile tile) throws IOException {
        byte[] cached = cache.read(tile).orElse(null);
        if (cached != null) {
            hits.incrementAndGet();
            return cached;
        }
        byte[] data = download(tile);
        if (TileCache.cacheable(tile)) {
            unproven.put(tile, data);
        }
        return data;
    }

    private static byte[] await(CompletableFuture<byte[]> fetch, Tile tile) throws IOException {
        try {
            return fetch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + tile.path(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private byte[] download(Tile tile) throws IOException {
        misses.incrementAndGet();
        long size = 32L * tile.width();
        try {
            ProxyClient.Response r = http.get(base, tile.path(), Endpoint.SUMDB_TILE, size + 1);
            if (r.notFound() && !TileCache.cacheable(tile)) {
                Tile full = new Tile(tile.height(), tile.level(), tile.index(), 1 << tile.height());
                misses.incrementAndGet();
                ProxyClient.Response whole = http.get(base, full.path(), Endpoint.SUMDB_TILE, 32L * full.width() + 1);
                if (!whole.ok()) {
                    throw new IOException(ProxyErrors.describe(tile.path() + " (and the full tile)", whole));
                }
                return whole.body().length >= size ? Arrays.copyOf(whole.body(), (int) size) : whole.body();
            }
            if (!r.ok()) {
                throw new IOException(ProxyErrors.describe(tile.path(), r));
            }
            return r.body();
        } catch (ProxyException e) {
            throw new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + tile.path(), e);
        }
    }

    private byte[] get(String path, Endpoint endpoint, String what) throws SumdbException, InterruptedException {
        try {
            ProxyClient.Response r = http.get(base, path, endpoint, MAX_RESPONSE);
            if (!r.ok()) {
                throw new SumdbException(r.notFound() && endpoint == Endpoint.SUMDB_LOOKUP ? SumdbException.Kind.MISSING
                        : SumdbException.Kind.UNAVAILABLE, ProxyErrors.describe(what, r));
            }
            if (r.truncated()) {
                throw new SumdbException(SumdbException.Kind.UNAVAILABLE, what + ": response larger than " + MAX_RESPONSE + " bytes");
            }
            return r.body();
        } catch (ProxyException e) {
            throw new SumdbException(SumdbException.Kind.UNAVAILABLE, what + ": " + e.getMessage());
        }
    }

    private Note open(byte[] note, String what) throws SumdbException {
        try {
            return Note.open(note, List.of(database.key()));
        } catch (NoteException e) {
            throw new SumdbException(SumdbException.Kind.INVALID, what + " from " + database.where() + ": " + e.getMessage());
        }
    }

    private static Tree parseTree(Note note, String what) throws SumdbException {
        try {
            return Tree.parse(note.text());
        } catch (NoteException e) {
            throw new SumdbException(SumdbException.Kind.INVALID, what + ": " + e.getMessage());
        }
    }
}
