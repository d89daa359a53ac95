package io.smokegate.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    private static final List<String> CHECK_TYPES = List.of("dns", "http", "tcp", "tls");
    private static final List<String> CHECK_FIELDS =
            List.of("id", "type", "description", "timeout", "retries", "weight", "needs", "with");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "htp,         http",
        "HTTP,        http",
        "htttp,       http",
        "tlss,        tls",
        "dsn,         dns",
        "tcpp,        tcp",
    })
    void nearestFindsTheCheckTypeATypoWasMeantFor(String given, String expected) {
        assertEquals(Optional.of(expected), Suggestions.nearest(given, CHECK_TYPES));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "tyep,         type",
        "retires,      retries",
        "timout,       timeout",
        "descripton,   description",
        "need,         needs",
        "wit,          with",
    })
    void nearestFindsTheFieldATypoWasMeantFor(String given, String expected) {
        assertEquals(Optional.of(expected), Suggestions.nearest(given, CHECK_FIELDS));
    }

    @ParameterizedTest
    @CsvSource({"kubernetes", "xyzzy", "grpc-health"})
    void nearestSuggestsNothingWhenNoCandidateIsPlausible(String given) {
        assertEquals(Optional.empty(), Suggestions.nearest(given, CHECK_TYPES));
    }

    @Test
    void nearestBreaksTiesAlphabetically() {
        // "tcs" is one edit from "tcp" (s -> p) and one from "tls" (c -> l)
        assertEquals(Optional.of("tcp"), Suggestions.nearest("tcs", CHECK_TYPES));
    }

    @Test
    void nearestOfAnEmptyCandidateListIsEmpty() {
        assertEquals(Optional.empty(), Suggestions.nearest("http", List.of()));
    }

    @Test
    void hintAsksDidYouMeanTheNearestName() {
        assertEquals("did you mean 'http'?", Suggestions.hint("htp", CHECK_TYPES));
    }

    @Test
    void hintListsAllCandidatesSortedWhenNoneIsNear() {
        assertEquals("expected one of: dns, http, tcp, tls", Suggestions.hint("kubernetes", List.of("tls", "dns", "tcp", "http")));
    }

    @ParameterizedTest(name = "distance({0}, {1}) = {2}")
    @CsvSource({
        "'',      '',       0",
        "'',      abc,      3",
        "abc,     abc,      0",
        "kitten,  sitting,  3",
        "flaw,    lawn,     2",
        "http,    htp,      1",
    })
    void distanceIsTheLevenshteinEditDistance(String a, String b, int expected) {
        assertEquals(expected, Suggestions.distance(a, b));
        assertEquals(expected, Suggestions.distance(b, a), "distance is symmetric");
    }

    @Test
    void longerNamesTolerateMoreEdits() {
        // threshold is max(2, length/3): "description" (11 chars) accepts 3 edits
        assertTrue(Suggestions.nearest("dscrptin", List.of("description")).isPresent());
        assertTrue(Suggestions.nearest("xyz", List.of("id")).isEmpty());
    }
}
