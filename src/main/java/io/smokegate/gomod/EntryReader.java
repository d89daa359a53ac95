package io.smokegate.gomod;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Streams one zip entry's data through SHA-256 and CRC-32, never producing more than its declared
 * size + 1 bytes: a deflate stream can expand a thousandfold, so the declared size is the only
 * bound a hostile zip cannot dodge. Buffers, inflater and digests are reused from entry to entry.
 */
final class EntryReader implements AutoCloseable {

    static final int STORED = 0;
    static final int DEFLATED = 8;

    private final byte[] input = new byte[64 << 10];
    private final byte[] output = new byte[64 << 10];
    private final Inflater inflater = new Inflater(true);
    private final MessageDigest sha256 = DirHash.sha256();
    private final CRC32 crc = new CRC32();

    /** The content's SHA-256 and, if asked for, the content itself; or, instead, what is wrong with the data. */
    record Result(byte[] sha256, byte[] content, String problem) {
        static Result problem(String problem) {
            return new Result(null, null, problem);
        }
    }

    /**
     * @param data    the entry's compressed bytes, exactly as long as the central directory says
     * @param keep    whether to return the content too (only for entries declared small, like go.mod)
     */
    Result read(ChannelInput data, String name, CentralDirectory.Entry entry, boolean keep) throws IOException {
        sha256.reset();
        crc.reset();
        inflater.reset();
        long declared = entry.uncompressedSize();
        ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream((int) declared) : null;
        long produced = 0;
        while (true) {
            int room = (int) Math.min(output.length, declared + 1 - produced);
            int n;
            if (entry.method() == STORED) {
                n = data.read(output, room);
                if (n == 0) {
                    break;
                }
            } else {
                try {
                    n = inflater.inflate(output, 0, room);
                } catch (DataFormatException e) {
                    return Result.problem(name + ": invalid deflate data: " + e.getMessage());
                }
                if (n == 0) {
                    if (inflater.finished()) {
                        break;
                    }
                    if (inflater.needsDictionary()) {
                        return Result.problem(name + ": invalid deflate data: it needs a preset dictionary");
                    }
                    int in = data.read(input, input.length);
                    if (in == 0) {
                        return Result.problem(name + ": compressed data ends early");
                    }
                    inflater.setInput(input, 0, in);
                    continue;
                }
            }
            produced += n;
            if (produced > declared) {
                return Result.problem("uncompressed size of file " + name + " is larger than declared size (" + declared + " bytes)");
            }
            sha256.update(output, 0, n);
            crc.update(output, 0, n);
            if (kept != null) {
                kept.write(output, 0, n);
            }
        }
        if (produced < declared) {
            return Result.problem("uncompressed size of file " + name + " is smaller than declared size (" + declared + " bytes)");
        }
        // Like Go, a zero CRC in the directory means "not recorded here" (it is in a data descriptor).
        if (entry.crc32() != 0 && crc.getValue() != entry.crc32()) {
            return Result.problem(name + ": CRC-32 of the content is " + String.format("%08x", crc.getValue())
                    + ", the central directory says " + String.format("%08x", entry.crc32()));
        }
        return new Result(sha256.digest(), kept == null ? null : kept.toByteArray(), null);
    }

    @Override
    public void close() {
        inflater.end();
    }
}
