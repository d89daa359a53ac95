package io.smokegate.check.net;

import static io.smokegate.check.net.NetChecks.invalid;
import static io.smokegate.check.net.NetChecks.run;
import static io.smokegate.check.net.NetChecks.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.net.NetChecks.Run;
import io.smokegate.testing.ExternalTool;
import io.smokegate.testing.Ports;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code dns} check against a real dnsmasq serving a fixed {@code .test} zone on loopback. */
class DnsCheckTest {

    private static final DnsCheckType DNS = new DnsCheckType();

    @TempDir
    static Path dir;

    private static Process dnsmasq;
    private static Path log;
    private static String server;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        Path binary = ExternalTool.require("dnsmasq", "dnsmasq-base");
        int port = Ports.free();
        log = dir.resolve("dnsmasq.log");
        dnsmasq = new ProcessBuilder(binary.toString(),
                "--no-daemon", "--conf-file=/dev/null", "--pid-file", "--port=" + port,
                "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--user=" + System.getProperty("user.name"),
                "--host-record=ok.test,127.0.0.1",
                "--host-record=multi.test,127.0.0.2",
                "--host-record=multi.test,127.0.0.3",
                "--host-record=v6.test,::1",
                "--host-record=dual.test,127.0.0.4,2001:db8::4",
                "--cname=alias.test,ok.test",
                // Names under .test that dnsmasq does not know are NXDOMAIN; other names, with no upstream, REFUSED.
                "--local=/test/")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        server = "127.0.0.1:" + port;
        awaitListening(port);
    }

    /** dnsmasq answers over TCP on the same port, so a TCP connect tells when it is ready. */
    private static void awaitListening(int port) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            if (!dnsmasq.isAlive()) {
                fail("dnsmasq exited with " + dnsmasq.exitValue() + ": " + Files.readString(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("dnsmasq did not listen on port " + port + " within 10s: " + Files.readString(log));
    }

    @AfterAll
    static void stopDnsmasq() throws InterruptedException {
        if (dnsmasq != null) {
            dnsmasq.destroy();
            if (!dnsmasq.waitFor(5, TimeUnit.SECONDS)) {
                dnsmasq.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static Run lookup(String name, Object... more) {
        Map<String, Object> params = with(more);
        params.put("name", name);
        params.putIfAbsent("server", server);
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run(DNS, params));
    }

    @Test
    void aRecordMatchingExpectAnswersPasses() {
        Run run = lookup("ok.test", "expectAnswers", "127.0.0.1").passes();
        assertEquals("A ok.test @" + server + " → 127.0.0.1", run.message());
        assertEquals(List.of("127.0.0.1"), run.detail("answers"));
        assertEquals(1.0, run.measurement(NetFamily.DNS_ANSWERS).orElseThrow());
        assertTrue(run.measurement(NetFamily.PHASE_DURATION, "resolve").orElseThrow() > 0);
    }

    @Test
    void everyExpectedAnswerMustBeAmongTheAnswers() {
        Run run = lookup("multi.test", "expectAnswers", List.of("127.0.0.3", "127.0.0.2"), "minAnswers", 2).passes();
        assertEquals(2.0, run.measurement(NetFamily.DNS_ANSWERS).orElseThrow());
    }

    @Test
    void missingExpectedAnswerFailsShowingWhatCameBack() {
        assertEquals("A ok.test @" + server + " did not return 10.0.0.1 (got [127.0.0.1])",
                lookup("ok.test", "expectAnswers", "10.0.0.1").failure());
    }

    @Test
    void fewerAnswersThanMinAnswersFails() {
        assertEquals("A multi.test @" + server + " returned 2 answers, expected at least 3",
                lookup("multi.test", "minAnswers", 3).failure());
    }

    @Test
    void emptyAnswerFailsByDefault() {
        assertEquals("A v6.test @" + server + " returned 0 answers, expected at least 1", lookup("v6.test").failure());
    }

    @Test
    void emptyAnswerPassesWithMinAnswersZero() {
        Run run = lookup("v6.test", "minAnswers", 0).passes();
        assertEquals(0.0, run.measurement(NetFamily.DNS_ANSWERS).orElseThrow());
    }

    @Test
    void aaaaRecordMatchesInAnyIpv6Notation() {
        lookup("v6.test", "recordType", "AAAA", "expectAnswers", "::1").passes();
        lookup("dual.test", "recordType", "aaaa", "expectAnswers", "2001:DB8:0:0:0:0:0:4").passes();
    }

    @Test
    void aaaaQueryReturnsOnlyIpv6Answers() {
        assertEquals("AAAA dual.test @" + server + " did not return 127.0.0.4 (got [2001:db8:0:0:0:0:0:4])",
                lookup("dual.test", "recordType", "AAAA", "expectAnswers", "127.0.0.4").failure());
    }

    @Test
    void cnameRecordMatchesWithOrWithoutTrailingDot() {
        lookup("alias.test", "recordType", "CNAME", "expectAnswers", "ok.test").passes();
        lookup("alias.test", "recordType", "CNAME", "expectAnswers", "OK.test.").passes();
    }

    @Test
    void aQueryForAnAliasAnswersWithTheAddressesOfItsTarget() {
        Run run = lookup("alias.test", "expectAnswers", "127.0.0.1").passes();
        assertEquals("A alias.test @" + server + " → 127.0.0.1", run.message());
    }

    @Test
    void aaaaQueryForAnAliasWithoutIpv6AddressesIsEmpty() {
        assertEquals("AAAA alias.test @" + server + " returned 0 answers, expected at least 1",
                lookup("alias.test", "recordType", "AAAA").failure());
    }

    @Test
    void withoutAServerTheSystemResolverAnswersFromEtcHosts() {
        // localhost is in /etc/hosts, and a DNS server need not know it.
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> run(DNS, with("name", "localhost", "expectAnswers", "127.0.0.1"))).passes();

        assertEquals("A localhost → 127.0.0.1", run.message());
        assertEquals(List.of("127.0.0.1"), run.detail("answers"));
    }

    @Test
    void unknownNameFailsAsNxdomain() {
        assertEquals("A nope.test @" + server + ": no such domain (NXDOMAIN)", lookup("nope.test").failure());
    }

    @Test
    void refusedQueryFailsAsRefused() {
        assertEquals("A elsewhere.example @" + server + ": the resolver refused the query (REFUSED)",
                lookup("elsewhere.example").failure());
    }

    /**
     * Either timer may fire first: Vert.x's query timeout ("query timed out") or the check's own wait
     * for the deadline ("within 1s"); both say the same thing.
     */
    private static void assertNoAnswerWithin1s(String address, Run run) {
        String failure = run.failure();
        assertTrue(failure.equals("no answer to A ok.test @" + address + " (query timed out)")
                || failure.equals("no answer to A ok.test @" + address + " within 1s"), failure);
    }

    @Test
    void serverThatDropsQueriesTimesOutAtTheDeadline() throws Exception {
        DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread drop = Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[512];
            while (!silent.isClosed()) {
                try {
                    silent.receive(new DatagramPacket(buffer, buffer.length));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        try {
            String address = "127.0.0.1:" + silent.getLocalPort();
            Run run = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> run(DNS, with("name", "ok.test", "server", address), Duration.ofSeconds(1)));
            assertNoAnswerWithin1s(address, run);
            assertTrue(run.took().compareTo(Duration.ofMillis(2000)) < 0, "took " + run.took());
        } finally {
            silent.close();
            drop.join(1000);
        }
    }

    @Test
    void portWithoutServerFailsWithinTheDeadline() {
        String address = "127.0.0.1:" + Ports.free();
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> run(DNS, with("name", "ok.test", "server", address), Duration.ofSeconds(1)));
        assertNoAnswerWithin1s(address, run);
        assertTrue(run.took().compareTo(Duration.ofMillis(2000)) < 0, "took " + run.took());
    }

    @Test
    void malformedServerIsRejectedWhenTheCheckIsCreated() {
        InvalidParamException e = invalid(DNS, with("name", "ok.test", "server", "[::1"));
        assertEquals("server", e.param());
        assertEquals("'[::1' is not host[:port]", e.getMessage());
    }

    @Test
    void invalidNameIsRejectedWhenTheCheckIsCreated() {
        InvalidParamException e = invalid(DNS, with("name", "bad name.test"));
        assertEquals("name", e.param());
        assertEquals("'bad name.test' is not a domain name", e.getMessage());
    }

    @Test
    void unsupportedRecordTypeIsRejectedWhenTheCheckIsCreated() {
        InvalidParamException e = invalid(DNS, with("name", "ok.test", "recordType", "MX"));
        assertEquals("recordType", e.param());
        assertEquals("'MX' is not supported", e.getMessage());
        assertEquals("one of A, AAAA, CNAME", e.hint());
    }
}
