package io.smokegate.sumdb;

import static io.smokegate.sumdb.Vectors.hex;
import static io.smokegate.sumdb.Vectors.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlogTest {

    /** RFC 6962 test leaves (transparency-dev/merkle testonly/constants.go). */
    private static final List<String> LEAVES =
            List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    @ParameterizedTest(name = "size {0}")
    @CsvSource({
        "0, e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "1, 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "2, fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "3, aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "4, d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "5, 4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "6, 76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "7, ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "8, 5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    })
    void treeHashMatchesRfc6962Roots(int size, String root) {
        List<byte[]> leafHashes = new ArrayList<>();
        for (String leaf : LEAVES.subList(0, size)) {
            leafHashes.add(Tlog.recordHash(hex(leaf)));
        }
        assertEquals(root, HexFormat.of().formatHex(Tlog.treeHash(leafHashes)));
    }

    @Test
    void recordHashPrefixesAZeroByte() {
        assertEquals("TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=", Base64.getEncoder().encodeToString(Tlog.recordHash(utf8("hello world"))));
        assertArrayEquals(Tlog.sha256(new byte[] {0}, utf8("hello world")), Tlog.recordHash(utf8("hello world")));
    }

    @Test
    void nodeHashPrefixesAOneByte() {
        byte[] left = Tlog.recordHash(hex("00"));
        byte[] right = Tlog.recordHash(hex("10"));
        assertArrayEquals(Tlog.sha256(new byte[] {1}, left, right), Tlog.nodeHash(left, right));
    }

    @Test
    void nodeHashRejectsShortHashes() {
        assertThrows(IllegalArgumentException.class, () -> Tlog.nodeHash(new byte[31], new byte[32]));
    }

    @Test
    void subtreeHashOfAPowerOfTwoPrefixIsItsTreeHash() {
        List<byte[]> leaves = leaves(40);
        for (int level = 0; level <= 5; level++) {
            assertArrayEquals(Tlog.treeHash(leaves.subList(0, 1 << level)), Tlog.subtreeHash(leaves, level, 0));
        }
    }

    @Test
    void subtreeHashOfALaterSubtreeHashesItsOwnLeaves() {
        List<byte[]> leaves = leaves(40);
        assertArrayEquals(Tlog.treeHash(leaves.subList(24, 32)), Tlog.subtreeHash(leaves, 3, 3));
    }

    @Test
    void subtreeHashRefusesAnIncompleteSubtree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tlog.subtreeHash(leaves(40), 3, 5));
        assertEquals("no complete subtree at level 3, index 5 among 40 leaves", e.getMessage());
    }

    @Test
    void treeHashDoesNotHandOutALeafArray() {
        List<byte[]> leaves = leaves(1);
        Tlog.treeHash(leaves)[0] ^= 1;
        assertArrayEquals(Tlog.recordHash(utf8("leaf 0\n")), leaves.get(0));
    }

    private static List<byte[]> leaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(Tlog.recordHash(utf8("leaf " + i + "\n")));
        }
        return leaves;
    }
}
