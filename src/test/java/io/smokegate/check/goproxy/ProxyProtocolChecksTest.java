package io.smokegate.check.goproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Measure;
import io.smokegate.input.InvalidInputException;
import io.smokegate.testing.ChecklistRun;
import io.smokegate.testing.GoProxyFixture;
import io.smokegate.testing.TestMeasures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** goproxy.list, goproxy.latest, goproxy.notfound and goproxy.module against a proxy that can misbehave. */
class ProxyProtocolChecksTest {

    @TempDir
    Path dataDir;

    GoProxyFixture proxy;

    @BeforeEach
    void setUp() throws Exception {
        proxy = new GoProxyFixture();
        for (String v : new String[] {"v1.0.0", "v1.1.0", "v1.2.0-rc.1"}) {
            proxy.add("example.com/lib", v, Map.of("go.mod", "module example.com/lib\n", "lib.go", "package lib\n"));
        }
    }

    @AfterEach
    void tearDown() {
        proxy.close();
    }

    private CheckResult check(String type, String with) throws InvalidInputException {
        return ChecklistRun.only(dataDir, "    - {id: c, type: " + type + ", timeout: 2s, with: {proxy: \"" + proxy.url() + "\", " + with + "}}\n");
    }

    @Test
    void theVersionListIsCountedAndSearched() throws Exception {
        CheckResult r = check("goproxy.list", "module: example.com/lib, minVersions: 3, contains: [v1.1.0]");
        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        assertEquals("3 versions of example.com/lib, newest v1.2.0-rc.1", r.message());
        assertEquals(200.0, TestMeasures.value(r, GoProxyFamily.STATUS_CODE, "list"));
    }

    @Test
    void anInvalidLineInTheVersionListIsNamed() throws Exception {
        proxy.put("example.com/lib/@v/list", 200, "text/plain", "v1.0.0\nlatest\nv2.0.0\nv1.1\n");
        CheckResult r = check("goproxy.list", "module: example.com/lib");
        assertEquals(CheckStatus.FAILED, r.status());
        assertEquals("@v/list line 2: 'latest' is not a valid semantic version (+2 more)", r.message());
    }

    @Test
    void aMissingVersionFailsTheList() throws Exception {
        CheckResult r = check("goproxy.list", "module: example.com/lib, contains: [v9.9.9]");
        assertEquals("@v/list does not contain v9.9.9", r.message());
    }

    @Test
    void latestAnswersTheNewestReleaseWithItsTime() throws Exception {
        CheckResult r = check("goproxy.latest", "module: example.com/lib, version: v1.2.0-rc.1");
        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        assertEquals("@latest is v1.2.0-rc.1 from 2024-05-01T10:00:00Z", r.message());
    }

    @Test
    void anOldLatestFailsMaxAge() throws Exception {
        CheckResult r = check("goproxy.latest", "module: example.com/lib, maxAge: 24h");
        assertTrue(r.message().startsWith("@latest v1.2.0-rc.1 is from 2024-05-01T10:00:00Z, older than maxAge 24h"), r.message());
    }

    @Test
    void latestThatIsNotJsonIsNamed() throws Exception {
        proxy.put("example.com/lib/@latest", 200, "text/html", "<html>login</html>");
        assertEquals("@latest is not valid JSON", check("goproxy.latest", "module: example.com/lib").message());
    }

    @Test
    void anUnknownModuleAnswering404Passes() throws Exception {
        CheckResult r = check("goproxy.notfound", "module: example.com/does-not-exist");
        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        assertTrue(r.message().endsWith("answered 404: the go command falls back to the next GOPROXY entry"), r.message());
    }

    @Test
    void anUnknownModuleAnswering500FailsShowingTheBody() throws Exception {
        proxy.put("example.com/does-not-exist/@v/list", 500, "text/plain; charset=utf-8", "upstream github.com timed out\n");
        CheckResult r = check("goproxy.notfound", "module: example.com/does-not-exist");
        assertEquals(CheckStatus.FAILED, r.status());
        assertEquals("@v/list of example.com/does-not-exist answered 500, not 404 or 410: the go command treats this as an"
                + " error and does not fall back after a comma; body: upstream github.com timed out", r.message());
    }

    @Test
    void aProxyAnswering200ForEverythingFailsNotFound() throws Exception {
        proxy.put("example.com/does-not-exist/@v/list", 200, "text/html", "<html>welcome</html>");
        CheckResult r = check("goproxy.notfound", "module: example.com/does-not-exist");
        assertTrue(r.message().contains("answered 200, not 404 or 410: a module that must not exist is served"), r.message());
    }

