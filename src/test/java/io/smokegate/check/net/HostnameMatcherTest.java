package io.smokegate.check.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smokegate.testing.Certificates;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6125 matching of a host against a certificate's subject alternative names. */
class HostnameMatcherTest {

    private static X509Certificate certificateFor(String... names) {
        return Certificates.selfSigned(names).certificate();
    }

    @ParameterizedTest(name = "SAN {0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            www.example.com     | www.example.com      | true
            www.example.com     | WWW.Example.COM      | true
            WWW.EXAMPLE.COM     | www.example.com      | true
            www.example.com     | www.example.com.     | true
            www.example.com     | example.com          | false
            www.example.com     | www.example.com.evil | false
            example.com         | www.example.com      | false
            *.example.com       | api.example.com      | true
            *.example.com       | API.EXAMPLE.COM      | true
            *.example.com       | api.example.com.     | true
            *.example.com       | example.com          | false
            *.example.com       | .example.com         | false
            *.example.com       | a.b.example.com      | false
            *.example.com       | api.example.org      | false
            *.example.com       | apiexample.com       | false
            *.com               | example.com          | false
            f*.example.com      | foo.example.com      | false
            api.*.example.com   | api.eu.example.com   | false
            10.0.0.1            | 10.0.0.1             | true
            10.0.0.1            | 10.0.0.2             | false
            ::1                 | ::1                  | true
            ::1                 | 0:0:0:0:0:0:0:1      | true
            2001:db8::1         | 2001:DB8:0:0::1      | true
            ::1                 | 127.0.0.1            | false
            dns:10.0.0.1        | 10.0.0.1             | false
            dns:*.0.0.1         | 10.0.0.1             | false
            """)
    void hostMatchesOnlyWhatTheNameCovers(String san, String host, boolean matches) {
        assertEquals(matches, HostnameMatcher.matches(certificateFor(san), host));
    }

    @Test
    void anyOfSeveralNamesMatches() {
        X509Certificate cert = certificateFor("example.com", "*.example.com", "192.0.2.7");
        assertEquals(List.of(true, true, true, false),
                List.of("example.com", "www.example.com", "192.0.2.7", "a.b.example.com").stream()
                        .map(h -> HostnameMatcher.matches(cert, h)).toList());
    }

    @Test
    void subjectCommonNameIsNotConsulted() {
        X509Certificate cert = Certificates.selfSignedCommonNameOnly("www.example.com").certificate();
        assertFalse(HostnameMatcher.matches(cert, "www.example.com"));
    }

    @Test
    void listsDnsAndIpSubjectAlternativeNamesInOrder() {
        assertEquals(List.of("example.com", "*.example.com", "192.0.2.7", "0:0:0:0:0:0:0:1"),
                HostnameMatcher.subjectAltNames(certificateFor("example.com", "*.example.com", "192.0.2.7", "::1")));
    }

    @Test
    void certificateWithoutSubjectAlternativeNamesListsNone() {
        assertEquals(List.of(), HostnameMatcher.subjectAltNames(
                Certificates.selfSignedCommonNameOnly("www.example.com").certificate()));
    }
}
