package io.smokegate.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VarExpanderTest {

    private final VarExpander expander = new VarExpander(
            Map.of("host", "example.com", "port", "443"), Map.of("TOKEN", "s3cr3t-token-value")::get);

    @Test
    void textWithoutReferencesIsReturnedAsItIs() throws Exception {
        assertEquals("plain $5 text", expander.expand("plain $5 text"));
    }

    @Test
    void varReferencesAreReplaced() throws Exception {
        assertEquals("https://example.com:443/", expander.expand("https://${host}:${port}/"));
    }

    @Test
    void adjacentReferencesAreReplaced() throws Exception {
        assertEquals("example.com443", expander.expand("${host}${port}"));
    }

    @Test
    void environmentReferencesAreReplacedAndRemembered() throws Exception {
        assertEquals("Bearer s3cr3t-token-value", expander.expand("Bearer ${env:TOKEN}"));
        assertEquals(Set.of("s3cr3t-token-value"), expander.secrets());
    }

    @Test
    void varValuesAreNotSecrets() throws Exception {
        expander.expand("${host}");
        assertTrue(expander.secrets().isEmpty());
    }

    @Test
    void dollarDollarBraceIsALiteralDollarBrace() throws Exception {
        assertEquals("${host} is example.com", expander.expand("$${host} is ${host}"));
    }

    @Test
    void aLoneDollarBeforeABraceInTheLiteralIsKept() throws Exception {
        assertEquals("$$ and ${x", expander.expand("$$ and $${x"));
    }

    @Test
    void anUnterminatedReferenceIsRefused() {
        VarExpander.ExpansionException e = assertThrows(VarExpander.ExpansionException.class,
                () -> expander.expand("https://${host/"));
        assertEquals("unterminated '${' (write $${ for a literal ${)", e.getMessage());
    }

    @Test
    void anUndefinedVarSuggestsTheNearest() {
        VarExpander.ExpansionException e = assertThrows(VarExpander.ExpansionException.class,
                () -> expander.expand("${hots}"));
        assertEquals("undefined var 'hots', did you mean 'host'?", e.getMessage());
        assertFalse(e.alreadyReported());
    }

    @Test
    void anUnsetEnvironmentVariableIsNamed() {
        VarExpander.ExpansionException e = assertThrows(VarExpander.ExpansionException.class,
                () -> expander.expand("${env:MISSING}"));
        assertEquals("environment variable MISSING is not set", e.getMessage());
    }

    @Test
    void anEmptyEnvironmentReferenceIsRefused() {
        VarExpander.ExpansionException e = assertThrows(VarExpander.ExpansionException.class,
                () -> expander.expand("${env:}"));
        assertEquals("'' is not an environment variable name", e.getMessage());
    }

    @Test
    void envOnlyExpansionRefusesVarReferences() {
        VarExpander.ExpansionException e = assertThrows(VarExpander.ExpansionException.class,
                () -> expander.expandEnvOnly("${host}"));
        assertEquals("${host}: vars may refer to ${env:NAME} only, not to other vars", e.getMessage());
    }

    @Test
    void envOnlyExpansionReadsTheEnvironment() throws Exception {
        assertEquals("x-s3cr3t-token-value", expander.expandEnvOnly("x-${env:TOKEN}"));
    }

    @Test
    void aReferenceToAnInvalidVarIsMarkedAsAlreadyReported() {
        VarExpander withInvalid = new VarExpander(Map.of(), Set.of("token"), name -> null);
        VarExpander.ExpansionException e = assertThrows(VarExpander.ExpansionException.class,
                () -> withInvalid.expand("Bearer ${token}"));
        assertTrue(e.alreadyReported());
    }
}
