package io.smokegate.sumdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smokegate.sumdb.ProofException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TileProofsTest {

    /** Small trees at height 2 span several tile levels: 70 leaves reach level 3 (tree level 6). */
    private static final TestLog SMALL = new TestLog("small", 70);
    private static final TestLog LARGE = new TestLog("large", 2049);
    private static final int[] LARGE_SIZES = {1, 2, 255, 256, 257, 511, 512, 513, 1000, 1024, 1500, 2049};

    private static final TileSource NO_TILES = tile -> {
        throw new AssertionError("read " + tile.path());
    };

    @Test
    void everyRecordOfEveryTreeUpTo70IsIncludedAtHeight2() throws Exception {
        TestLog.Tiles tiles = SMALL.tiles();
        for (int size = 1; size <= 70; size++) {
            Tree tree = SMALL.tree(size);
            for (int id = 0; id < size; id++) {
                TileProofs.verifyInclusion(tree, id, SMALL.record(id), tiles, 2);
            }
        }
    }

    @Test
    void everyRecordOfLargerTreesIsIncludedAtHeight8() throws Exception {
        TestLog.Tiles tiles = LARGE.tiles();
        for (int size : new int[] {1, 255, 256, 257, 1000, 2049}) {
            Tree tree = LARGE.tree(size);
            for (int id = 0; id < size; id++) {
                TileProofs.verifyInclusion(tree, id, LARGE.record(id), tiles, 8);
            }
        }
    }

    @Test
    void everyPrefixOfEveryTreeUpTo70IsConsistentAtHeight2() throws Exception {
        TestLog.Tiles tiles = SMALL.tiles();
        for (int newer = 0; newer <= 70; newer++) {
            for (int older = 0; older <= newer; older++) {
                TileProofs.verifyConsistency(SMALL.tree(older), SMALL.tree(newer), tiles, 2);
            }
        }
    }

    @Test
    void prefixesOfLargerTreesAreConsistentAtHeight8() throws Exception {
        TestLog.Tiles tiles = LARGE.tiles();
        for (int newer : LARGE_SIZES) {
            for (int older : LARGE_SIZES) {
                if (older <= newer) {
                    TileProofs.verifyConsistency(LARGE.tree(older), LARGE.tree(newer), tiles, 8);
                }
            }
        }
    }

    @Test
    void inclusionInAFullHeight8TreeOf1000ReadsThreeTiles() throws Exception {
        TestLog.Tiles tiles = LARGE.tiles();
        TileProofs.verifyInclusion(LARGE.tree(1000), 5, LARGE.record(5), tiles, 8);
        // 1000 = 512 + 256 + 128 + 64 + 32 + 8. Record 5's siblings below level 8 are only stored in its
        // level-0 tile 000; the level-8 hashes of [256, 512) and [512, 768) in tile/8/1 (three hashes wide);
        // the subtrees of [768, 1000), all below level 8, only in the partial level-0 tile 003. No two of
        // these needs can share a tile, so three reads is the least possible.
        assertEquals(List.of("tile/8/0/000", "tile/8/0/003.p/232", "tile/8/1/000.p/3"), sorted(tiles.reads));
    }

    @Test
    void inclusionOfALoneLastLeafReadsNoLevel0Tile() throws Exception {
        TestLog.Tiles tiles = LARGE.tiles();
        TileProofs.verifyInclusion(LARGE.tree(257), 256, LARGE.record(256), tiles, 8);
        // 257 = 256 + 1: the leaf is recomputed from the record and its one sibling is the level-8 hash of
        // [0, 256). Go's TileHashReader would also read tile/8/0/001.p/1 to look the leaf up.
        assertEquals(List.of("tile/8/1/000.p/1"), tiles.reads);
    }

    @Test
    void consistencyOf1000With2000ReadsThreeTiles() throws Exception {
        TestLog.Tiles tiles = LARGE.tiles();
        TileProofs.verifyConsistency(LARGE.tree(1000), LARGE.tree(2000), tiles, 8);
        // 2000 = 1024 + 512 + 256 + 128 + 64 + 16. The level-8 and level-9 hashes of [0, 768) and
        // [1024, 1792) are in tile/8/1 (seven wide); the subtrees around 1000, in [768, 1024), are below
        // level 8 and only in level-0 tile 003; those of the tail [1792, 2000) only in partial tile 007.
        assertEquals(List.of("tile/8/0/003", "tile/8/0/007.p/208", "tile/8/1/000.p/7"), sorted(tiles.reads));
    }

    @Test
    void aProofReadsEachTileOnce() throws Exception {
        TestLog.Tiles tiles = SMALL.tiles();
        TileProofs.verifyConsistency(SMALL.tree(37), SMALL.tree(70), tiles, 2);
        assertEquals(tiles.reads.stream().distinct().toList(), tiles.reads);
    }

    @Test
    void sameSizeWithAnotherHashIsAForkFoundWithoutTiles() {
        Tree other = new TestLog("other", 10).tree();
        ProofException e = assertThrows(ProofException.class, () -> TileProofs.verifyConsistency(SMALL.tree(10), other, NO_TILES, 2));
        assertEquals(Kind.FORK, e.kind());
        assertEquals(SMALL.tree(10) + " is not a prefix of the " + other + ": the database forked", e.getMessage());
    }

    @Test
    void equalTreesAreConsistentWithoutTiles() throws Exception {
        TileProofs.verifyConsistency(SMALL.tree(10), SMALL.tree(10), NO_TILES, 2);
    }

    @Test
    void emptyTreeIsAPrefixOfAnyTreeWithoutTiles() throws Exception {
        TileProofs.verifyConsistency(SMALL.tree(0), SMALL.tree(70), NO_TILES, 2);
    }

    @Test
    void olderTreeLargerThanNewerIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TileProofs.verifyConsistency(SMALL.tree(11), SMALL.tree(10), NO_TILES, 2));
    }

    @Test
    void newerTreeWithAnotherRecordIsAForkOfEveryOlderTreeHoldingIt() throws Throwable {
        int changed = 3;
        TestLog honest = new TestLog("fork", 300);
        List<String> records = new ArrayList<>();
        for (int id = 0; id < 300; id++) {
            records.add(new String(honest.record(id), StandardCharsets.UTF_8));
        }
        records.set(changed, "rewritten history\n");
        TestLog rewritten = new TestLog(records);
        TestLog.Tiles tiles = rewritten.tiles();
        for (int height : new int[] {2, 8}) {
            for (int newer : new int[] {5, 16, 17, 70, 256, 300}) {
                for (int older = 1; older < newer; older++) {
                    Tree olderTree = honest.tree(older);
                    Tree newerTree = rewritten.tree(newer);
                    int h = height;
                    Executable proof = () -> TileProofs.verifyConsistency(olderTree, newerTree, tiles, h);
                    if (older <= changed) {
                        proof.execute();
                    } else {
                        assertEquals(Kind.FORK, assertThrows(ProofException.class, proof).kind(), older + " in " + newer);
                    }
                }
            }
        }
    }

    @Test
    void everyFlippedTileByteFailsInclusionAsInconsistent() throws Exception {
        for (int size : new int[] {1, 5, 13, 27, 64}) {
            Tree tree = SMALL.tree(size);
            for (int id = 0; id < size; id++) {
                long recordId = id;
                assertEveryFlipIsInconsistent(SMALL, 2, tiles -> TileProofs.verifyInclusion(tree, recordId, SMALL.record(recordId), tiles, 2));
            }
        }
    }

    @Test
    void everyFlippedTileByteFailsConsistencyAsInconsistent() throws Exception {
        for (int newer : new int[] {13, 27, 70}) {
            Tree newerTree = SMALL.tree(newer);
            for (int older = 1; older < newer; older++) {
                Tree olderTree = SMALL.tree(older);
                assertEveryFlipIsInconsistent(SMALL, 2, tiles -> TileProofs.verifyConsistency(olderTree, newerTree, tiles, 2));
            }
        }
    }

    @Test
    void aFlippedByteInAnyHashOfAHeight8TileFailsInclusion() throws Exception {
        assertEveryFlipIsInconsistent(LARGE, 32, tiles -> TileProofs.verifyInclusion(LARGE.tree(1000), 5, LARGE.record(5), tiles, 8));
    }

    @Test
    void aFlippedByteInTheUnusedSlotOfARecomputedSubtreeIsCaught() {
        // Record 5's ancestor [0, 256) is recomputed, so slot 0 of tile/8/1/000.p/3 takes no part in the
        // root; it must still hold the recomputed hash, as Go's parent check would demand.
        TestLog.Tiles honest = LARGE.tiles();
        TileSource tiles = tile -> flipped(honest.read(tile), tile.path().equals("tile/8/1/000.p/3") ? 0 : -1);
        ProofException e = assertThrows(ProofException.class,
                () -> TileProofs.verifyInclusion(LARGE.tree(1000), 5, LARGE.record(5), tiles, 8));
        assertEquals(Kind.INCONSISTENT_TILES, e.kind());
        assertEquals("downloaded inconsistent tile: tile/8/1/000.p/3 contradicts the signed " + LARGE.tree(1000), e.getMessage());
    }

    @Test
    void tilesOfAnotherLogAreInconsistent() {
        ProofException e = assertThrows(ProofException.class,
                () -> TileProofs.verifyInclusion(SMALL.tree(20), 7, SMALL.record(7), new TestLog("other", 20).tiles(), 2));
        assertEquals(Kind.INCONSISTENT_TILES, e.kind());
        assertEquals("downloaded inconsistent tile: tiles do not hash to the signed " + SMALL.tree(20), e.getMessage());
    }

    @Test
    void anotherRecordsTextIsNotIncluded() {
        for (int height : new int[] {1, 2, 8}) {
            ProofException e = assertThrows(ProofException.class,
                    () -> TileProofs.verifyInclusion(SMALL.tree(20), 7, SMALL.record(8), SMALL.tiles(), height));
            assertEquals(Kind.NOT_INCLUDED, e.kind());
            assertEquals("record 7 is not in the " + SMALL.tree(20) + ": record data does not match the tree", e.getMessage());
        }
    }

    @Test
    void tileOfTheWrongLengthIsABadTile() {
        TestLog.Tiles honest = new TestLog("four", 4).tiles();
        TileSource shortTiles = tile -> Arrays.copyOf(honest.read(tile), 100);
        Tree tree = new TestLog("four", 4).tree();
        ProofException e = assertThrows(ProofException.class, () -> TileProofs.verifyInclusion(tree, 3, new TestLog("four", 4).record(3), shortTiles, 8));
        assertEquals(Kind.BAD_TILE, e.kind());
        assertEquals("tile tile/8/0/000.p/4 has 100 bytes, expected 128", e.getMessage());
    }

    @Test
    void fullTileServedForAPartialOneIsABadTile() {
        TestLog.Tiles honest = SMALL.tiles();
        TileSource fullTiles = tile -> honest.read(new Tile(tile.height(), tile.level(), tile.index(), 1 << tile.height()));
        ProofException e = assertThrows(ProofException.class,
                () -> TileProofs.verifyConsistency(SMALL.tree(30), SMALL.tree(62), fullTiles, 2));
        assertEquals(Kind.BAD_TILE, e.kind());
    }

    @Test
    void recordIdAtTheTreeSizeIsRefusedWithoutTiles() {
        ProofException e = assertThrows(ProofException.class,
                () -> TileProofs.verifyInclusion(SMALL.tree(4), 4, SMALL.record(4), NO_TILES, 2));
        assertEquals(Kind.NOT_INCLUDED, e.kind());
        assertEquals("cannot validate record 4 in tree of size 4", e.getMessage());
    }

    @Test
    void noRecordIsInTheEmptyTree() {
        ProofException e = assertThrows(ProofException.class,
                () -> TileProofs.verifyInclusion(SMALL.tree(0), 0, SMALL.record(0), NO_TILES, 2));
        assertEquals("cannot validate record 0 in tree of size 0", e.getMessage());
    }

    @Test
    void heightOutsideOneToThirtyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TileProofs.verifyInclusion(SMALL.tree(4), 1, SMALL.record(1), NO_TILES, 31));
    }

    /** A proof run against a tile source; the checks below hand it tampered ones. */
    @FunctionalInterface
    private interface Proof {
        void run(TileSource tiles) throws Exception;
    }

    /**
     * Runs the proof honestly to learn its tiles, then once per tile and per {@code stride}-th byte with that
     * byte flipped: every run must fail as INCONSISTENT_TILES, since the record itself is genuine.
     */
    private static void assertEveryFlipIsInconsistent(TestLog log, int stride, Proof proof) throws Exception {
        TestLog.Tiles honest = log.tiles();
        proof.run(honest);
        Map<String, Integer> lengths = new TreeMap<>();
        for (String path : List.copyOf(honest.reads)) {
            lengths.put(path, honest.read(Tile.parse(path)).length);
        }
        for (Map.Entry<String, Integer> tile : lengths.entrySet()) {
            for (int i = 0; i < tile.getValue(); i += stride) {
                int position = i;
                TileSource tampered = t -> flipped(honest.read(t), t.path().equals(tile.getKey()) ? position : -1);
                ProofException e = assertThrows(ProofException.class, () -> proof.run(tampered), () -> tile.getKey() + " byte " + position);
                assertEquals(Kind.INCONSISTENT_TILES, e.kind(), () -> tile.getKey() + " byte " + position);
            }
        }
    }

    private static byte[] flipped(byte[] data, int position) {
        if (position >= 0) {
            data[position] ^= 0x01;
        }
        return data;
    }

    private static List<String> sorted(List<String> paths) {
        return paths.stream().sorted().toList();
    }
}
