package io.smokegate.check.net;

import static io.smokegate.check.net.NetChecks.invalid;
import static io.smokegate.check.net.NetChecks.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.InvalidParamException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusMatcherTest {

    private static StatusMatcher parse(String... patterns) {
        List<String> invalid = new ArrayList<>();
        return StatusMatcher.parse(List.of(patterns), invalid)
                .orElseThrow(() -> new AssertionError("rejected: " + invalid));
    }

    @ParameterizedTest(name = "{0} accepts {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            200       | 200 | true
            200       | 201 | false
            ' 404 '   | 404 | true
            100       | 100 | true
            599       | 599 | true
            2xx       | 200 | true
            2xx       | 299 | true
            2xx       | 300 | false
            2xx       | 199 | false
            2XX       | 250 | true
            5xx       | 503 | true
            200-299   | 200 | true
            200-299   | 299 | true
            200-299   | 300 | false
            500-503   | 503 | true
            500-503   | 504 | false
            301-301   | 301 | true
            """)
    void onePatternAcceptsExactlyItsCodes(String pattern, int status, boolean accepted) {
        assertEquals(accepted, parse(pattern).matches(status));
    }

    @Test
    void severalPatternsAcceptTheUnionOfTheirCodes() {
        StatusMatcher matcher = parse("200", "3xx", "404-405");
        assertEquals(List.of(true, true, true, true, false, false),
                List.of(200, 301, 404, 405, 201, 500).stream().map(matcher::matches).toList());
    }

    @Test
    void printsThePatternsAsWritten() {
        assertEquals("200, 3xx, 404-405", parse("200", "3xx", "404-405").toString());
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"600", "099", "20", "2000", "2x", "2xxx", "6xx", "0xx", "x00", "299-200", "200-600",
            "200 - 299", "200,201", "abc", "", "ok"})
    void invalidPatternIsRejectedByName(String pattern) {
        List<String> invalid = new ArrayList<>();
        assertTrue(StatusMatcher.parse(List.of("200", pattern), invalid).isEmpty());
        assertEquals(List.of(pattern), invalid);
    }

    @Test
    void everyInvalidPatternIsCollectedInOrder() {
        List<String> invalid = new ArrayList<>();
        assertTrue(StatusMatcher.parse(Arrays.asList("abc", "200", "7xx"), invalid).isEmpty());
        assertEquals(List.of("abc", "7xx"), invalid);
    }

    @Test
    void httpCheckRejectsTheFirstInvalidPatternWithAHint() {
        InvalidParamException e = invalid(new HttpCheckType(),
                with("url", "http://127.0.0.1/", "expectStatus", List.of("2xx", "20O", "9xx")));
        assertEquals("expectStatus", e.param());
        assertEquals("'20O' is not a status code pattern", e.getMessage());
        assertEquals("use e.g. 200, 2xx or 200-299", e.hint());
    }
}
