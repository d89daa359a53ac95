package io.smokegate.check.goproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.run.Runner;
import io.smokegate.testing.ChecklistRun;
import io.smokegate.testing.GoCommand;
import io.smokegate.testing.GoProxyFixture;
import io.smokegate.testing.SumdbServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * smokegate and the real go command, against the same proxy and checksum database made here, compute
 * the same hashes and agree on which answers are broken.
 */
class GoCommandAgreementTest {

    @TempDir
    Path dir;

    GoProxyFixture proxy;
    SumdbServer sumdb;
    GoCommand go;
    GoProxyFixture.Hashes hello;

    @BeforeEach
    void setUp() throws Exception {
        proxy = new GoProxyFixture();
        sumdb = new SumdbServer("sumdb.smokegate.test");
        hello = proxy.add("example.com/hello", "v1.0.0", Map.of(
                "go.mod", "module example.com/hello\n\ngo 1.19\n",
                "hello.go", "package hello\n\nfunc Hello() string { return \"hello\" }\n",
                "LICENSE", "MIT\n"));
        sumdb.add("example.com/hello", "v1.0.0", hello.h1(), hello.goModH1());
        go = new GoCommand(dir.resolve("go"), proxy.url(), sumdb.gosumdb());
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        sumdb.close();
    }

    private CheckResult module(String module, String version) throws Exception {
        return ChecklistRun.only(dir.resolve("data"), """
                    - id: module
                      type: goproxy.module
                      with: {proxy: "%s", module: "%s", version: "%s", sumdbKey: "%s", sumdbUrl: "%s"}
                """.formatted(proxy.url(), module, version, sumdb.verifierKey(), sumdb.url()));
    }

    @Test
    void aGoodModuleHasTheHashesTheGoCommandRecords() throws Exception {
        GoCommand.Download download = go.download("example.com/hello", "v1.0.0");
        assertTrue(download.ok(), download.error());
        CheckResult result = module("example.com/hello", "v1.0.0");
        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals(download.sum(), result.details().get("h1"));
        assertEquals(download.goModSum(), result.details().get("goModH1"));
    }

    @Test
    void aCaseEncodedModuleWithoutGoModHasTheGoCommandsHashes() throws Exception {
        GoProxyFixture.Hashes upper = proxy.add("github.com/Upper/NoGoMod", "v1.2.0", Map.of("a.go", "package a\n"));
        sumdb.add("github.com/Upper/NoGoMod", "v1.2.0", upper.h1(), upper.goModH1());
        GoCommand.Download download = go.download("github.com/Upper/NoGoMod", "v1.2.0");
        assertTrue(download.ok(), download.error());
        CheckResult result = module("github.com/Upper/NoGoMod", "v1.2.0");
        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals(download.sum(), result.details().get("h1"));
        assertEquals(download.goModSum(), result.details().get("goModH1"));
        assertTrue(proxy.requests().contains("github.com/!upper/!no!go!mod/@v/v1.2.0.zip"), proxy.requests().toString());
    }

    @Test
    void bothRefuseATamperedZip() throws Exception {
        proxy.add("example.com/hello", "v1.0.0", Map.of(
                "go.mod", "module example.com/hello\n\ngo 1.19\n",
                "hello.go", "package hello\n\nfunc Hello() string { return \"pwned\" }\n",
                "LICENSE", "MIT\n"));
        GoCommand.Download download = go.download("example.com/hello", "v1.0.0");
        assertFalse(download.ok());
        assertTrue(download.error().contains("checksum mismatch"), download.error());
        CheckResult result = module("example.com/hello", "v1.0.0");
        assertEquals(CheckStatus.FAILED, result.status());
        assertEquals(Runner.SECURITY, result.details().get(Runner.SEVERITY));
        assertTrue(result.message().contains("checksum mismatch"), result.message());
    }

    @Test
    void bothRefuseAModFileThatIsNotTheOneInTheZip() throws Exception {
        proxy.put("example.com/hello/@v/v1.0.0.mod", 200, "text/plain", "module example.com/hello\n\nrequire evil.example/x v1.0.0\n");
        GoCommand.Download download = go.download("example.com/hello", "v1.0.0");
        assertFalse(download.ok());
        CheckResult result = module("example.com/hello", "v1.0.0");
        assertEquals(CheckStatus.FAILED, result.status());
        assertEquals("the go.mod inside the zip differs from the .mod the proxy served", result.message());
    }

    @Test
    void bothReportAnInvalidInfoFile() throws Exception {
        proxy.put("example.com/hello/@v/v1.0.0.info", 200, "application/json", "{\"Version\": \"v1.0.1\"}");
        GoCommand.Download download = go.download("example.com/hello", "v1.0.0");
        assertFalse(download.ok());
        assertTrue(download.error().contains("instead of requested version"), download.error());
        CheckResult result = module("example.com/hello", "v1.0.0");
        assertEquals("proxy returned info for version v1.0.1 instead of requested version v1.0.0", result.message());
    }

    @Test
    void bothReportAServerErrorOnTheVersionList() throws Exception {
        proxy.put("example.com/hello/@v/list", 500, "text/plain; charset=utf-8", "database is down\n");
        GoCommand.Download download = go.download("example.com/hello", "latest");
        assertFalse(download.ok());
        assertTrue(download.error().contains("500"), download.error());
        CheckResult result = ChecklistRun.only(dir.resolve("data"), """
                    - {id: list, type: goproxy.list, with: {proxy: "%s", module: example.com/hello}}
                """.formatted(proxy.url()));
        assertEquals(CheckStatus.FAILED, result.status());
        assertTrue(result.message().startsWith("@v/list: status 500 from "), result.message());
        assertTrue(result.message().endsWith("server response: database is down"), result.message());
    }
}
