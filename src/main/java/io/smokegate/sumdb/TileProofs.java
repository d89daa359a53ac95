package io.smokegate.sumdb;

import io.smokegate.sumdb.ProofException.Kind;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Inclusion and consistency proofs from a checksum database's tiles, for tiles of height 1 to 30 (8 on
 * sum.golang.org).
 *
 * <p>Both proofs recompute a signed root hash from hashes read out of tiles and trust those hashes because
 * the root comes out right: forging one would take a SHA-256 collision. That is the argument of Go's {@code
 * tlog.TileHashReader}, arranged differently. Go first authenticates the tiles holding the tree's maximal
 * complete subtrees against the root, then each lower tile against the hash its parent tile stores for it,
 * and only then reads the hashes it wants. Here the wanted hashes take part in the root computation itself:
 * the leaf's audit path for inclusion, the older tree's maximal subtrees for consistency. The tiles are the
 * same (a hash at tree level k comes from the tile of level k / height, as in Go's {@code tileForIndex}),
 * except that Go also reads the leaf's level-0 tile when none of the leaf's siblings lives in it, which is
 * read here only to explain a failure. What the computation does not use of a tile is the slot of a subtree
 * it recomputed, and that slot must then hold the recomputed hash, the check Go makes of a child tile
 * against its parent; so, as in Go, every byte of every tile read is verified and tiles may be cached.
 */
public final class TileProofs {

    private TileProofs() {
    }

    /**
     * Subtree hashes already reduced from tiles, shared by many proofs against one database (one client's
     * tiles, whose bytes do not change): a go.sum of 500 modules then hashes each tile once, not 500 times.
     * Every proof still recomputes its root and compares it with the signed one.
     */
    public static final class Memo {
        final java.util.Map<Tile, TileHashes> tiles = new java.util.concurrent.ConcurrentHashMap<>();
        /**
         * Interior node hashes by their two children. A node hash is a function of its children, so remembering it
         * changes no result; 500 lookups in one tree share most of the nodes they recompute near the root.
         */
        final java.util.Map<Children, byte[]> nodes = new java.util.concurrent.ConcurrentHashMap<>();

        byte[] nodeHash(byte[] left, byte[] right) {
            Children children = new Children(left, right);
            byte[] known = nodes.get(children);
            if (known == null) {
                known = Tlog.nodeHash(left, right);
                nodes.put(children, known);
            }
            return known;
        }
    }

    /** Two child hashes, compared by content. */
    record Children(byte[] left, byte[] right) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Children that && Arrays.equals(left, that.left) && Arrays.equals(right, that.right);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(left) + Arrays.hashCode(right);
        }
    }

    /**
     * Proves that {@code recordText} is leaf {@code recordId} of {@code tree}. A mismatch is {@code
     * NOT_INCLUDED} when the tiles, with the leaf hash they store, do hash to the signed root, so they are
     * right and the record is not; otherwise the tiles are wrong ({@code INCONSISTENT_TILES}) and whether the
     * record is in the tree cannot be told.
     */
    public static void verifyInclusion(Tree tree, long recordId, byte[] recordText, TileSource tiles, int height)
            throws ProofException, IOException {
        verifyInclusion(tree, recordId, recordText, tiles, height, null);
    }

    /** {@link #verifyInclusion(Tree, long, byte[], TileSource, int)} reusing and filling {@code memo}. */
    public static void verifyInclusion(Tree tree, long recordId, byte[] recordText, TileSource tiles, int height, Memo memo)
            throws ProofException, IOException {
        if (recordId < 0) {
            throw new IllegalArgumentException("record ids are not negative: " + recordId);
        }
        if (recordId >= tree.size()) {
            throw new ProofException(Kind.NOT_INCLUDED,
                    String.format("cannot validate record %d in tree of size %d", recordId, tree.size()));
        }
        TiledTree tiled = new TiledTree(tree.size(), height, tiles, memo);
        byte[] leaf = Tlog.recordHash(recordText);
        if (Arrays.equals(withLeaf(tiled, tree.size(), recordId, leaf), tree.hash())) {
            checkNoContradiction(tiled, tree);
            return;
        }
        byte[] stored = tiled.stored(0, recordId);
        if (!Arrays.equals(stored, leaf)
                && Arrays.equals(withLeaf(tiled, tree.size(), recordId, stored), tree.hash())
                && tiled.contradiction().isEmpty()) {
            throw new ProofException(Kind.NOT_INCLUDED,
                    "record " + recordId + " is not in the " + tree + ": record data does not match the tree");
        }
        throw inconsistent(tree);
    }

    /**
     * Proves that {@code older} is a prefix of {@code newer}: newer's root is recomputed from its tiles,
     * splitting only subtrees that straddle older's size, so older's maximal complete subtrees are among the
     * hashes checked; folded together they must give older's root.
     */
    public static void verifyConsistency(Tree older, Tree newer, TileSource tiles, int height)
            throws ProofException, IOException {
        if (older.size() > newer.size()) {
            throw new IllegalArgumentException("the older " + older + " is larger than the newer " + newer);
        }
        if (older.size() == newer.size()) {
            if (!Arrays.equals(older.hash(), newer.hash())) {
                throw fork(older, newer);
            }
            return;
        }
        if (older.size() == 0) {
            return;
        }
        TiledTree tiled = new TiledTree(newer.size(), height, tiles, null);
        long boundary = older.size();
        TiledTree.Subtrees aroundBoundary = new TiledTree.Subtrees() {
            @Override
            public byte[] hash(int level, long index) throws ProofException, IOException {
                long start = index << level;
                boolean straddles = start < boundary && boundary < start + (1L << level);
                return straddles ? tiled.recompute(level, index, this) : tiled.stored(level, index);
            }
        };
        if (!Arrays.equals(tiled.root(newer.size(), aroundBoundary), newer.hash())) {
            throw inconsistent(newer);
        }
        checkNoContradiction(tiled, newer);
        // Older's maximal subtrees were all read above, so this reads no tile.
        if (!Arrays.equals(tiled.root(older.size(), tiled::stored), older.hash())) {
            throw fork(older, newer);
        }
    }

    /** The root of the tiled tree with leaf {@code recordId} taken to be {@code leaf} and its path recomputed. */
    private static byte[] withLeaf(TiledTree tiled, long size, long recordId, byte[] leaf) throws ProofException, IOException {
        return tiled.root(size, new TiledTree.Subtrees() {
            @Override
            public byte[] hash(int level, long index) throws ProofException, IOException {
                if (recordId >> level != index) {
                    return tiled.stored(level, index);
                }
                return level == 0 ? tiled.leaf(index, leaf) : tiled.recompute(level, index, this);
            }
        });
    }

    private static void checkNoContradiction(TiledTree tiled, Tree tree) throws ProofException {
        Optional<Tile> tile = tiled.contradiction();
        if (tile.isPresent()) {
            throw new ProofException(Kind.INCONSISTENT_TILES,
                    "downloaded inconsistent tile: " + tile.get().path() + " contradicts the signed " + tree);
        }
    }

    private static ProofException inconsistent(Tree tree) {
        return new ProofException(Kind.INCONSISTENT_TILES, "downloaded inconsistent tile: tiles do not hash to the signed " + tree);
    }

    private static ProofException fork(Tree older, Tree newer) {
        return new ProofException(Kind.FORK, older + " is not a prefix of the " + newer + ": the database forked");
    }
}
