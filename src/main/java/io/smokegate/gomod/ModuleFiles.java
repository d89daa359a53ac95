package io.smokegate.gomod;

/** Limits and inclusion rules for the files of a module zip (golang.org/x/mod/zip). */
final class ModuleFiles {

    static final long MAX_ZIP_FILE = 500L << 20;
    static final long MAX_GO_MOD = 16L << 20;
    static final long MAX_LICENSE = 16L << 20;

    static final String GO_MOD_TOO_LARGE = "go.mod file too large (max size is " + MAX_GO_MOD + " bytes)";
    static final String LICENSE_TOO_LARGE = "LICENSE file too large (max size is " + MAX_LICENSE + " bytes)";
    static final String GO_MOD_CASE = "go.mod files must have lowercase names";

    private ModuleFiles() {
    }

    /**
     * isVendoredPackage: a file in a package below a {@code vendor} directory, which module zips leave
     * out. Go 1.24 changed two answers, and the module's own go version picks the rule, because
     * published checksums were computed with the rule of their time: {@code vendor/modules.txt} is kept
     * before 1.24 (golang.org/issue/63395), and before 1.24 a file directly in a nested
     * {@code x/vendor/} directory is wrongly left out too (golang.org/issue/37397).
     */
    static boolean isVendoredPackage(String name, boolean go124) {
        if (go124 && name.equals("vendor/modules.txt")) {
            return true;
        }
        int from;
        int nested = name.indexOf("/vendor/");
        if (name.startsWith("vendor/")) {
            from = "vendor/".length();
        } else if (nested >= 0) {
            // The old rule's offset forgot the prefix, so it always lands before the slash after "vendor".
            from = go124 ? nested + "/vendor/".length() : "/vendor/".length();
        } else {
            return false;
        }
        return name.indexOf('/', from) >= 0;
    }
}
