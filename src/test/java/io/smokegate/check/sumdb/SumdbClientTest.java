package io.smokegate.check.sumdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.Deadline;
import io.smokegate.check.goproxy.ProxyClient;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.check.net.ConnectionPool;
import io.smokegate.sumdb.SumdbDatabase;
import io.smokegate.sumdb.SumdbException;
import io.smokegate.sumdb.VerifierKey;
import io.smokegate.testing.SumdbServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SumdbClientTest {

    @TempDir
    Path dir;

    SumdbServer sumdb;
    ConnectionPool pool;
    ProxyClient http;

    @BeforeEach
    void setUp() {
        sumdb = new SumdbServer("sumdb.smokegate.test");
        sumdb.add("example.com/a", "v1.0.0", "h1:" + "A".repeat(43) + "=", "h1:" + "B".repeat(43) + "=");
        pool = new ConnectionPool(ConnectionPool.Settings.DEFAULT);
        http = new ProxyClient(ClientOptions.defaults(), Deadline.after(Duration.ofSeconds(30)), pool.scope());
    }

    @AfterEach
    void tearDown() {
        http.close();
        pool.close();
        sumdb.close();
    }

    @Test
    void aNoteThatALookupAndLatestBothBringHasItsSignatureCheckedOnce() throws Exception {
        SumdbClient client = SumdbClient.open(
                new SumdbDatabase(VerifierKey.parse(sumdb.verifierKey()), URI.create(sumdb.url()), null), http, dir);

        client.lookup("example.com/a", "v1.0.0");
        client.latest();

        assertEquals(1, client.signaturesChecked());
    }

    @Test
    void aTileThatDoesNotAddUpToTheSignedTreeIsNotCached() throws Exception {
        for (int i = 1; i < 300; i++) {
            sumdb.add("example.com/m" + i, "v1.0.0", "h1:" + "A".repeat(43) + "=", "h1:" + "B".repeat(43) + "=");
        }
        sumdb.misbehave(SumdbServer.Misbehaviour.BAD_TILES);
        SumdbClient client = SumdbClient.open(
                new SumdbDatabase(VerifierKey.parse(sumdb.verifierKey()), URI.create(sumdb.url()), null), http, dir);

        SumdbException e = assertThrows(SumdbException.class, () -> client.lookup("example.com/a", "v1.0.0"));

        assertTrue(e.getMessage().contains("downloaded inconsistent tile"), e.getMessage());
        assertTrue(sumdb.requestedPaths().contains("tile/8/0/000"), "the full tile was fetched: " + sumdb.requestedPaths());
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).filter(f -> f.toString().contains("tile")).toList());
        }
    }

    @Test
    void aRecordProvenInASignedTreeCachesTheFullTileItsProofRead() throws Exception {
        for (int i = 1; i < 300; i++) {
            sumdb.add("example.com/m" + i, "v1.0.0", "h1:" + "A".repeat(43) + "=", "h1:" + "B".repeat(43) + "=");
        }
        SumdbClient client = SumdbClient.open(
                new SumdbDatabase(VerifierKey.parse(sumdb.verifierKey()), URI.create(sumdb.url()), null), http, dir);

        client.lookup("example.com/a", "v1.0.0");

        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of("000"), files.filter(Files::isRegularFile).filter(f -> f.toString().contains("tile"))
                    .map(f -> f.getFileName().toString()).toList());
        }
    }
}
