package io.smokegate.sumdb;

import io.smokegate.sumdb.ProofException.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One proof's view of a tree of {@code size} leaves through its tiles of one height: complete-subtree hashes
 * read from tiles (each tile read at most once) or recomputed from their halves. Nothing read is trusted until
 * a root computed from it matches a signed root.
 */
final class TiledTree {

    /** How a proof obtains the hash of the complete subtree at (level, index): read it or recompute it. */
    @FunctionalInterface
    interface Subtrees {
        byte[] hash(int level, long index) throws ProofException, IOException;
    }

    private record Computed(int level, long index, byte[] hash) {
    }

    private final long size;
    private final int height;
    private final TileSource source;
    private final TileProofs.Memo memo;
    private final Map<Tile, byte[]> tiles = new HashMap<>();
    /** Subtree hashes of the tiles read, when no memo is shared. */
    private final Map<Tile, TileHashes> reduced = new HashMap<>();
    /** Hashes the current root computation recomputed at levels that tiles store. */
    private final List<Computed> computed = new ArrayList<>();

    TiledTree(long size, int height, TileSource source, TileProofs.Memo memo) {
        if (height < 1 || height > 30) {
            throw new IllegalArgumentException("tile height must be 1 to 30, not " + height);
        }
        this.size = size;
        this.height = height;
        this.source = source;
        this.memo = memo;
    }

    /**
     * The RFC 6962 hash of the first {@code leaves} leaves: their maximal complete subtrees, left to right,
     * folded from the right with nodeHash. Starts a new computation for {@link #contradiction()}.
     */
    byte[] root(long leaves, Subtrees subtrees) throws ProofException, IOException {
        computed.clear();
        if (leaves == 0) {
            return Tlog.sha256();
        }
        List<byte[]> parts = new ArrayList<>();
        long start = 0;
        for (int level = 62; level >= 0; level--) {
            if ((leaves & 1L << level) != 0) {
                parts.add(subtrees.hash(level, start >> level));
                start += 1L << level;
            }
        }
        byte[] hash = parts.get(parts.size() - 1);
        for (int i = parts.size() - 2; i >= 0; i--) {
            hash = nodeHash(parts.get(i), hash);
        }
        return hash;
    }

    /** The hash of the complete subtree at (level, index) from its two halves, each obtained from {@code halves}. */
    byte[] recompute(int level, long index, Subtrees halves) throws ProofException, IOException {
        return remember(level, index, nodeHash(halves.hash(level - 1, 2 * index), halves.hash(level - 1, 2 * index + 1)));
    }

    private byte[] nodeHash(byte[] left, byte[] right) {
        return memo == null ? Tlog.nodeHash(left, right) : memo.nodeHash(left, right);
    }

    /** A leaf hash the proof supplies instead of reading it. */
    byte[] leaf(long index, byte[] hash) {
        return remember(0, index, hash);
    }

    /**
     * The hash of a complete subtree of this tree as the tiles give it. Tree level k lives in the tiles of
     * level k / height, which store level height * (k / height); the hash is the subtree of 2^(k mod height)
     * consecutive stored hashes, as in Go's {@code tileForIndex} and {@code HashFromTile}.
     */
    byte[] stored(int level, long index) throws ProofException, IOException {
        int within = level % height;
        long first = index << within;
        Tile tile = tileHolding(level / height, first);
        byte[] data = read(tile);
        int offset = (int) (first - (tile.index() << height));
        return hashes(tile, data).subtree(within, offset >> within);
    }

    /** The tile's subtree hashes: the memo's when there is one (kept for exactly these bytes), else this proof's. */
    private TileHashes hashes(Tile tile, byte[] data) {
        Map<Tile, TileHashes> known = memo == null ? reduced : memo.tiles;
        TileHashes hashes = known.get(tile);
        if (hashes == null || !hashes.of(data)) {
            hashes = new TileHashes(data, height);
            known.put(tile, hashes);
        }
        return hashes;
    }

    /**
     * A tile read that does not store, for some subtree the last root computation recomputed, the hash it
     * computed. Once that root matched a signed one, an empty answer means every byte of every tile read is
     * verified, as Go verifies whole tiles against their parents: a recomputed subtree's slot is the one
     * place in a read tile that the computation itself did not use.
     */
    Optional<Tile> contradiction() {
        for (Computed c : computed) {
            Tile tile = tileHolding(c.level / height, c.index);
            byte[] data = tiles.get(tile);
            if (data != null && !Arrays.equals(slot(data, (int) (c.index - (tile.index() << height))), c.hash)) {
                return Optional.of(tile);
            }
        }
        return Optional.empty();
    }

    private byte[] remember(int level, long index, byte[] hash) {
        if (level % height == 0) {
            computed.add(new Computed(level, index, hash));
        }
        return hash;
    }

    /** The tile of level {@code tileLevel} of this tree that holds stored hash {@code index} of its level. */
    private Tile tileHolding(int tileLevel, long index) {
        long tileIndex = index >> height;
        long hashesAtLevel = size >> (tileLevel * height);
        return new Tile(height, tileLevel, tileIndex, (int) Math.min(1L << height, hashesAtLevel - (tileIndex << height)));
    }

    private static byte[] slot(byte[] data, int i) {
        return Arrays.copyOfRange(data, i * Tlog.HASH_SIZE, (i + 1) * Tlog.HASH_SIZE);
    }

    private byte[] read(Tile tile) throws ProofException, IOException {
        byte[] data = tiles.get(tile);
        if (data == null) {
            data = Objects.requireNonNull(source.read(tile), () -> "the tile source returned null for " + tile.path());
            if (data.length != tile.width() * Tlog.HASH_SIZE) {
                throw new ProofException(Kind.BAD_TILE, String.format(
                        "tile %s has %d bytes, expected %d", tile.path(), data.length, tile.width() * Tlog.HASH_SIZE));
            }
            tiles.put(tile, data);
        }
        return data;
    }
}