    @Test
    void aZipThatIsReallyHtmlIsNamed() throws Exception {
        proxy.put("example.com/lib/@v/v1.0.0.zip", 200, "application/zip", "<html><body>Please sign in</body></html>");
        CheckResult r = check("goproxy.module", "module: example.com/lib, version: v1.0.0");
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().startsWith("zip: "), r.message());
        assertTrue(r.message().contains("not a zip file"), r.message());
    }

    @Test
    void aTruncatedZipIsNamed() throws Exception {
        byte[] zip = proxy.body("example.com/lib/@v/v1.0.0.zip");
        proxy.put("example.com/lib/@v/v1.0.0.zip", new GoProxyFixture.Answer(200, "application/zip",
                java.util.Arrays.copyOf(zip, zip.length / 2), 0));
        CheckResult r = check("goproxy.module", "module: example.com/lib, version: v1.0.0");
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().startsWith("zip: "), r.message());
    }

    @Test
    void aZipOverFiveHundredMebibytesIsCutOffAtTheLimit() throws Exception {
        proxy.put("example.com/lib/@v/v1.0.0.zip", new GoProxyFixture.Answer(200, "application/zip", new byte[0], 0,
                (500L << 20) + 4096));
        CheckResult r = ChecklistRun.only(dataDir, "    - {id: c, type: goproxy.module, timeout: 60s, with: {proxy: \""
                + proxy.url() + "\", module: example.com/lib, version: v1.0.0}}\n");
        assertEquals(CheckStatus.FAILED, r.status());
        assertEquals("downloaded zip file too large (more than 524288000 bytes)", r.message());
        double downloaded = TestMeasures.value(r, GoProxyFamily.DOWNLOADED_BYTES);
        assertTrue(downloaded >= 524288000 && downloaded < 524288000 + 4096, "stopped at the limit: " + downloaded);
        try (var leftovers = java.nio.file.Files.list(dataDir.resolve("tmp"))) {
            assertEquals(0, leftovers.count(), "the partial zip is deleted");
        }
    }

    @Test
    void aRedirectLoopStopsAfterTenRedirects() throws Exception {
        proxy.put("example.com/lib/@v/list", 302, "text/plain", proxy.url() + "/loop/a");
        proxy.put("loop/a", 302, "text/plain", proxy.url() + "/loop/b");
        proxy.put("loop/b", 302, "text/plain", proxy.url() + "/loop/a");
        CheckResult r = check("goproxy.list", "module: example.com/lib");
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().contains("stopped after 10 redirects (redirect loop: "), r.message());
    }

    @Test
    void aProxyDrippingOneByteASecondFailsAtTheTimeout() {
        proxy.put("example.com/lib/@v/v1.0.0.info", new GoProxyFixture.Answer(200, "application/json",
                "{\"Version\":\"v1.0.0\",\"Time\":\"2024-05-01T10:00:00Z\"}".getBytes(), 1000));
        CheckResult r = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> check("goproxy.module", "module: example.com/lib, version: v1.0.0"));
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().contains("timed out after 2s"), r.message());
    }

    @Test
    void aWrongVersionInInfoIsNamedAsTheGoCommandNamesIt() throws Exception {
        proxy.put("example.com/lib/@v/v1.0.0.info", 200, "application/json", "{\"Version\":\"v1.1.0\"}");
        assertEquals("proxy returned info for version v1.1.0 instead of requested version v1.0.0",
                check("goproxy.module", "module: example.com/lib, version: v1.0.0").message());
    }

    @Test
    void aModFileForAnotherModuleIsNamed() throws Exception {
        proxy.put("example.com/lib/@v/v1.0.0.mod", 200, "text/plain", "module example.com/other\n");
        assertEquals(".mod declares module example.com/other, not example.com/lib",
                check("goproxy.module", "module: example.com/lib, version: v1.0.0").message());
    }

    @Test
    void theChecklistSumsAreComparedAndAMismatchIsASecurityFailure() throws Exception {
        CheckResult r = check("goproxy.module",
                "module: example.com/lib, version: v1.0.0, sum: \"h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\"");
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().startsWith("verifying example.com/lib@v1.0.0: checksum mismatch: downloaded h1:"), r.message());
        assertEquals(1.0, TestMeasures.value(r, Measure.SECURITY_FAILURE));
    }
}
