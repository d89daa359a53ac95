package io.smokegate.sumdb;

import static io.smokegate.sumdb.Vectors.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TileHashesTest {

    /** The stored hashes of a partial level-0 tile: 244 leaves, as sum.golang.org's tile 001.p/244 of a 500-record tree. */
    private static List<byte[]> leaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(Tlog.recordHash(utf8("example.com/dep" + i + " v1.0.0 h1:x=\n")));
        }
        return leaves;
    }

    private static byte[] concat(List<byte[]> hashes) {
        byte[] data = new byte[hashes.size() * Tlog.HASH_SIZE];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i), 0, data, i * Tlog.HASH_SIZE, Tlog.HASH_SIZE);
        }
        return data;
    }

    @Test
    void everyCompleteSubtreeOfAPartialTileIsTheMerkleHashOfItsSlots() {
        List<byte[]> leaves = leaves(244);
        TileHashes hashes = new TileHashes(concat(leaves), 8);
        int checked = 0;
        for (int level = 0; level < 8; level++) {
            for (int index = 0; index < leaves.size() >> level; index++) {
                assertArrayEquals(Tlog.subtreeHash(leaves, level, index), hashes.subtree(level, index),
                        "level " + level + ", index " + index);
                checked++;
            }
        }
        // 244 + 122 + 61 + 30 + 15 + 7 + 3 + 1 complete subtrees.
        assertEquals(483, checked);
    }

    @Test
    void levelsAskedOutOfOrderGiveTheSameHashes() {
        List<byte[]> leaves = leaves(256);
        TileHashes hashes = new TileHashes(concat(leaves), 8);
        assertArrayEquals(Tlog.subtreeHash(leaves, 7, 1), hashes.subtree(7, 1));
        assertArrayEquals(Tlog.subtreeHash(leaves, 2, 5), hashes.subtree(2, 5));
        assertArrayEquals(Tlog.subtreeHash(leaves, 0, 255), hashes.subtree(0, 255));
    }

    @Test
    void aHashHandedOutCannotChangeTheTilesHashes() {
        List<byte[]> leaves = leaves(4);
        TileHashes hashes = new TileHashes(concat(leaves), 2);
        hashes.subtree(1, 0)[0] ^= 1;
        assertArrayEquals(Tlog.subtreeHash(leaves, 1, 0), hashes.subtree(1, 0));
    }

    @Test
    void belongsOnlyToTheBytesItWasMadeOf() {
        byte[] data = concat(leaves(4));
        TileHashes hashes = new TileHashes(data, 2);
        assertTrue(hashes.of(data));
        assertFalse(hashes.of(data.clone()));
    }
}
