package io.smokegate.gomod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoModTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            module github.com/google/uuid\\n                                        | github.com/google/uuid
            module "rsc.io/quote"\\n\\nrequire "rsc.io/sampler" v1.3.0\\n           | rsc.io/quote
            module `example.com/raw`\\n                                             | example.com/raw
            // comment\\n\\tmodule   example.com/m   // trailing\\r\\ngo 1.21\\n     | example.com/m
            go 1.21\\nmodule example.com/last                                       | example.com/last
            module (\\n\\n  example.com/block\\n)\\n                                | example.com/block
            module "ex\\\\x61mple.com/escaped"                                      | example.com/escaped
            modulex example.com/m\\nmodule example.com/second                       | example.com/second
            module\\nmodule example.com/after-empty                                 | example.com/after-empty
            """)
    void modulePathIsFoundInEveryFormGoModAllows(String goMod, String path) {
        assertEquals(Optional.of(path), GoMod.modulePath(bytes(goMod)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            ~~
            go 1.21\\nrequire example.com/x v1.0.0\\n
            // module example.com/commented\\n
            module "unterminated\\n
            module ""\\n
            module "bad\\\\qescape"\\n
            module (\\n)\\n
            """)
    void missingOrMalformedModulePathIsEmpty(String goMod) {
        assertEquals(Optional.empty(), GoMod.modulePath(bytes(goMod)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            module m\\n\\ngo 1.13\\n                    | 1.13
            module m\\ngo 1.21.0 // patch\\n            | 1.21.0
            module m\\ngo 1.22rc1\\n                    | 1.22rc1
            module m\\ngo 1.21.x\\n                     | 1.21
            module m\\ngo v1.18beta\\n                  | 1.18
            module m\\nrequire (\\n\\tgo 1.99\\n)\\ngo 1.20\\n | 1.20
            """)
    void goVersionIsReadLaxlyAsForDependencies(String goMod, String version) {
        assertEquals(Optional.of(version), GoMod.goVersion(bytes(goMod)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            module m\\n
            module m\\ngo 1.21\\ngo 1.22\\n
            module m\\ngo banana\\n
            module m\\ngo 1.21 1.22\\n
            module m\\ngo (\\n1.21\\n)\\n
            """)
    void absentRepeatedOrMalformedGoVersionIsUnknown(String goMod) {
        assertEquals(Optional.empty(), GoMod.goVersion(bytes(goMod)));
    }

    @ParameterizedTest(name = "go {0}: {1}")
    @CsvSource(value = {", false", "1.13, false", "1.23.9, false", "1.24, true", "1.24rc1, true",
        "1.24.0, true", "1.99.0, true", "2.0, true"})
    void go124RulesStartAtGo124(String version, boolean go124) {
        assertEquals(go124, GoMod.atLeastGo124(Optional.ofNullable(version)));
    }

    /** Test tables write go.mod files on one line with escapes. */
    private static byte[] bytes(String escaped) {
        String s = escaped == null ? "" : escaped.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
        return s.replace("\\\\", "\\").getBytes(StandardCharsets.UTF_8);
    }
}
