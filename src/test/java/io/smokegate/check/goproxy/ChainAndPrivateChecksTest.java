package io.smokegate.check.goproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.input.InvalidInputException;
import io.smokegate.run.Runner;
import io.smokegate.testing.ChecklistRun;
import io.smokegate.testing.GoProxyFixture;
import io.smokegate.testing.Ports;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** goproxy.chain follows the go command's GOPROXY rules; goproxy.private catches leaks. */
class ChainAndPrivateChecksTest {

    @TempDir
    Path dataDir;

    GoProxyFixture corporate;
    GoProxyFixture publicProxy;

    @BeforeEach
    void setUp() throws Exception {
        corporate = new GoProxyFixture();
        publicProxy = new GoProxyFixture();
        corporate.add("git.corp.example/team/secret", "v1.0.0", Map.of("go.mod", "module git.corp.example/team/secret\n"));
        publicProxy.add("github.com/google/uuid", "v1.6.0", Map.of("go.mod", "module github.com/google/uuid\n"));
    }

    @AfterEach
    void tearDown() {
        corporate.close();
        publicProxy.close();
    }

    private CheckResult chain(String goproxy, String extra) throws InvalidInputException {
        return ChecklistRun.only(dataDir, "    - {id: c, type: goproxy.chain, timeout: 3s, with: {goproxy: \"" + goproxy
                + "\", module: github.com/google/uuid" + extra + "}}\n");
    }

    @Test
    void aCommaFallsThroughA404ToTheNextProxy() throws Exception {
        CheckResult r = chain(corporate.url() + "," + publicProxy.url() + ",direct", ", expectServedBy: \"" + publicProxy.url() + "\"");
        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        @SuppressWarnings("unchecked")
        Map<String, String> entries = (Map<String, String>) r.details().get("entries");
        assertTrue(entries.get(corporate.url()).startsWith("404"), entries.toString());
        assertEquals("200", entries.get(publicProxy.url()));
    }

    @Test
    void aCommaStopsAtAServerError() throws Exception {
        corporate.put("github.com/google/uuid/@v/list", 502, "text/plain", "bad gateway");
        CheckResult r = chain(corporate.url() + "," + publicProxy.url(), "");
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().endsWith("after a comma the go command stops here instead of trying the next entry"), r.message());
    }

    @Test
    void aPipeFallsThroughAnyError() throws Exception {
        corporate.put("github.com/google/uuid/@v/list", 502, "text/plain", "bad gateway");
        CheckResult r = chain(corporate.url() + "|" + publicProxy.url(), "");
        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        assertEquals(publicProxy.url(), r.details().get("servedBy"));
    }

    @Test
    void aPipeFallsThroughAnUnreachableProxy() throws Exception {
        CheckResult r = chain("http://127.0.0.1:" + Ports.free() + "|" + publicProxy.url(), "");
        assertEquals(publicProxy.url(), r.details().get("servedBy"), r.message());
    }

    @Test
    void directEndsTheListAndIsReportedWithoutCloning() throws Exception {
        CheckResult r = chain(corporate.url() + ",direct," + publicProxy.url(), "");
        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        assertEquals("direct", r.details().get("servedBy"));
    }

    @Test
    void offRefusesEveryLookup() throws Exception {
        CheckResult r = chain("off", "");
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().contains("module lookup disabled by GOPROXY=off"), r.message());
    }

    @Test
    void aMatchingGonoproxyGoesDirectFirst() throws Exception {
        CheckResult r = chain(publicProxy.url(), ", gonoproxy: \"github.com/google\"");
        assertEquals("noproxy", r.details().get("servedBy"));
    }

    @Test
    void anUnknownSchemeIsRefusedWhenTheChecklistLoads() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> chain("ftp://mirror.example", ""));
        assertTrue(e.getMessage().contains("invalid proxy URL scheme (must be https, http, file)"), e.getMessage());
    }

    private CheckResult privateCheck(String goprivate) throws InvalidInputException {
        return ChecklistRun.only(dataDir, """
                    - id: p
                      type: goproxy.private
                      timeout: 3s
                      with:
                        goprivate: "%s"
                        modules: [git.corp.example/team/secret@v1.0.0]
                        privateProxy: "%s"
                        publicProxies: ["%s"]
                        sumdbs: ["%s"]
                """.formatted(goprivate, corporate.url(), publicProxy.url(), publicProxy.url()));
    }

    @Test
    void aPrivateModuleCoveredAndUnknownToPublicSourcesPasses() throws Exception {
        CheckResult r = privateCheck("git.corp.example");
        assertEquals(CheckStatus.PASSED, r.status(), r.message());
    }

    @Test
    void aPatternThatMatchesOnlyAStringPrefixDoesNotCoverTheModule() throws Exception {
        CheckResult r = privateCheck("git.corp.exam*/team/sec");
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().startsWith("git.corp.example/team/secret is not matched by GONOPROXY"), r.message());
    }

    @Test
    void aPrivateModuleServedByAPublicProxyIsALeak() throws Exception {
        publicProxy.add("git.corp.example/team/secret", "v1.0.0", Map.of("go.mod", "module git.corp.example/team/secret\n"));
        CheckResult r = privateCheck("git.corp.example/*");
        assertEquals(Runner.SECURITY, r.details().get(Runner.SEVERITY));
        assertTrue(r.message().startsWith("private module git.corp.example/team/secret is known to public proxy " + publicProxy.url()),
                r.message());
    }

    @Test
    void aPrivateModuleTheCorporateProxyDoesNotServeFails() throws Exception {
        corporate.remove("git.corp.example/team/secret/@v/v1.0.0.info");
        CheckResult r = privateCheck("git.corp.example");
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().startsWith("private proxy does not serve git.corp.example/team/secret"), r.message());
    }
}
