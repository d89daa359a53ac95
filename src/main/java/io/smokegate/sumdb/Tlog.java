package io.smokegate.sumdb;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** The hashes of a transparency log (RFC 6962 §2.1, as golang.org/x/mod/sumdb/tlog computes them). */
public final class Tlog {

    static final int HASH_SIZE = 32;
    /** Cloned for each hash: looking the algorithm up costs more than hashing 65 bytes (a proof makes dozens). */
    private static final MessageDigest SHA_256 = newSha256();

    private Tlog() {
    }

    /** The leaf hash of a record: SHA-256(0x00 || data), the prefix keeping leaves and nodes apart. */
    public static byte[] recordHash(byte[] data) {
        MessageDigest digest = sha256Digest();
        digest.update((byte) 0x00);
        digest.update(data);
        return digest.digest();
    }

    /** The hash of an interior node: SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        if (left.length != HASH_SIZE || right.length != HASH_SIZE) {
            throw new IllegalArgumentException("node hashes have 32 bytes, not " + left.length + " and " + right.length);
        }
        return nodeHash(left, 0, right, 0);
    }

    /** {@link #nodeHash(byte[], byte[])} of the 32 bytes at each offset, for hashes that sit side by side in a tile. */
    static byte[] nodeHash(byte[] left, int leftOffset, byte[] right, int rightOffset) {
        MessageDigest digest = sha256Digest();
        digest.update((byte) 0x01);
        digest.update(left, leftOffset, HASH_SIZE);
        digest.update(right, rightOffset, HASH_SIZE);
        return digest.digest();
    }

    /** RFC 6962's Merkle tree hash of the leaves; the empty tree hashes to SHA-256 of nothing. */
    public static byte[] treeHash(List<byte[]> leafHashes) {
        return leafHashes.isEmpty() ? sha256() : merkle(leafHashes, 0, leafHashes.size());
    }

    /**
     * The hash of the complete subtree of 2^level leaves starting at leaf {@code index * 2^level}: what a log
     * stores at tree coordinates (level, index) and serves in its tiles.
     */
    public static byte[] subtreeHash(List<byte[]> leafHashes, int level, long index) {
        if (level < 0 || level > 30 || index < 0 || index >= leafHashes.size() >> level) {
            throw new IllegalArgumentException(String.format(
                    "no complete subtree at level %d, index %d among %d leaves", level, index, leafHashes.size()));
        }
        int from = (int) (index << level);
        return merkle(leafHashes, from, from + (1 << level));
    }

    /** RFC 6962 splits at the largest power of two below the size; for complete subtrees that is the middle. */
    private static byte[] merkle(List<byte[]> leafHashes, int from, int to) {
        if (to - from == 1) {
            return leafHashes.get(from).clone();
        }
        int split = from + Integer.highestOneBit(to - from - 1);
        return nodeHash(merkle(leafHashes, from, split), merkle(leafHashes, split, to));
    }

    static byte[] sha256(byte[]... parts) {
        MessageDigest digest = sha256Digest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    private static MessageDigest sha256Digest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
