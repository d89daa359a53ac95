package io.smokegate.check.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {

    @ParameterizedTest(name = "''{0}'' (default port {1}) is {2}:{3}")
    @CsvSource(delimiter = '|', textBlock = """
            example.com:443         | 0   | example.com     | 443
            example.com             | 443 | example.com     | 443
            example.com:8443        | 443 | example.com     | 8443
            127.0.0.1:80            | 0   | 127.0.0.1       | 80
            127.0.0.1               | 53  | 127.0.0.1       | 53
            [::1]:8443              | 0   | ::1             | 8443
            [::1]                   | 443 | ::1             | 443
            [2001:db8::10]:53       | 0   | 2001:db8::10    | 53
            db.internal:1           | 0   | db.internal     | 1
            db.internal:65535       | 0   | db.internal     | 65535
            """)
    void validAddressIsSplitIntoHostAndPort(String text, int defaultPort, String host, int port) {
        assertEquals(Optional.of(new HostPort(host, port)), HostPort.parse(text, defaultPort));
    }

    @ParameterizedTest(name = "''{0}'' (default port {1}) is rejected")
    @CsvSource(delimiter = '|', textBlock = """
            example.com         | 0
            ''                  | 443
            '   '               | 443
            :80                 | 0
            example.com:        | 0
            example.com:0       | 0
            example.com:65536   | 0
            example.com:-1      | 0
            example.com:http    | 0
            ::1                 | 443
            2001:db8::1:443     | 0
            [::1                | 443
            [::1]8443           | 443
            []:80               | 0
            [::1]               | 0
            http://example.com  | 443
            example.com/path    | 443
            'exa mple.com:80'   | 0
            """)
    void malformedAddressIsRejected(String text, int defaultPort) {
        assertEquals(Optional.empty(), HostPort.parse(text, defaultPort));
    }

    @ParameterizedTest(name = "{0} port {1} prints as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            example.com   | 443  | example.com:443
            127.0.0.1     | 80   | 127.0.0.1:80
            ::1           | 8443 | [::1]:8443
            2001:db8::10  | 53   | [2001:db8::10]:53
            """)
    void printsIpv6HostsInBrackets(String host, int port, String printed) {
        assertEquals(printed, new HostPort(host, port).toString());
    }

    @ParameterizedTest(name = "''{0}'' round-trips")
    @CsvSource({"example.com:443", "[::1]:8443", "10.1.2.3:5432"})
    void printedFormParsesBack(String text) {
        assertEquals(text, HostPort.parse(text, 0).orElseThrow().toString());
    }
}
