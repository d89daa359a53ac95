package io.smokegate.gomod;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Little-endian reads from one region of a file through a small buffer, so a zip's structures can be
 * walked without mapping or loading the file. Reading past the region's end is a
 * {@link ZipFormatException} naming the region.
 */
final class ChannelInput {

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 << 10).order(ByteOrder.LITTLE_ENDIAN);
    private long position;
    private long end;
    private String region;

    ChannelInput(FileChannel channel, long start, long end, String region) {
        this.channel = channel;
        moveTo(start, end, region);
    }

    /** Reuses this reader (and its buffer) for another region, so reading many entries allocates nothing per entry. */
    void moveTo(long start, long end, String region) {
        buffer.clear().limit(0);
        this.position = start;
        this.end = end;
        this.region = region;
    }

    int u16() throws IOException {
        return fill(2).getShort() & 0xFFFF;
    }

    long u32() throws IOException {
        return fill(4).getInt() & 0xFFFFFFFFL;
    }

    /** An unsigned 64-bit value; above {@link Long#MAX_VALUE} it comes back negative, and callers treat it as too large. */
    long u64() throws IOException {
        return fill(8).getLong();
    }

    byte[] bytes(int n) throws IOException {
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            int chunk = Math.min(n - done, buffer.capacity());
            fill(chunk).get(out, done, chunk);
            done += chunk;
        }
        return out;
    }

    void skip(long n) throws IOException {
        long fromBuffer = Math.min(n, buffer.remaining());
        buffer.position(buffer.position() + (int) fromBuffer);
        if (n - fromBuffer > end - position) {
            throw new ZipFormatException(region + " ends early");
        }
        position += n - fromBuffer;
    }

    /** Up to {@code max} bytes into {@code out}, fewer only at the region's end (then possibly 0). */
    int read(byte[] out, int max) throws IOException {
        if (!buffer.hasRemaining()) {
            if (position == end) {
                return 0;
            }
            refill(1);
        }
        int n = Math.min(max, buffer.remaining());
        buffer.get(out, 0, n);
        return n;
    }

    private ByteBuffer fill(int n) throws IOException {
        if (buffer.remaining() < n) {
            refill(n);
        }
        return buffer;
    }

    private void refill(int n) throws IOException {
        buffer.compact();
        int wanted = (int) Math.min(buffer.remaining(), end - position);
        if (buffer.position() + wanted < n) {
            throw new ZipFormatException(region + " ends early");
        }
        buffer.limit(buffer.position() + wanted);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new ZipFormatException(region + " ends early");
            }
            position += read;
        }
        buffer.flip();
    }
}
