package io.smokegate.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validators every family shares report the same mistake the same way. */
class ParamValidatorsTest {

    @Test
    void aBrokenRegexNamesTheParameterAndWhatIsWrong() {
        InvalidParamException e = assertThrows(InvalidParamException.class, () -> ParamValidators.regex("expect", "(ok"));

        assertEquals("expect", e.param());
        assertEquals("'(ok' is not a regular expression: Unclosed group", e.getMessage());
    }

    @Test
    void aBaseUrlLosesItsTrailingSlash() throws InvalidParamException {
        Params p = new Params(Map.of("proxy", "https://proxy.golang.org/"));

        assertEquals("https://proxy.golang.org", ParamValidators.baseUrl(p, "proxy").toString());
    }

    @Test
    void aBaseUrlWithCredentialsIsRefused() {
        Params p = new Params(Map.of("proxy", "https://user:secret@athens.internal"));

        InvalidParamException e = assertThrows(InvalidParamException.class, () -> ParamValidators.baseUrl(p, "proxy"));

        assertEquals("credentials in the URL would end up in reports", e.getMessage());
    }

    @Test
    void printableShowsControlCharactersEscapedOnOneLine() {
        assertEquals("line\\r\\nnext\\tcol \\x1b[31mred", ParamValidators.printable("line\r\nnext\tcol \u001b[31mred"));
    }

    @Test
    void printableQuotesAtMostEightyCharacters() {
        assertEquals("a".repeat(80) + "…", ParamValidators.printable("a".repeat(81)));
        assertEquals("a".repeat(80), ParamValidators.printable("a".repeat(80)));
    }
}
