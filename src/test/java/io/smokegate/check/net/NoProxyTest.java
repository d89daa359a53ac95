package io.smokegate.check.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** noProxy entries match hosts as curl's NO_PROXY does. */
class NoProxyTest {

    private static NoProxy of(String... entries) {
        return NoProxy.parse(List.of(entries));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", ".example.com", "*.example.com", "EXAMPLE.com."})
    void aDomainMatchesItselfAndItsSubdomains(String entry) {
        NoProxy noProxy = of(entry);
        assertTrue(noProxy.matches("example.com"));
        assertTrue(noProxy.matches("api.Example.com"));
        assertTrue(noProxy.matches("a.b.example.com."));
    }

    @Test
    void aDomainDoesNotMatchANameThatMerelyEndsLikeIt() {
        assertFalse(of("example.com").matches("badexample.com"));
        assertFalse(of("example.com").matches("example.com.evil.test"));
    }

    @Test
    void anAddressMatchesOnlyItself() {
        assertTrue(of("10.1.2.3").matches("10.1.2.3"));
        assertFalse(of("10.1.2.3").matches("10.1.2.4"));
    }

    @Test
    void aCidrRangeMatchesTheAddressesInIt() {
        NoProxy noProxy = of("10.0.0.0/8", "fd00::/8");
        assertTrue(noProxy.matches("10.200.3.4"));
        assertFalse(noProxy.matches("11.0.0.1"));
        assertTrue(noProxy.matches("[fd12::1]"));
        assertFalse(noProxy.matches("fe80::1"));
    }

    @Test
    void anAddressEntryIsNeverMatchedAgainstAName() {
        assertFalse(of("127.0.0.0/8").matches("localhost"));
    }

    @Test
    void anIpv6EntryMayBeBracketed() {
        assertTrue(of("[::1]").matches("::1"));
    }

    @Test
    void aStarMatchesEveryHost() {
        assertTrue(of("*").matches("anything.example"));
    }

    @Test
    void itemsMayBeCommaSeparatedListsWithBlanks() {
        NoProxy noProxy = of("localhost, .internal ,10.0.0.0/8");
        assertTrue(noProxy.matches("localhost"));
        assertTrue(noProxy.matches("git.internal"));
        assertTrue(noProxy.matches("10.0.0.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com:8080", "10.0.0.0/33", "300.1.1.1/8", "bad name", "http://example.com"})
    void anEntryThatIsNoHostNameAddressOrRangeIsRefused(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of(entry));
        assertEquals("'" + entry + "' is not a host name, IP address or CIDR range", e.getMessage());
    }
}
