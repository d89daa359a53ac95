package io.smokegate.check.goproxy;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Params;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.check.net.TlsOptions;
import io.smokegate.gomod.InvalidModuleException;
import io.smokegate.gomod.ModulePaths;
import io.smokegate.gomod.ModuleVersions;
import io.smokegate.gomod.Semver;
import java.util.ArrayList;
import java.util.List;

/** Reading the parameters every Go proxy check shares, with the go command's rules for each. */
public final class GoProxyParams {

    private GoProxyParams() {
    }

    /** The {@code tls}, {@code proxyUrl} and {@code noProxy} parameters; caFile adds to the JDK's roots here. */
    public static ClientOptions clientOptions(Params p) throws InvalidParamException {
        return ClientOptions.param(p, TlsOptions.Scope.MANY_TARGETS);
    }

    static String module(Params p, String name) throws InvalidParamException {
        String module = p.string(name);
        try {
            ModulePaths.checkPath(module);
            return module;
        } catch (InvalidModuleException e) {
            throw new InvalidParamException(name, "'" + module + "' is not a module path: " + e.getMessage());
        }
    }

    /** A canonical version valid for {@code module} (major-version suffix rules included). */
    static String version(Params p, String name, String module) throws InvalidParamException {
        String version = p.string(name);
        if (!Semver.isValid(version)) {
            throw new InvalidParamException(name, "'" + version + "' is not a semantic version", "e.g. v1.6.0");
        }
        if (!Semver.canonical(version).equals(version)) {
            throw new InvalidParamException(name, "'" + version + "' is not canonical", "write " + Semver.canonical(version));
        }
        try {
            ModuleVersions.check(module, version);
        } catch (InvalidModuleException e) {
            throw new InvalidParamException(name, e.getMessage());
        }
        return version;
    }

    /** A module path and canonical version, as {@code path@version} lists name them. */
    public record ModuleVersion(String path, String version) {
        // Written out: a record's generated equals and hashCode run through method handles, slow until compiled, and
        // gosum.verify groups a go.sum's lines by module version (measured: 15-25 ms of a cold 1,000-line go.sum).
        @Override
        public boolean equals(Object other) {
            return other instanceof ModuleVersion that && path.equals(that.path) && version.equals(that.version);
        }

        @Override
        public int hashCode() {
            return path.hashCode() * 31 + version.hashCode();
        }

        @Override
        public String toString() {
            return path + "@" + version;
        }
    }

    /** A list of {@code path@version}, each path valid and each version canonical for it. */
    public static List<ModuleVersion> moduleVersions(Params p, String name) throws InvalidParamException {
        List<ModuleVersion> out = new ArrayList<>();
        for (String item : p.strings(name)) {
            int at = item.lastIndexOf('@');
            if (at <= 0 || at == item.length() - 1) {
                throw new InvalidParamException(name, "'" + item + "' is not path@version", "e.g. github.com/google/uuid@v1.6.0");
            }
            String path = item.substring(0, at);
            String version = item.substring(at + 1);
            try {
                ModulePaths.checkPath(path);
            } catch (InvalidModuleException e) {
                throw new InvalidParamException(name, "'" + path + "' is not a module path: " + e.getMessage());
            }
            String problem = GoProxyChecks.versionProblem(path, version);
            if (problem != null) {
                throw new InvalidParamException(name, item + ": " + problem);
            }
            out.add(new ModuleVersion(path, version));
        }
        return List.copyOf(out);
    }

    /** An {@code h1:} hash as go.sum writes it: "h1:" and the base64 of 32 bytes. */
    static String hash(Params p, String name) throws InvalidParamException {
        String hash = p.string(name);
        if (hash != null && !hash.matches("h1:[A-Za-z0-9+/]{43}=")) {
            throw new InvalidParamException(name, "'" + hash + "' is not an h1: hash",
                    "copy it from go.sum, e.g. h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=");
        }
        return hash;
    }

    /** {@code module/@v/} with the module path case-encoded, as every proxy URL starts. */
    static String versionsPath(String module) {
        try {
            return ModulePaths.escapePath(module) + "/@v/";
        } catch (InvalidModuleException e) {
            throw new IllegalArgumentException("module path was validated when the checklist was loaded", e);
        }
    }

    static String versionFile(String module, String version, String extension) {
        try {
            return versionsPath(module) + ModulePaths.escapeVersion(version) + extension;
        } catch (InvalidModuleException e) {
            throw new IllegalArgumentException("version was validated when the checklist was loaded", e);
        }
    }

    static String latestPath(String module) {
        String versions = versionsPath(module);
        return versions.substring(0, versions.length() - "@v/".length()) + "@latest";
    }
}
