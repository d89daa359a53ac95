package io.smokegate.sumdb;

import static io.smokegate.sumdb.Vectors.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TileTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tile/4/0/001,                 4,  0, 1,         16",
        "tile/4/0/001.p/5,             4,  0, 1,         5",
        "tile/3/5/x123/x456/078,       3,  5, 123456078, 8",
        "tile/3/5/x123/x456/078.p/2,   3,  5, 123456078, 2",
        "tile/1/0/x003/x057/500,       1,  0, 3057500,   2",
        "tile/1/data/x003/x057/500,    1, -1, 3057500,   2",
        "tile/8/0/000.p/4,             8,  0, 0,         4",
        "tile/8/1/x001/000,            8,  1, 1000,      256",
        "tile/30/0/000.p/1073741823,  30,  0, 0,         1073741823",
    })
    void pathAndParseAgreeWithGo(String path, int height, int level, long index, int width) {
        Tile tile = new Tile(height, level, index, width);
        assertEquals(path, tile.path());
        assertEquals(tile, Tile.parse(path));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "tile/3/5/123/456/078",
        "tile/3/-1/123/456/078",
        "tile/0/0/000",
        "tile/31/0/000",
        "tile/4/0/001.p/16",
        "tile/4/0/001.p/0",
        "tile/4/0/001.p/",
        "tile/4/0/01",
        "tile/4/0/0001",
        "tile/4/0/x000/001",
        "tile/4/0/x1000/000",
        "tile/4/0/+01",
        "tile/+4/0/001",
        "tile/04/0/001",
        "tile/4/0",
        "tiles/4/0/001",
        "/tile/4/0/001",
        "tile/4/0/001/",
        "tile/4/64/000",
        "tile/4/data.p/1",
        "tile/4/0/x009/x223/x372/x036/x854/x775/808",
    })
    void parseRejectsPathsGoRejects(String path) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tile.parse(path));
        assertEquals("malformed tile path \"" + path + "\"", e.getMessage());
    }

    @Test
    void parseAcceptsTheLargestIndex() {
        assertEquals(Long.MAX_VALUE, Tile.parse("tile/4/0/x009/x223/x372/x036/x854/x775/807").index());
    }

    @Test
    void constructorRejectsAWidthAboveTwoToTheHeight() {
        assertThrows(IllegalArgumentException.class, () -> new Tile(4, 0, 0, 17));
    }

    @Test
    void hashTileOfLevelZeroIsTheLeafHashes() {
        List<byte[]> leaves = leaves(5);
        byte[] tile = Tile.hashTile(new Tile(2, 0, 1, 1), leaves);
        assertArrayEquals(leaves.get(4), tile);
    }

    @Test
    void hashTileOfLevelOneHoldsSubtreeHashes() {
        List<byte[]> leaves = leaves(40);
        byte[] tile = Tile.hashTile(new Tile(2, 1, 2, 2), leaves);
        byte[] expected = Vectors.concat(Tlog.subtreeHash(leaves, 2, 8), Tlog.subtreeHash(leaves, 2, 9));
        assertArrayEquals(expected, tile);
    }

    @Test
    void hashTileRefusesHashesTheTreeDoesNotHaveYet() {
        List<byte[]> leaves = leaves(39);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tile.hashTile(new Tile(2, 1, 2, 2), leaves));
        assertEquals("tile/2/1/002.p/2 needs complete subtrees that a tree of 39 leaves does not have", e.getMessage());
    }

    @Test
    void hashTileRefusesDataTiles() {
        assertThrows(IllegalArgumentException.class, () -> Tile.hashTile(new Tile(2, -1, 0, 4), leaves(4)));
    }

    private static List<byte[]> leaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(Tlog.recordHash(utf8("leaf " + i + "\n")));
        }
        return leaves;
    }
}
