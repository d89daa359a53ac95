package io.smokegate.sumdb;

import java.util.Arrays;

/**
 * The complete subtrees one tile's stored hashes reduce to, level by level: level 0 is the tile's bytes, level
 * k holds the hashes of each 2^k consecutive stored hashes. A level is computed whole from the one below the
 * first time a proof asks for it, so all subtrees of a tile together cost at most width − 1 node hashes. Reducing
 * each asked subtree from its slots instead costs that many per subtree: 500 lookups in a tree of 500 records ask
 * for about a thousand distinct subtrees of two tiles, and hashing them one by one took 8 % of a cold check's CPU.
 */
final class TileHashes {

    private final byte[] data;
    /** levels[k] holds width >> k hashes; null until asked for. */
    private final byte[][] levels;

    TileHashes(byte[] data, int height) {
        this.data = data;
        this.levels = new byte[height][];
        this.levels[0] = data;
    }

    /** Whether these are the hashes of exactly this array (a memo shared by proofs keeps them per tile). */
    boolean of(byte[] tileData) {
        return data == tileData;
    }

    /** The hash of the complete subtree of the 2^level stored hashes from slot {@code index * 2^level} on. */
    synchronized byte[] subtree(int level, int index) {
        for (int k = 1; k <= level; k++) {
            if (levels[k] == null) {
                levels[k] = reduce(levels[k - 1]);
            }
        }
        int from = index * Tlog.HASH_SIZE;
        return Arrays.copyOfRange(levels[level], from, from + Tlog.HASH_SIZE);
    }

    /** Each pair of adjacent hashes to their node hash; an odd last hash belongs to no complete subtree above. */
    private static byte[] reduce(byte[] below) {
        int pairs = below.length / (2 * Tlog.HASH_SIZE);
        byte[] above = new byte[pairs * Tlog.HASH_SIZE];
        for (int i = 0; i < pairs; i++) {
            int left = 2 * i * Tlog.HASH_SIZE;
            System.arraycopy(Tlog.nodeHash(below, left, below, left + Tlog.HASH_SIZE), 0, above, i * Tlog.HASH_SIZE,
                    Tlog.HASH_SIZE);
        }
        return above;
    }
}
