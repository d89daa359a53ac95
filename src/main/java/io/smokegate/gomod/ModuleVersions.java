package io.smokegate.gomod;

import static io.smokegate.gomod.GoText.quote;

/** Whether a module path and version belong together, as the go command decides before fetching anything. */
public final class ModuleVersions {

    private ModuleVersions() {
    }

    /**
     * module.Check, plus the two rules module zips add: the version must be canonical, and
     * {@code +incompatible} is only for v2+ versions of paths without a major-version suffix
     * (the go command's coderepo rule; x/mod alone would let {@code v1.0.0+incompatible} through).
     */
    public static void check(String path, String version) throws InvalidModuleException {
        ModulePaths.checkPath(path);
        if (!Semver.isValid(version)) {
            throw invalidVersion(path, version, "not a semantic version");
        }
        String canonical = Semver.canonical(version);
        if (!canonical.equals(version)) {
            throw new InvalidModuleException("version " + quote(version) + " is not canonical (should be " + quote(canonical) + ")");
        }
        String reason = majorVersionError(version, ModulePaths.splitPathVersion(path).pathMajor());
        if (reason != null) {
            throw invalidVersion(path, version, reason);
        }
    }

    private static String majorVersionError(String version, String pathMajor) {
        String major = Semver.major(version);
        if (Semver.build(version).equals("+incompatible")) {
            if (!pathMajor.isEmpty()) {
                return "+incompatible suffix not allowed: module path includes a major version suffix, so major version must match";
            }
            return major.equals("v0") || major.equals("v1")
                    ? "+incompatible suffix not allowed: major version " + major + " is compatible" : null;
        }
        if (pathMajor.startsWith(".v") && pathMajor.endsWith("-unstable")) {
            pathMajor = pathMajor.substring(0, pathMajor.length() - "-unstable".length());
        }
        // Old go commands made v0.0.0- pseudo-versions for gopkg.in .v1 paths; they are still in go.mod files.
        if (version.startsWith("v0.0.0-") && pathMajor.equals(".v1")) {
            return null;
        }
        String wanted;
        if (pathMajor.isEmpty()) {
            if (major.equals("v0") || major.equals("v1")) {
                return null;
            }
            wanted = "v0 or v1";
        } else {
            wanted = pathMajor.substring(1);
            if (major.equals(wanted)) {
                return null;
            }
        }
        return "should be " + wanted + ", not " + major;
    }

    /** module.ModuleError wrapping an InvalidVersionError, as the go command prints it. */
    private static InvalidModuleException invalidVersion(String path, String version, String reason) {
        return new InvalidModuleException(path + "@" + version + ": invalid version: " + reason);
    }
}
