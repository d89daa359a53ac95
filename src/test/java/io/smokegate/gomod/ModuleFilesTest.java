package io.smokegate.gomod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** x/mod/zip vendor_test.go: the same names under every go version before and after 1.24. */
class ModuleFilesTest {

    private static final List<String> BEFORE_124 = List.of("", "1.14", "1.21.0", "1.22.4", "1.23", "1.23.1", "1.2", "1.7", "1.9");
    private static final List<String> FROM_124 = List.of("1.24.0", "1.24", "1.99.0");

    @ParameterizedTest(name = "{0}: before 1.24 {1}, from 1.24 {2}")
    @CsvSource({
            "vendor/foo/foo.go, true, true",
            "pkg/vendor/foo/foo.go, true, true",
            "longpackagename/vendor/foo/foo.go, true, true",
            "vendor/vendor.go, false, false",
            "vendor/foo/modules.txt, true, true",
            "modules.txt, false, false",
            "vendor/amodules.txt, false, false",
            "vendor/modules.txt, false, true",
            "pkg/vendor/vendor.go, true, false",
            "longpackagename/vendor/vendor.go, true, false",
            "vendorx/foo/foo.go, false, false",
            "pkg/vendored/foo/foo.go, false, false",
    })
    void vendoredPackageRuleDependsOnTheModulesGoVersion(String name, boolean before124, boolean from124) {
        for (String version : BEFORE_124) {
            assertEquals(before124, ModuleFiles.isVendoredPackage(name, GoMod.atLeastGo124(optional(version))), name + " at go " + version);
        }
        for (String version : FROM_124) {
            assertEquals(from124, ModuleFiles.isVendoredPackage(name, GoMod.atLeastGo124(optional(version))), name + " at go " + version);
        }
    }

    private static Optional<String> optional(String version) {
        return version.isEmpty() ? Optional.empty() : Optional.of(version);
    }
}
