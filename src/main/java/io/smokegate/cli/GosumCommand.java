package io.smokegate.cli;

import io.smokegate.gomod.DirHash;
import io.smokegate.gomod.GoMod;
import io.smokegate.gomod.InvalidModuleException;
import io.smokegate.gomod.ModulePaths;
import io.smokegate.gomod.ModuleZip;
import io.smokegate.gomod.ModuleZipWriter;
import io.smokegate.gomod.Semver;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "gosum",
        description = {"Print the go.sum lines the go command would record for a module zip, a module directory or a go.mod.",
            "A go.mod may be any *.mod file; a proxy's VERSION.mod names its version.",
            "A zip is checked against every module zip rule first; its module and version come from its entries."},
        footer = {"", "Exit codes: 0 hashes printed, 1 the zip breaks a module zip rule, 2 invalid input."})
final class GosumCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE|DIR", description = "A module zip, a module directory or a go.mod (*.mod) file.")
    Path target;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "VERSION", description = "The version, for a directory (required there).")
    String version;

    @Option(names = "--module", paramLabel = "PATH", description = "The module path, when go.mod does not give it.")
    String module;

    private final PrintStream out;
    private final PrintStream err;

    GosumCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            if (Files.isDirectory(target)) {
                return directory();
            }
            if (target.getFileName().toString().endsWith(".mod")) {
                return goMod();
            }
            return zip();
        } catch (NoSuchFileException e) {
            err.println("error: " + target + ": no such file");
            return ExitCode.INVALID;
        } catch (IOException | InvalidModuleException e) {
            err.println("error: " + target + ": " + e.getMessage());
            return ExitCode.INVALID;
        }
    }

    /** A go.mod file, or one saved as a proxy serves it ({@code $module/@v/$version.mod}, which names the version). */
    private int goMod() throws IOException {
        byte[] goMod = Files.readAllBytes(target);
        String path = module != null ? module : GoMod.modulePath(goMod).orElse("<module>");
        String v = version != null ? version : versionOf(target.getFileName().toString()).orElse("<version>");
        out.println(path + " " + v + "/go.mod " + DirHash.goModHash(goMod));
        return ExitCode.PASSED;
    }

    /** The version a proxy's {@code $version.mod} file name gives (case-escaped, as in {@code v1.0.0-!r!c1.mod}). */
    static Optional<String> versionOf(String fileName) {
        try {
            String v = ModulePaths.unescapeVersion(fileName.substring(0, fileName.length() - ".mod".length()));
            return Semver.isValid(v) ? Optional.of(v) : Optional.empty();
        } catch (InvalidModuleException e) {
            return Optional.empty();
        }
    }

    private int directory() throws IOException, InvalidModuleException {
        if (version == null) {
            err.println("error: --version: a directory has no version; give the one it will be published as, e.g. --version v1.2.3");
            return ExitCode.INVALID;
        }
        Path goModFile = target.resolve("go.mod");
        byte[] goMod = Files.exists(goModFile) ? Files.readAllBytes(goModFile) : null;
        String path = module != null ? module : goMod == null ? null : GoMod.modulePath(goMod).orElse(null);
        if (path == null) {
            err.println("error: --module: " + target + " has no go.mod naming the module; give it with --module");
            return ExitCode.INVALID;
        }
        if (goMod == null) {
            goMod = ("module " + path + "\n").getBytes(StandardCharsets.UTF_8);
        }
        out.println(path + " " + version + " " + ModuleZipWriter.hashDirectory(target, path, version));
        out.println(path + " " + version + "/go.mod " + DirHash.goModHash(goMod));
        return ExitCode.PASSED;
    }

    private int zip() throws IOException {
        String prefix = prefix();
        if (prefix == null) {
            err.println("error: " + target + ": not a module zip (its first entry is not under module@version/)");
            return ExitCode.INVALID;
        }
        int at = prefix.lastIndexOf('@');
        String path = prefix.substring(0, at);
        String v = prefix.substring(at + 1);
        ModuleZip.Verification verification = ModuleZip.verify(target, path, v);
        if (!verification.problems().isEmpty()) {
            verification.problems().forEach(p -> err.println("error: " + target + ": " + p));
            return ExitCode.FAILED;
        }
        byte[] goMod = verification.goMod() != null ? verification.goMod()
                : ("module " + path + "\n").getBytes(StandardCharsets.UTF_8);
        out.println(path + " " + v + " " + verification.h1());
        out.println(path + " " + v + "/go.mod " + DirHash.goModHash(goMod));
        return ExitCode.PASSED;
    }

    /** {@code module@version} from the first entry's name; null if it has none. */
    private String prefix() throws IOException {
        try (ZipFile zip = new ZipFile(target.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            if (!entries.hasMoreElements()) {
                return null;
            }
            String name = entries.nextElement().getName();
            int slash = name.indexOf('/', name.indexOf('@') + 1);
            return name.indexOf('@') > 0 && slash > 0 ? name.substring(0, slash) : null;
        } catch (ZipException e) {
            return null;
        }
    }
}
