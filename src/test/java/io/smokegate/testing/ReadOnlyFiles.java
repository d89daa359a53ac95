package io.smokegate.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes a file really read-only for this process, which is harder than it sounds when tests run as root:
 * root ignores permission bits (CAP_DAC_OVERRIDE), so {@code chmod 0444} stops nobody. For root the file
 * gets the immutable attribute instead ({@code chattr +i}), which binds root too; that needs
 * CAP_LINUX_IMMUTABLE (missing in Docker's default set) and a file system that supports it (ext4, xfs,
 * btrfs; not older tmpfs). Whatever was done is checked by really trying to write, and undone on close.
 */
public final class ReadOnlyFiles {

    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");

    private ReadOnlyFiles() {
    }

    /** How the protection was achieved, for messages; {@link #close()} undoes it. */
    public interface Protection extends AutoCloseable {
        String how();

        @Override
        void close();
    }

    /** Protects {@code file}; empty if this process (root without the means) cannot be kept from writing it. */
    public static Optional<Protection> protect(Path file) {
        try {
            if (!CurrentUser.isRoot()) {
                Set<PosixFilePermission> before = Files.getPosixFilePermissions(file);
                Files.setPosixFilePermissions(file, READ_ONLY);
                Protection p = protection("chmod 0444", () -> Files.setPosixFilePermissions(file, before));
                return verified(file, p);
            }
            if (!command("chattr", "+i", file.toString())) {
                return Optional.empty();
            }
            return verified(file, protection("chattr +i", () -> command("chattr", "-i", file.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Permission bits that stop a process without CAP_DAC_OVERRIDE, e.g. one started by {@link ChildJvm} without it. */
    public static void chmodReadOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, READ_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True if this process can open {@code file} for writing. */
    public static boolean writable(Path file) {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Protection> verified(Path file, Protection p) {
        if (writable(file)) {
            p.close();
            return Optional.empty();
        }
        return Optional.of(p);
    }

    @FunctionalInterface
    private interface Undo {
        void run() throws IOException;
    }

    private static Protection protection(String how, Undo undo) {
        return new Protection() {
            @Override
            public String how() {
                return how;
            }

            @Override
            public void close() {
                try {
                    undo.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static boolean command(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
