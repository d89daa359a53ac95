package io.smokegate.gomod;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** The {@code h1:} hash of go.sum and the checksum database (golang.org/x/mod/sumdb/dirhash Hash1). */
public final class DirHash {

    /** A file's name as it goes into the summary, and the SHA-256 of its content. */
    public record FileDigest(String name, byte[] sha256) {
        public FileDigest {
            if (sha256.length != 32) {
                throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
            }
        }
    }

    /** {@link FileDigest} with the name as stored bytes, for zip entries whose names are not UTF-8. */
    record RawFileDigest(byte[] name, byte[] sha256) {
    }

    private DirHash() {
    }

    /**
     * {@code "h1:" + base64(sha256(summary))}, the summary holding one line
     * {@code hex(sha256) + "  " + name + "\n"} per file, sorted by the names' UTF-8 bytes as Go sorts
     * strings (Java's UTF-16 order differs beyond the Basic Multilingual Plane).
     */
    public static String hash1(List<FileDigest> files) throws InvalidModuleException {
        List<RawFileDigest> raw = new ArrayList<>(files.size());
        for (FileDigest f : files) {
            raw.add(new RawFileDigest(f.name().getBytes(StandardCharsets.UTF_8), f.sha256()));
        }
        return hash1Raw(raw);
    }

    static String hash1Raw(List<RawFileDigest> files) throws InvalidModuleException {
        for (RawFileDigest f : files) {
            for (byte b : f.name()) {
                if (b == '\n') {
                    throw new InvalidModuleException("dirhash: filenames with newlines are not supported");
                }
            }
        }
        return summaryHash(files);
    }

    /** The hash in a {@code module version/go.mod h1:...} go.sum line: Hash1 of one file named {@code go.mod}. */
    public static String goModHash(byte[] goMod) {
        return summaryHash(List.of(new RawFileDigest("go.mod".getBytes(StandardCharsets.US_ASCII), sha256().digest(goMod))));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String summaryHash(List<RawFileDigest> files) {
        List<RawFileDigest> sorted = new ArrayList<>(files);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
        MessageDigest summary = sha256();
        HexFormat hex = HexFormat.of();
        for (RawFileDigest f : sorted) {
            summary.update(hex.formatHex(f.sha256()).getBytes(StandardCharsets.US_ASCII));
            summary.update("  ".getBytes(StandardCharsets.US_ASCII));
            summary.update(f.name());
            summary.update((byte) '\n');
        }
        return "h1:" + Base64.getEncoder().encodeToString(summary.digest());
    }
}
