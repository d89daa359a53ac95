package io.smokegate.gomod;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModulePathsTest {

    @ParameterizedTest(name = "{0} escapes to {1}")
    @CsvSource({
            "github.com/GoogleCloudPlatform/omega, github.com/!google!cloud!platform/omega",
            "github.com/Azure/azure-sdk-for-go, github.com/!azure/azure-sdk-for-go",
            "github.com/Sirupsen/logrus, github.com/!sirupsen/logrus",
            "github.com/GoogleCloudPlatform/cloudsql-proxy, github.com/!google!cloud!platform/cloudsql-proxy",
            "ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789, ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789",
            "rsc.io/Quote, rsc.io/!quote",
    })
    void pathEscapingLowercasesWithBangAndRoundTrips(String path, String escaped) throws InvalidModuleException {
        assertEquals(escaped, ModulePaths.escapePath(path));
        assertEquals(path, ModulePaths.unescapePath(escaped));
    }

    @ParameterizedTest(name = "{0} does not unescape")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            github.com/GoogleCloudPlatform/omega        | invalid escaped module path "github.com/GoogleCloudPlatform/omega"
            github.com/!google!cloud!platform!/omega    | invalid escaped module path "github.com/!google!cloud!platform!/omega"
            github.com/!0google!cloud!platform/omega    | invalid escaped module path "github.com/!0google!cloud!platform/omega"
            github.com/!_google!cloud!platform/omega    | invalid escaped module path "github.com/!_google!cloud!platform/omega"
            github.com/!!google!cloud!platform/omega    | invalid escaped module path "github.com/!!google!cloud!platform/omega"
            github.com/omega!                           | invalid escaped module path "github.com/omega!"
            github.com/ωmega                            | invalid escaped module path "github.com/ωmega"
            ``                                          | invalid escaped module path "": malformed module path "": empty string
            """)
    void malformedEscapedPathIsRejected(String escaped, String message) {
        assertEquals(message, assertThrows(InvalidModuleException.class, () -> ModulePaths.unescapePath(escaped)).getMessage());
    }

    @Test
    void escapingAnInvalidPathReportsWhyThePathIsInvalid() {
        assertEquals("malformed module path \"X.y/z\": invalid char 'X' in first path element",
                assertThrows(InvalidModuleException.class, () -> ModulePaths.escapePath("X.y/z")).getMessage());
    }

    @ParameterizedTest(name = "version {0} escapes to {1}")
    @CsvSource({"v1.0.0, v1.0.0", "v1.0.0-RC1, v1.0.0-!r!c1", "master, master", "v0.0.0-20191109021931-daa7c04131f5, v0.0.0-20191109021931-daa7c04131f5"})
    void versionEscapingRoundTrips(String version, String escaped) throws InvalidModuleException {
        assertEquals(escaped, ModulePaths.escapeVersion(version));
        assertEquals(version, ModulePaths.unescapeVersion(escaped));
    }

    @ParameterizedTest(name = "version ''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            v1.0.0!           | version "v1.0.0!" invalid: disallowed version string
            v1/0              | version "v1/0" invalid: disallowed version string
            ``                | version "" invalid: disallowed version string
            vé                | internal error: inconsistency in EscapePath
            """)
    void unusableVersionDoesNotEscape(String version, String message) {
        assertEquals(message, assertThrows(InvalidModuleException.class, () -> ModulePaths.escapeVersion(version)).getMessage());
    }

    @ParameterizedTest(name = "escaped version ''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            v1.0.0-RC1        | invalid escaped version "v1.0.0-RC1"
            v1.0.0-!1         | invalid escaped version "v1.0.0-!1"
            v1.0.0.           | invalid escaped version "v1.0.0.": trailing dot in path element
            ..                | invalid escaped version "..": invalid path element ".."
            """)
    void malformedEscapedVersionIsRejected(String escaped, String message) {
        assertEquals(message, assertThrows(InvalidModuleException.class, () -> ModulePaths.unescapeVersion(escaped)).getMessage());
    }

    @ParameterizedTest(name = "{0} is a valid module path")
    @ValueSource(strings = {"x.y/z", "x.y", "x..y/z", "x.y/z/v2", "gopkg.in/yaml.v3", "gopkg.in/check.v1", "gopkg.in/x.v0",
        "gopkg.in/src-d/go-git.v4", "gopkg.in/yaml.v2-unstable", "example.com/a_b~c/D", "example.com/com10", "example.com/~1a"})
    void validModulePathPasses(String path) {
        assertDoesNotThrow(() -> ModulePaths.checkPath(path));
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                  | empty string
            /x.y/z              | empty path element
            x./z                | trailing dot in path element
            .x/z                | leading dot in path element
            -x/z                | leading dash
            x.y//z              | double slash
            x.y/z/              | trailing slash
            x.y/z/v0            | invalid version
            x.y/z/v1            | invalid version
            x.y/z/v2.0          | invalid version
            x.y/z/v02           | invalid version
            X.y/z               | invalid char 'X' in first path element
            !x.y/z              | invalid char '!'
            x_y/z               | missing dot in first path element
            cache               | missing dot in first path element
            x.y/z.../a          | trailing dot in path element
            x.y/...             | invalid path element "..."
            x.y/a+b             | invalid char '+'
            x.y/é               | invalid char 'é'
            x.y/con             | "con" disallowed as path element component on Windows
            x.y/LPT1.txt        | "LPT1" disallowed as path element component on Windows
            x.y/PROGRA~1        | trailing tilde and digits in path element
            gopkg.in/yaml       | invalid version
            gopkg.in/yaml.v01   | invalid version
            """)
    void invalidModulePathIsRejectedWithTheGoReason(String path, String reason) {
        assertEquals("malformed module path \"" + path + "\": " + reason,
                assertThrows(InvalidModuleException.class, () -> ModulePaths.checkPath(path)).getMessage());
    }

    @Test
    void unpairedSurrogateIsInvalidUtf8() {
        assertEquals("malformed module path \"x.y/\ufffd\": invalid UTF-8",
                assertThrows(InvalidModuleException.class, () -> ModulePaths.checkPath("x.y/\ud800")).getMessage());
    }

    @ParameterizedTest(name = "{0} is a valid file path")
    @ValueSource(strings = {"m.go", "cmd/hello/hello.go", ".gitignore", "-dash.go", "with space.txt", "café/ünïcode.go",
        "a!#$%&()+,-.=@[]^_{}~b", "PROGRA~1.txt", "go.mod/a.go"})
    void validFilePathPasses(String path) {
        assertDoesNotThrow(() -> ModulePaths.checkFilePath(path));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            bad.go'             | malformed file path "bad.go'": invalid char '\\''
            a:b.go              | malformed file path "a:b.go": invalid char ':'
            a\\b.go             | malformed file path "a\\\\b.go": invalid char '\\\\'
            a"b                 | malformed file path "a\\"b": invalid char '"'
            ../x.go             | malformed file path "../x.go": invalid path element ".."
            /etc/passwd         | malformed file path "/etc/passwd": empty path element
            a/                  | malformed file path "a/": trailing slash
            a//b                | malformed file path "a//b": double slash
            dir./a.go           | malformed file path "dir./a.go": trailing dot in path element
            aux.c               | malformed file path "aux.c": "aux" disallowed as path element component on Windows
            tab\tx              | malformed file path "tab\\tx": invalid char '\\t'
            """)
    void invalidFilePathIsRejectedWithTheGoMessage(String path, String message) {
        assertEquals(message, assertThrows(InvalidModuleException.class, () -> ModulePaths.checkFilePath(path)).getMessage());
    }

    @ParameterizedTest(name = "globs ''{0}'' vs {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``          | rsc.io/quote      | false
            /           | rsc.io/quote      | false
            */quote     | rsc.io/quote      | true
            */quo       | rsc.io/quote      | false
            */quo??     | rsc.io/quote      | true
            */quo*      | rsc.io/quote      | true
            *quo*       | rsc.io/quote      | false
            rsc.io      | rsc.io/quote      | true
            *.io        | rsc.io/quote      | true
            rsc.io/     | rsc.io/quote      | true
            rsc         | rsc.io/quote      | false
            rsc*        | rsc.io/quote      | true
            rsc.io      | rsc.io/quote/v3   | true
            */quote     | rsc.io/quote/v3   | true
            */quote/    | rsc.io/quote/v3   | true
            */quote/*   | rsc.io/quote/v3   | true
            */quote/*/  | rsc.io/quote/v3   | true
            */v3        | rsc.io/quote/v3   | false
            */*/v3      | rsc.io/quote/v3   | true
            */*/*       | rsc.io/quote/v3   | true
            */*/*/      | rsc.io/quote/v3   | true
            */*/*       | rsc.io/quote      | false
            */*/*/      | rsc.io/quote      | false
            */*/*,,     | rsc.io/quote      | false
            */*/*,,*/quote | rsc.io/quote   | true
            ,,*/quote   | rsc.io/quote      | true
            """)
    void prefixPatternsMatchWholePathElements(String globs, String target, boolean matches) {
        assertEquals(matches, ModulePaths.matchPrefixPatterns(globs, target));
    }

    @ParameterizedTest(name = "''{0}'' vs {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            *.corp.google.com,rsc.io/private   | foo.corp.google.com         | true
            *.corp.google.com,rsc.io/private   | foo.corp.google.com/bar     | true
            *.corp.google.com,rsc.io/private   | rsc.io/private              | true
            *.corp.google.com,rsc.io/private   | rsc.io/private/bar          | true
            *.corp.google.com,rsc.io/private   | rsc.io/privateer            | false
            [,rsc.io                           | rsc.io/quote                | true
            rsc.io/[                           | rsc.io/[                    | false
            rsc.io/[q-r]uote                   | rsc.io/quote                | true
            rsc.io/\\quote                     | rsc.io/quote                | true
            """)
    void prefixPatternsSkipMalformedGlobsAndAreNotStringPrefixes(String globs, String target, boolean matches) {
        assertEquals(matches, ModulePaths.matchPrefixPatterns(globs, target));
    }
}
