package io.smokegate.check.sumdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Measure;
import io.smokegate.check.sumdb.SumdbFamily;
import io.smokegate.run.Runner;
import io.smokegate.sumdb.Note;
import io.smokegate.sumdb.VerifierKey;
import io.smokegate.testing.ChecklistRun;
import io.smokegate.testing.ConnectProxy;
import io.smokegate.testing.GoProxyFixture;
import io.smokegate.testing.SumdbServer.Misbehaviour;
import io.smokegate.testing.SumdbServer;
import io.smokegate.testing.TestMeasures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SumdbVerifyCheckTest {

    @TempDir
    Path dataDir;

    SumdbServer sumdb;
    GoProxyFixture proxy;

    @BeforeEach
    void setUp() throws Exception {
        sumdb = new SumdbServer("sumdb.smokegate.test");
        proxy = new GoProxyFixture();
        for (int i = 0; i < 300; i++) {
            GoProxyFixture.Hashes h = i < 3 ? proxy.add("example.com/m" + i, "v1.0.0", Map.of("go.mod", "module example.com/m" + i + "\n", "m.go", "package m\n"))
                    : new GoProxyFixture.Hashes("h1:" + "A".repeat(42) + i % 10 + "=", "h1:" + "B".repeat(42) + i % 10 + "=");
            sumdb.add("example.com/m" + i, "v1.0.0", h.h1(), h.goModH1());
        }
    }

    @AfterEach
    void tearDown() {
        sumdb.close();
        proxy.close();
    }

    private CheckResult verify(String extra) throws Exception {
        return ChecklistRun.only(dataDir, """
                    - id: sumdb
                      type: sumdb.verify
                      with: {url: "%s", key: "%s", modules: [example.com/m1@v1.0.0, example.com/m299@v1.0.0]%s}
                """.formatted(sumdb.url(), sumdb.verifierKey(), extra));
    }

    @Test
    void aHonestDatabaseVerifiesAndItsTreeIsKept() throws Exception {
        CheckResult result = verify("");
        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals("sumdb.smokegate.test tree of 300 records verified, 2 records proven", result.message());
        assertEquals(300.0, TestMeasures.value(result, SumdbFamily.TREE_SIZE));
        assertTrue(Files.readString(dataDir.resolve("sumdb/sumdb.smokegate.test/verified.json")).contains("\"size\" : 300"));
    }

    @Test
    void theDatabaseIsReachedThroughAnHttpProxy() throws Exception {
        try (ConnectProxy httpProxy = ConnectProxy.open()) {
            CheckResult result = verify(", proxyUrl: \"" + httpProxy.url() + "\"");
            assertEquals(CheckStatus.PASSED, result.status(), result.message());
            assertTrue(httpProxy.forwarded() >= 3, "latest, two lookups and tiles go through the proxy: " + httpProxy.forwarded());
            assertEquals(httpProxy.url(), result.details().get("proxy"));
        }
    }

    private Path verifiedFile() {
        return dataDir.resolve("sumdb/sumdb.smokegate.test/verified.json");
    }

    private String storedNote() throws Exception {
        return new ObjectMapper().readTree(verifiedFile().toFile()).get("note").asText();
    }

    @Test
    void theVerifiedTreeKeepsItsWholeSignedNote() throws Exception {
        verify("");

        String note = storedNote();
        Note opened = Note.open(note.getBytes(StandardCharsets.UTF_8), List.of(VerifierKey.parse(sumdb.verifierKey())));
        assertEquals(1, opened.verified().size(), "the stored note still carries the database's signature");
        assertTrue(opened.text().startsWith("go.sum database tree\n300\n"), opened.text());
    }

    @Test
    void aVerifiedTreeStoredWithoutSignaturesIsReadAndGetsItsSignedNote() throws Exception {
        verify("");
        ObjectNode old = (ObjectNode) new ObjectMapper().readTree(verifiedFile().toFile());
        String text = old.get("note").asText();
        old.put("note", text.substring(0, text.indexOf("\n\n") + 1));
        Files.write(verifiedFile(), new ObjectMapper().writeValueAsBytes(old));

        CheckResult result = verify("");

        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals(text, storedNote(), "the same tree's signed note replaces the unsigned one");
        assertEquals(old.get("grewAt").asText(), new ObjectMapper().readTree(verifiedFile().toFile()).get("grewAt").asText());
    }

    @Test
    void fullTilesAreCachedOnDiskAndNotFetchedAgain() throws Exception {
        verify("");
        int first = sumdb.takeTileRequests();
        CheckResult again = verify("");
        assertEquals(CheckStatus.PASSED, again.status(), again.message());
        assertTrue(sumdb.takeTileRequests() < first, "the full tile of the first 256 records comes from the cache");
        assertTrue(TestMeasures.value(again, SumdbFamily.TILE_CACHE_HITS) >= 1);
    }

    @Test
    void aGrowingDatabaseIsProvenToExtendTheVerifiedTree() throws Exception {
        verify("");
        sumdb.add("example.com/new", "v1.0.0", "h1:" + "C".repeat(43) + "=", "h1:" + "D".repeat(43) + "=");
        CheckResult result = verify("");
        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals(301.0, TestMeasures.value(result, SumdbFamily.TREE_SIZE));
    }

    @Test
    void aForkAtTheSameSizeIsASecurityFailure() throws Exception {
        verify("");
        sumdb.misbehave(Misbehaviour.FORK);
        CheckResult result = verify("");
        assertEquals(CheckStatus.FAILED, result.status());
        assertEquals(Runner.SECURITY, result.details().get(Runner.SEVERITY));
        assertTrue(result.message().startsWith("SECURITY: the checksum database forked: it signed two different trees of size 300"),
                result.message());
        assertEquals(1.0, TestMeasures.value(result, Measure.SECURITY_FAILURE));
    }

    @Test
    void aForkSeenByAModuleCheckIsCalledAForkNotAChecksumMismatch() throws Exception {
        verify("");
        sumdb.misbehave(Misbehaviour.FORK);
        CheckResult result = ChecklistRun.only(dataDir, """
                    - id: module
                      type: goproxy.module
                      with: {proxy: "%s", module: example.com/m1, version: v1.0.0, sumdbKey: "%s", sumdbUrl: "%s"}
                """.formatted(proxy.url(), sumdb.verifierKey(), sumdb.url()));
        assertEquals(Runner.SECURITY, result.details().get(Runner.SEVERITY));
        assertTrue(result.message().startsWith("verifying example.com/m1@v1.0.0: SECURITY: the checksum database forked: "
                + "it signed two different trees of size 300"), result.message());
        assertFalse(result.message().contains("checksum mismatch"), result.message());
    }

    @Test
    void aForkedHistoryBehindAGrownTreeIsASecurityFailure() throws Exception {
        verify("");
        sumdb.add("example.com/new", "v1.0.0", "h1:" + "C".repeat(43) + "=", "h1:" + "D".repeat(43) + "=");
        sumdb.misbehave(Misbehaviour.FORK);
        CheckResult result = verify("");
        assertEquals(Runner.SECURITY, result.details().get(Runner.SEVERITY));
        assertTrue(result.message().startsWith("SECURITY: go.sum database server misbehavior detected"), result.message());
    }

    @Test
    void aShrinkingTreeIsARollbackAndASecurityFailure() throws Exception {
        verify("");
        sumdb.misbehave(Misbehaviour.SHRINK);
        CheckResult result = verify("");
        assertEquals(Runner.SECURITY, result.details().get(Runner.SEVERITY));
        assertTrue(result.message().startsWith(
                "SECURITY: the checksum database rolled back: its latest tree has 299 records, but a tree of 300 was verified"),
                result.message());
    }

    @Test
    void aNoteSignedWithAnotherKeyIsRefused() throws Exception {
        sumdb.misbehave(Misbehaviour.WRONG_KEY);
        CheckResult result = verify("");
        assertEquals(CheckStatus.FAILED, result.status());
        assertTrue(result.message().contains("note has no verifiable signatures"), result.message());
        assertNull(result.details().get(Runner.SEVERITY));
    }

    @Test
    void aBadSignatureIsRefused() throws Exception {
        sumdb.misbehave(Misbehaviour.BAD_SIGNATURE);
        CheckResult result = verify("");
        assertTrue(result.message().contains("invalid signature for key sumdb.smokegate.test+"), result.message());
    }

    @Test
    void aRecordThatIsNotInTheTreeIsRefused() throws Exception {
        sumdb.misbehave(Misbehaviour.RECORD_NOT_IN_TREE);
        CheckResult result = verify("");
        assertEquals(CheckStatus.FAILED, result.status());
        assertTrue(result.message().contains("lookup of example.com/m1@v1.0.0: cannot authenticate record data in server response"),
                result.message());
    }

    @Test
    void tilesThatDoNotAddUpToTheSignedTreeAreRefused() throws Exception {
        sumdb.misbehave(Misbehaviour.BAD_TILES);
        CheckResult result = verify("");
        assertEquals(CheckStatus.FAILED, result.status());
        assertTrue(result.message().contains("inconsistent"), result.message());
    }

    @Test
    void aMissingPartialTileIsReadFromTheFullTileAsTheGoCommandDoes() throws Exception {
        sumdb.misbehave(Misbehaviour.STALE_TREE);
        CheckResult result = ChecklistRun.only(dataDir, """
                    - {id: s, type: sumdb.verify, with: {url: "%s", key: "%s", modules: [example.com/m1@v1.0.0]}}
                """.formatted(sumdb.url(), sumdb.verifierKey()));
        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertTrue(sumdb.requestedPaths().contains("tile/8/0/000.p/100"), sumdb.requestedPaths().toString());
        assertTrue(sumdb.requestedPaths().contains("tile/8/0/000"), "fell back to the full tile");
    }

    @Test
    void anUnknownRecordIsAFailure() throws Exception {
        CheckResult result = ChecklistRun.only(dataDir, """
                    - {id: s, type: sumdb.verify, with: {url: "%s", key: "%s", modules: [example.com/absent@v1.0.0]}}
                """.formatted(sumdb.url(), sumdb.verifierKey()));
        assertEquals(CheckStatus.FAILED, result.status());
        assertTrue(result.message().startsWith("lookup of example.com/absent@v1.0.0: status 404"), result.message());
    }

    @Test
    void throughAProxyTheDatabaseIsReachedAfterAskingSupported() throws Exception {
        proxy.proxySumdb(sumdb);
        CheckResult result = ChecklistRun.only(dataDir, """
                    - {id: s, type: sumdb.verify, with: {proxy: "%s", key: "%s", modules: [example.com/m1@v1.0.0], compareProxy: true}}
                """.formatted(proxy.url(), sumdb.verifierKey()));
        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertTrue(proxy.requests().contains("sumdb/sumdb.smokegate.test/supported"));
        assertTrue(proxy.requests().contains("example.com/m1/@v/v1.0.0.zip"), "compareProxy downloads the module");
    }

    @Test
    void aProxyThatDoesNotProxyTheDatabaseSaysSo() throws Exception {
        CheckResult result = ChecklistRun.only(dataDir, """
                    - {id: s, type: sumdb.verify, with: {proxy: "%s", key: "%s"}}
                """.formatted(proxy.url(), sumdb.verifierKey()));
        assertEquals(CheckStatus.FAILED, result.status());
        assertTrue(result.message().contains("the proxy does not proxy this checksum database"), result.message());
    }

    @Test
    void aProxyServingOtherContentThanTheRecordIsASecurityFailure() throws Exception {
        proxy.proxySumdb(sumdb);
        proxy.add("example.com/m1", "v1.0.0", Map.of("go.mod", "module example.com/m1\n", "m.go", "package m // changed\n"));
        CheckResult result = ChecklistRun.only(dataDir, """
                    - {id: s, type: sumdb.verify, with: {proxy: "%s", key: "%s", modules: [example.com/m1@v1.0.0], compareProxy: true}}
                """.formatted(proxy.url(), sumdb.verifierKey()));
        assertEquals(Runner.SECURITY, result.details().get(Runner.SEVERITY));
        assertTrue(result.message().startsWith("verifying example.com/m1@v1.0.0: checksum mismatch: " + proxy.url()), result.message());
    }
}
