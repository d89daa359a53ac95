package io.smokegate.check.goproxy;

import io.smokegate.check.Probe;
import io.smokegate.gomod.DirHash;
import io.smokegate.gomod.GoMod;
import io.smokegate.gomod.ModuleZip;
import io.smokegate.gomod.VersionInfo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Downloads one module version the way the go command does — {@code .info}, {@code .mod}, {@code .zip} —
 * and checks everything the go command checks before it would compute hashes: the info names the version,
 * the go.mod names the module and matches the one in the zip, and the zip obeys every module zip rule.
 * The zip goes to a temporary file under the data directory and is deleted afterwards.
 */
public final class ModuleFetch {

    static final long MAX_ZIP = 500L << 20;
    static final long MAX_GO_MOD = 16L << 20;
    private static final long MAX_INFO = 64 * 1024;

    /** The hashes go.sum would record, and what the proxy served. */
    public record Fetched(String h1, String goModH1, int files, long zipBytes) {
    }

    /** Why the download is unusable; {@code problems} lists every broken zip rule when that is the reason. */
    public static final class Unusable extends Exception {
        private final List<String> problems;

        Unusable(String message) {
            this(message, List.of(message));
        }

        Unusable(String message, List<String> problems) {
            super(message);
            this.problems = problems;
        }

        List<String> problems() {
            return problems;
        }
    }

    private ModuleFetch() {
    }

    public static Fetched fetch(ProxyClient client, URI proxy, String module, String version, Probe probe)
            throws Unusable, InterruptedException, IOException {
        try {
            ProxyClient.Response info = client.get(proxy, GoProxyParams.versionFile(module, version, ".info"), Endpoint.INFO,
                    MAX_INFO);
            if (!info.ok()) {
                throw new Unusable(ProxyErrors.describe(".info", info));
            }
            VersionInfo parsed = VersionInfo.parse(".info", info.body());
            if (!parsed.version().equals(version)) {
                throw new Unusable("proxy returned info for version " + parsed.version() + " instead of requested version "
                        + version);
            }
            ProxyClient.Response mod = client.get(proxy, GoProxyParams.versionFile(module, version, ".mod"), Endpoint.MOD,
                    MAX_GO_MOD);
            if (!mod.ok()) {
                throw new Unusable(ProxyErrors.describe(".mod", mod));
            }
            if (mod.truncated()) {
                throw new Unusable(".mod is larger than the go.mod limit of 16 MiB");
            }
            String declared = GoMod.modulePath(mod.body()).orElse(null);
            if (!module.equals(declared)) {
                throw new Unusable(declared == null ? ".mod has no module directive" : ".mod declares module " + declared
                        + ", not " + module);
            }
            Path zip = Files.createTempFile(Files.createDirectories(probe.context().dataDir().resolve("tmp")), "module-", ".zip");
            try {
                ProxyClient.Response download = client.download(proxy, GoProxyParams.versionFile(module, version, ".zip"),
                        Endpoint.ZIP, zip, MAX_ZIP);
                if (!download.ok()) {
                    throw new Unusable(ProxyErrors.describe(".zip", download));
                }
                if (download.truncated()) {
                    throw new Unusable("downloaded zip file too large (more than " + MAX_ZIP + " bytes)");
                }
                ModuleZip.Verification verification = ModuleZip.verify(zip, module, version);
                if (!verification.problems().isEmpty()) {
                    List<String> problems = verification.problems().stream().map(p -> "zip: " + p).toList();
                    throw new Unusable(problems.get(0), problems);
                }
                if (verification.goMod() != null && !Arrays.equals(verification.goMod(), mod.body())) {
                    throw new Unusable("the go.mod inside the zip differs from the .mod the proxy served");
                }
                return new Fetched(verification.h1(), DirHash.goModHash(mod.body()), verification.files(), Files.size(zip));
            } finally {
                Files.deleteIfExists(zip);
            }
        } catch (ProxyException | IllegalArgumentException e) {
            throw new Unusable(e.getMessage());
        }
    }
}
