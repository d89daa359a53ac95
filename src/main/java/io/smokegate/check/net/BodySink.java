package io.smokegate.check.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a response body goes: memory, or a stream such as a file for bodies too large to hold. At most
 * {@code max} bytes are kept; {@link #truncated()} says more arrived, and reading stops there.
 */
public final class BodySink {

    private final OutputStream target;
    private final ByteArrayOutputStream memory;
    private final long max;
    private long written;
    private boolean truncated;

    private BodySink(OutputStream target, ByteArrayOutputStream memory, long max) {
        this.target = target;
        this.memory = memory;
        this.max = max;
    }

    public static BodySink inMemory(long max) {
        ByteArrayOutputStream memory = new ByteArrayOutputStream((int) Math.min(max, 256));
        return new BodySink(memory, memory, max);
    }

    /** Writes into {@code out}, which the caller closes; the response then carries no body bytes. */
    public static BodySink to(OutputStream out, long max) {
        return new BodySink(out, null, max);
    }

    void write(byte[] b, int off, int len) throws IOException {
        int room = (int) Math.max(0, Math.min(len, max - written));
        target.write(b, off, room);
        written += room;
        if (room < len) {
            truncated = true;
        }
    }

    public boolean truncated() {
        return truncated;
    }

    public long written() {
        return written;
    }

    byte[] bytes() {
        return memory == null ? new byte[0] : memory.toByteArray();
    }
}
