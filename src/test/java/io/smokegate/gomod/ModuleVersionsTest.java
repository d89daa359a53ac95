package io.smokegate.gomod;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModuleVersionsTest {

    @ParameterizedTest(name = "{0}@{1}")
    @CsvSource({
            "example.com/m, v0.1.0",
            "example.com/m, v1.2.3",
            "example.com/m, v1.2.3-pre",
            "example.com/m, v0.0.0-20191109021931-daa7c04131f5",
            "example.com/m, v2.0.0+incompatible",
            "github.com/docker/docker, v20.10.24+incompatible",
            "example.com/m/v2, v2.0.0",
            "example.com/m/v3, v3.1.0-rc.1",
            "gopkg.in/yaml.v3, v3.0.1",
            "gopkg.in/yaml.v2-unstable, v2.0.0",
            "gopkg.in/check.v1, v0.0.0-20161208181325-20d25e280405",
            "gopkg.in/check.v1, v1.0.0-20201130134442-10cb98267c6c",
    })
    void matchingPathAndVersionPass(String path, String version) {
        assertDoesNotThrow(() -> ModuleVersions.check(path, version));
    }

    @ParameterizedTest(name = "{0}@{1}")
    @CsvSource(delimiter = '|', textBlock = """
            example.com/m     | v2.0.0              | example.com/m@v2.0.0: invalid version: should be v0 or v1, not v2
            example.com/m/v2  | v1.0.0              | example.com/m/v2@v1.0.0: invalid version: should be v2, not v1
            example.com/m/v2  | v3.0.0              | example.com/m/v2@v3.0.0: invalid version: should be v2, not v3
            gopkg.in/yaml.v3  | v2.4.0              | gopkg.in/yaml.v3@v2.4.0: invalid version: should be v3, not v2
            gopkg.in/yaml.v2  | v0.0.0-20191109021931-daa7c04131f5 | gopkg.in/yaml.v2@v0.0.0-20191109021931-daa7c04131f5: invalid version: should be v2, not v0
            example.com/m     | v1.0.0+incompatible | example.com/m@v1.0.0+incompatible: invalid version: +incompatible suffix not allowed: major version v1 is compatible
            example.com/m     | v0.9.0+incompatible | example.com/m@v0.9.0+incompatible: invalid version: +incompatible suffix not allowed: major version v0 is compatible
            example.com/m/v2  | v2.0.0+incompatible | example.com/m/v2@v2.0.0+incompatible: invalid version: +incompatible suffix not allowed: module path includes a major version suffix, so major version must match
            example.com/m     | 1.0.0               | example.com/m@1.0.0: invalid version: not a semantic version
            example.com/m     | latest              | example.com/m@latest: invalid version: not a semantic version
            example.com/m     | v1.0.0+bad          | version "v1.0.0+bad" is not canonical (should be "v1.0.0")
            example.com/m     | v1.2                | version "v1.2" is not canonical (should be "v1.2.0")
            cache             | v1.0.0              | malformed module path "cache": missing dot in first path element
            example.com/m/v1  | v1.0.0              | malformed module path "example.com/m/v1": invalid version
            """)
    void mismatchedPathAndVersionAreRejectedWithTheGoMessage(String path, String version, String message) {
        assertEquals(message, assertThrows(InvalidModuleException.class, () -> ModuleVersions.check(path, version)).getMessage());
    }
}
