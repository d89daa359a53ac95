package io.smokegate.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final String TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";

    @Test
    void aSecretIsReplacedWhereverItAppearsInText() {
        Redactor r = Redactor.of(Set.of(TOKEN));
        assertEquals("GET with Authorization: Bearer «redacted» failed; retried with «redacted»",
                r.redact("GET with Authorization: Bearer " + TOKEN + " failed; retried with " + TOKEN));
    }

    @Test
    void textWithoutSecretsIsUnchanged() {
        assertEquals("connection refused", Redactor.of(Set.of(TOKEN)).redact("connection refused"));
    }

    @Test
    void theLongestSecretIsReplacedFirstSoNoneIsHalfRevealed() {
        // "hunter2-admin" contains "hunter2"; replacing the short one first would leave "«redacted»-admin"
        Redactor r = Redactor.of(Set.of("hunter2", "hunter2-admin"));
        assertEquals("password «redacted», fallback «redacted»", r.redact("password hunter2-admin, fallback hunter2"));
    }

    @Test
    void secretsShorterThanFourCharactersAreNotMasked() {
        Redactor r = Redactor.of(Set.of("on", "123", "abcd"));
        assertEquals("on 123 «redacted»", r.redact("on 123 abcd"));
    }

    @Test
    void aRedactorOfOnlyShortValuesIsEmpty() {
        Redactor r = Redactor.of(Set.of("1", "ab", "xyz"));
        assertTrue(r.isEmpty());
        assertSame(Redactor.none(), r);
    }

    @Test
    void noneChangesNothing() {
        Map<String, Object> details = Map.of("k", TOKEN);
        assertTrue(Redactor.none().isEmpty());
        assertEquals(TOKEN, Redactor.none().redact(TOKEN));
        assertSame(details, Redactor.none().redactMap(details));
    }

    @Test
    void nullTextStaysNull() {
        assertNull(Redactor.of(Set.of(TOKEN)).redact(null));
    }

    @Test
    void nullSecretsAreIgnored() {
        Set<String> values = new java.util.HashSet<>(Arrays.asList(null, TOKEN));
        assertEquals("«redacted»", Redactor.of(values).redact(TOKEN));
    }

    @Test
    void secretsInNestedMapsAndListsAreReplaced() {
        Redactor r = Redactor.of(Set.of(TOKEN));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", 401);
        details.put("request", Map.of("headers", List.of("Accept: */*", "Authorization: token " + TOKEN)));
        details.put("attempts", List.of(Map.of("url", "https://api.example.com/?access_token=" + TOKEN)));

        Map<String, Object> redacted = r.redactMap(details);

        assertEquals(401, redacted.get("status"));
        assertEquals(Map.of("headers", List.of("Accept: */*", "Authorization: token «redacted»")), redacted.get("request"));
        assertEquals(List.of(Map.of("url", "https://api.example.com/?access_token=«redacted»")), redacted.get("attempts"));
        assertFalse(redacted.toString().contains(TOKEN));
    }

    @Test
    void secretsInMapKeysAreReplacedToo() {
        Redactor r = Redactor.of(Set.of(TOKEN));
        assertEquals(Map.of("«redacted»", "seen"), r.redactValue(Map.of(TOKEN, "seen")));
    }

    @Test
    void valuesOtherThanTextAreKeptAsTheyAre() {
        Redactor r = Redactor.of(Set.of(TOKEN));
        assertEquals(42L, r.redactValue(42L));
        assertEquals(true, r.redactValue(true));
        assertNull(r.redactValue(null));
        List<Object> mixed = new ArrayList<>(Arrays.asList(1.5, null, TOKEN));
        assertEquals(Arrays.asList(1.5, null, "«redacted»"), r.redactValue(mixed));
    }

    @Test
    void redactingLeavesTheOriginalUntouched() {
        Redactor r = Redactor.of(Set.of(TOKEN));
        Map<String, Object> details = new LinkedHashMap<>(Map.of("token", TOKEN));
        r.redactMap(details);
        assertEquals(TOKEN, details.get("token"));
    }

    @Test
    void keyOrderIsKept() {
        Redactor r = Redactor.of(Set.of(TOKEN));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("z", 1);
        details.put("a", TOKEN);
        details.put("m", 2);
        assertEquals(List.of("z", "a", "m"), List.copyOf(r.redactMap(details).keySet()));
    }
}
