package io.smokegate.gomod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTextTest {

    @ParameterizedTest(name = "{0} quotes as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            616263              | "abc"
            22275c              | "\\"'\\\\"
            07080c0a0d090b      | "\\a\\b\\f\\n\\r\\t\\v"
            017f                | "\\x01\\x7f"
            c2ad                | "\\u00ad"
            e298ba              | "☺"
            f09f9880            | "😀"
            f48fbfbf            | "\\U0010ffff"
            e2808f              | "\\u200f"
            ff2e676f            | "\\xff.go"
            c080                | "\\xc0\\x80"
            eda080              | "\\xed\\xa0\\x80"
            f4908080            | "\\xf4\\x90\\x80\\x80"
            e298                | "\\xe2\\x98"
            """)
    void quoteMatchesGoPercentQ(String hex, String quoted) {
        assertEquals(quoted, GoText.quote(HexFormat.of().parseHex(hex)));
    }

    @ParameterizedTest(name = "U+{0} quotes as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            0027    | '\\''
            0022    | '"'
            005c    | '\\\\'
            0009    | '\\t'
            00e9    | 'é'
            """)
    void quoteRuneMatchesGoPercentQ(String codePoint, String quoted) {
        assertEquals(quoted, GoText.quoteRune(Integer.parseInt(codePoint, 16)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"'', true", "616263, true", "e298ba, true", "f09f9880, true", "ff, false", "c080, false", "eda080, false",
        "f4908080, false", "e298, false", "80, false"})
    void utf8ValidityFollowsGo(String hex, boolean valid) {
        assertEquals(valid, GoText.isValidUtf8(HexFormat.of().parseHex(hex)));
    }

    @ParameterizedTest(name = "U+{0} is space: {1}")
    @CsvSource({"0020, true", "0009, true", "000b, true", "0085, true", "00a0, true", "2007, true", "202f, true", "3000, true",
        "001c, false", "200b, false", "feff, false", "0041, false"})
    void isSpaceFollowsUnicodeIsSpace(String codePoint, boolean space) {
        assertEquals(space, GoText.isSpace(Integer.parseInt(codePoint, 16)));
    }
}
