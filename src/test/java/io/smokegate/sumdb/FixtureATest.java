package io.smokegate.sumdb;

import static io.smokegate.sumdb.Vectors.LOCAL_KEY;
import static io.smokegate.sumdb.Vectors.LOCAL_PRIVATE_KEY;
import static io.smokegate.sumdb.Vectors.PETER_PRIVATE_KEY;
import static io.smokegate.sumdb.Vectors.base64;
import static io.smokegate.sumdb.Vectors.signer;
import static io.smokegate.sumdb.Vectors.utf8;
import static io.smokegate.sumdb.Vectors.verifier;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The synthetic end-to-end sumdb of the reference's §4.7: four real go.sum records, tile height 8, test key. */
class FixtureATest {

    private static final List<String> RECORDS = List.of(
            "rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=\n"
                    + "rsc.io/quote v1.5.2/go.mod h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=\n",
            "rsc.io/sampler v1.3.0 h1:7uVkIFmeBqHfdjD+gZwtXXI+RODJ2Wc4O7MPEh/QiW4=\n"
                    + "rsc.io/sampler v1.3.0/go.mod h1:T1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=\n",
            "golang.org/x/text v0.0.0-20170915032832-14c0d48ead0c h1:qgOY6WgZOaTkIIMiVjBQcw93ERBE4m30iBm00nkL0i8=\n"
                    + "golang.org/x/text v0.0.0-20170915032832-14c0d48ead0c/go.mod h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=\n",
            "github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\n"
                    + "github.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=\n");
    private static final String TREE_HASH = "zsiz808nkp+URm0Vuh9ynfRi3yzHVfOM9rktwW57KGI=";
    private static final String LATEST = "go.sum database tree\n4\n" + TREE_HASH + "\n\n"
            + "\u2014 localhost.localdev/sumdb AAAMZ7lCoi1jqDe7OLwe494pLubNiZ+ES/isQkF9qrcOxvNHUU5HpPkKIFzxdwrr3v4hqoq2VPez5Wj1XolnTS357w4=\n";
    private static final String LOOKUP_UUID = "3\n" + RECORDS.get(3) + "\n" + LATEST;
    private static final String TILE_8_0_000_P_4 = "YIbrIfbx/MNcPidoYOgRXWdOys26yALyiA3vKAesRjyjybmuuWedFduEQE/1fzOQ/Z3Op59z3yYqpIx/"
            + "u3WKDzlcnCs22FJvuwFGVxEe3zKyFgVKe9NiKrrWMoRUNR54P6nS0/+haFtPXDHudaMEI6wZ1MXpaHDgWR73Kphr7UU=";

    private final TestLog log = new TestLog(RECORDS);

    @Test
    void recordHashesMatchTheFixture() {
        assertEquals(List.of("YIbrIfbx/MNcPidoYOgRXWdOys26yALyiA3vKAesRjw=", "o8m5rrlnnRXbhEBP9X8zkP2dzqefc98mKqSMf7t1ig8=",
                "OVycKzbYUm+7AUZXER7fMrIWBUp702IqutYyhFQ1Hng=", "P6nS0/+haFtPXDHudaMEI6wZ1MXpaHDgWR73Kphr7UU="),
                log.leaves().stream().map(Base64.getEncoder()::encodeToString).toList());
    }

    @Test
    void dataTileOfTheFourRecordsHas666Bytes() {
        assertEquals(666, RECORDS.stream().mapToInt(r -> utf8(r + "\n").length).sum());
    }

    @Test
    void treeHashMatchesTheFixture() {
        assertEquals(TREE_HASH, Base64.getEncoder().encodeToString(Tlog.treeHash(log.leaves())));
    }

    @Test
    void latestIsTheTreeSignedWithTheTestKey() {
        assertEquals(LATEST, Note.sign(log.tree().format(), List.of(signer(LOCAL_PRIVATE_KEY))));
    }

    @Test
    void latestOpensWithTheTestKeyToTheTree() throws NoteException {
        Note note = Note.open(utf8(LATEST), List.of(verifier(LOCAL_KEY)));
        assertEquals(log.tree(), Tree.parse(note.text()));
    }

    @Test
    void latestSignedByAnotherKeyHasNoVerifiableSignatures() {
        String forged = Note.sign(log.tree().format(), List.of(signer(PETER_PRIVATE_KEY)));
        NoteException e = assertThrows(NoteException.class, () -> Note.open(utf8(forged), List.of(verifier(LOCAL_KEY))));
        assertEquals("note has no verifiable signatures: signed only by PeterNeumann+c74f20a3", e.getMessage());
    }

    @Test
    void lookupParsesToRecordThreeAndTheSignedTree() throws NoteException {
        Record record = Record.parse(utf8(LOOKUP_UUID));
        assertEquals(new Record(3, RECORDS.get(3), utf8(LATEST)), record);
        assertEquals(LOOKUP_UUID, Record.format(3, RECORDS.get(3)) + LATEST);
    }

    @Test
    void partialTileHoldsTheFourLeafHashes() {
        Tile tile = Tile.parse("tile/8/0/000.p/4");
        assertArrayEquals(base64(TILE_8_0_000_P_4), Tile.hashTile(tile, log.leaves()));
    }

    @Test
    void lookedUpRecordIsProvedFromOneTile() throws Exception {
        Record record = Record.parse(utf8(LOOKUP_UUID));
        Tree tree = Tree.parse(Note.open(record.note(), List.of(verifier(LOCAL_KEY))).text());
        TestLog.Tiles tiles = log.tiles();
        TileProofs.verifyInclusion(tree, record.id(), utf8(record.text()), tiles, 8);
        assertEquals(List.of("tile/8/0/000.p/4"), tiles.reads);
    }

    @Test
    void changedRecordTextIsNotIncluded() {
        byte[] changed = utf8(RECORDS.get(3).replace("NIvaJ", "NIvaK"));
        ProofException e = assertThrows(ProofException.class, () -> TileProofs.verifyInclusion(log.tree(), 3, changed, log.tiles(), 8));
        assertEquals(ProofException.Kind.NOT_INCLUDED, e.kind());
        assertEquals("record 3 is not in the tree of size 4 (hash " + TREE_HASH + "): record data does not match the tree", e.getMessage());
    }

    @Test
    void changedTileByteIsInconsistent() {
        TileSource tiles = tile -> {
            byte[] data = base64(TILE_8_0_000_P_4);
            data[5] ^= 0x40;
            return data;
        };
        ProofException e = assertThrows(ProofException.class, () -> TileProofs.verifyInclusion(log.tree(), 3, log.record(3), tiles, 8));
        assertEquals(ProofException.Kind.INCONSISTENT_TILES, e.kind());
        assertEquals("downloaded inconsistent tile: tiles do not hash to the signed tree of size 4 (hash " + TREE_HASH + ")", e.getMessage());
    }
}
