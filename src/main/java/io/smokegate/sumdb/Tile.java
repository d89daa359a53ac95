package io.smokegate.sumdb;

import java.util.List;

/**
 * A tile of a tiled transparency log (tlog.Tile): {@code width} consecutive hashes at tree level {@code
 * height * level}, starting at hash {@code index * 2^height}. Level -1 holds record data instead of hashes.
 * A full tile has width 2^height; a partial one, at the right edge of the tree, fewer.
 */
public record Tile(int height, int level, long index, int width) {

    /** Index digits per path element, so no directory of a static tile server grows past 3000 entries. */
    private static final int PATH_BASE = 1000;

    public Tile {
        if (height < 1 || height > 30 || level < -1 || level > 63 || index < 0 || width < 1 || width > 1 << height) {
            throw new IllegalArgumentException(String.format(
                    "no tile of height %d, level %d, index %d and width %d", height, level, index, width));
        }
    }

    // Written out: a record's generated equals and hashCode run through method handles, slow until compiled, and
    // proofs look tiles up in maps hundreds of times per go.sum.
    @Override
    public boolean equals(Object other) {
        return other instanceof Tile that && height == that.height && level == that.level && index == that.index
                && width == that.width;
    }

    @Override
    public int hashCode() {
        return ((height * 31 + level) * 31 + Long.hashCode(index)) * 31 + width;
    }

    /** {@code tile/H/L/NNN[.p/W]}, the index in 3-digit groups of which all but the last start with x. */
    public String path() {
        StringBuilder path = new StringBuilder(32).append("tile/").append(height).append('/');
        if (level == -1) {
            path.append("data");
        } else {
            path.append(level);
        }
        long top = 1;
        while (top <= index / PATH_BASE) {
            top *= PATH_BASE;
        }
        for (long group = top; group >= 1; group /= PATH_BASE) {
            long digits = index / group % PATH_BASE;
            path.append(group > 1 ? "/x" : "/").append((char) ('0' + digits / 100)).append((char) ('0' + digits / 10 % 10))
                    .append((char) ('0' + digits % 10));
        }
        if (width != 1 << height) {
            path.append(".p/").append(width);
        }
        return path.toString();
    }

    /** tlog.ParseTilePath: accepts exactly the paths that {@link #path()} writes. */
    public static Tile parse(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length < 4 || !parts[0].equals("tile")) {
            throw malformed(path);
        }
        long height = number(parts[1]);
        boolean data = parts[2].equals("data");
        long level = data ? 0 : number(parts[2]);
        if (height < 1 || height > 30 || level < 0 || level > 63) {
            throw malformed(path);
        }
        long width = 1L << height;
        int groups = parts.length;
        if (parts[groups - 2].endsWith(".p")) {
            long partial = number(parts[groups - 1]);
            if (partial <= 0 || partial >= width) {
                throw malformed(path);
            }
            width = partial;
            parts[groups - 2] = parts[groups - 2].substring(0, parts[groups - 2].length() - ".p".length());
            groups--;
        }
        long index = 0;
        for (int i = 3; i < groups; i++) {
            long group = number(parts[i].startsWith("x") ? parts[i].substring(1) : parts[i]);
            if (group < 0 || group >= PATH_BASE || index > (Long.MAX_VALUE - group) / PATH_BASE) {
                throw malformed(path);
            }
            index = index * PATH_BASE + group;
        }
        Tile tile = new Tile((int) height, data ? -1 : (int) level, index, (int) width);
        if (!tile.path().equals(path)) {
            throw malformed(path);
        }
        return tile;
    }

    /**
     * The {@code width * 32} bytes a checksum database serves for this hash tile of the tree with these
     * leaves: the hashes at level {@code height * level}, indexes {@code index * 2^height} on.
     */
    public static byte[] hashTile(Tile tile, List<byte[]> leafHashes) {
        if (tile.level < 0) {
            throw new IllegalArgumentException(tile.path() + " holds record data, not hashes");
        }
        int storedLevel = tile.height * tile.level;
        long complete = storedLevel > 30 ? 0 : leafHashes.size() >> storedLevel;
        if (complete < tile.width || tile.index > (complete - tile.width) >> tile.height) {
            throw new IllegalArgumentException(String.format(
                    "%s needs complete subtrees that a tree of %d leaves does not have", tile.path(), leafHashes.size()));
        }
        byte[] data = new byte[tile.width * Tlog.HASH_SIZE];
        for (int i = 0; i < tile.width; i++) {
            byte[] hash = Tlog.subtreeHash(leafHashes, storedLevel, (tile.index << tile.height) + i);
            System.arraycopy(hash, 0, data, i * Tlog.HASH_SIZE, Tlog.HASH_SIZE);
        }
        return data;
    }

    /** A path element's number, or -1 unless it is 1 to 10 ASCII digits (the round trip rejects odd forms). */
    private static long number(String digits) {
        return digits.matches("[0-9]{1,10}") ? Long.parseLong(digits) : -1;
    }

    private static IllegalArgumentException malformed(String path) {
        return new IllegalArgumentException("malformed tile path \"" + path + "\"");
    }
}
