package io.smokegate.gomod;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A zip file's central directory, read from the raw records (end of central directory, ZIP64 end
 * record and locator, file headers) so that duplicates, raw name bytes and external attributes
 * survive, which java.util.zip hides. Entry count and directory size are capped before anything is
 * allocated for them, so a hostile directory cannot exhaust memory.
 */
record CentralDirectory(long offset, List<Entry> entries) {

    static final int MAX_ENTRIES = 500_000;
    static final long MAX_SIZE = 64L << 20;

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_LENGTH = 22;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_LOCATOR_LENGTH = 20;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int HEADER_SIGNATURE = 0x02014b50;
    private static final long SATURATED_32 = 0xFFFFFFFFL;
    private static final int SATURATED_16 = 0xFFFF;
    private static final int ZIP64_EXTRA = 0x0001;

    /** One central directory file header, as stored; sizes and offset already taken from a ZIP64 extra field if needed. */
    record Entry(byte[] name, int versionMadeBy, int flags, int method, long crc32, long compressedSize,
            long uncompressedSize, long externalAttributes, long localHeaderOffset) {
    }

    static CentralDirectory read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            throw new ZipFormatException("not a zip file: the file is empty");
        }
        long endOffset = findEnd(channel, size);
        ChannelInput end = new ChannelInput(channel, endOffset + 4, endOffset + END_LENGTH, "end of central directory record");
        end.skip(6);
        long count = end.u16();
        long dirSize = end.u32();
        long dirOffset = end.u32();
        long dirEnd = endOffset;
        if (count == SATURATED_16 || dirSize == SATURATED_32 || dirOffset == SATURATED_32) {
            long zip64End = zip64End(channel, endOffset);
            if (zip64End >= 0) {
                ChannelInput z = new ChannelInput(channel, zip64End, endOffset, "ZIP64 end of central directory record");
                if (z.u32() != ZIP64_END_SIGNATURE) {
                    throw new ZipFormatException("not a zip file: bad ZIP64 end of central directory record");
                }
                z.skip(28);
                count = z.u64();
                dirSize = z.u64();
                dirOffset = z.u64();
                dirEnd = zip64End;
            }
        }
        if (count < 0 || count > MAX_ENTRIES) {
            throw new ZipFormatException("too many entries in zip file (" + Long.toUnsignedString(count)
                    + "; limit is " + MAX_ENTRIES + ")");
        }
        if (dirSize < 0 || dirSize > MAX_SIZE) {
            throw new ZipFormatException("zip central directory too large (" + Long.toUnsignedString(dirSize)
                    + " bytes; limit is " + MAX_SIZE + " bytes)");
        }
        if (dirOffset < 0 || dirOffset > dirEnd - dirSize) {
            throw new ZipFormatException("not a zip file: the central directory (offset " + Long.toUnsignedString(dirOffset)
                    + ", " + dirSize + " bytes) lies outside the file");
        }
        return new CentralDirectory(dirOffset, entries(channel, dirOffset, dirOffset + dirSize, (int) count));
    }

    /**
     * The end record is within the last 64 KiB + 22 bytes (its comment is at most 65,535 bytes). Like
     * Go, take the last signature whose comment fits in the file; without one, say whether this looks
     * like a zip cut short (it starts like one) or something else entirely, such as an HTML error page.
     */
    private static long findEnd(FileChannel channel, long size) throws IOException {
        int tail = (int) Math.min(size, END_LENGTH + 0xFFFF);
        ByteBuffer b = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, b, size - tail);
        for (int i = tail - END_LENGTH; i >= 0; i--) {
            if (b.getInt(i) == END_SIGNATURE && i + END_LENGTH + (b.getShort(i + 20) & 0xFFFF) <= tail) {
                return size - tail + i;
            }
        }
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 16));
        readFully(channel, head, 0);
        byte[] start = head.array();
        if (start.length >= 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4) {
            throw new ZipFormatException("truncated zip file: no end of central directory record");
        }
        throw new ZipFormatException("not a zip file: no end of central directory record (the file starts with "
                + GoText.quote(start) + ")");
    }

    /** Where the ZIP64 end record is, per the locator just before the end record, or -1 if there is no locator. */
    private static long zip64End(FileChannel channel, long endOffset) throws IOException {
        if (endOffset < ZIP64_LOCATOR_LENGTH) {
            return -1;
        }
        ChannelInput locator = new ChannelInput(channel, endOffset - ZIP64_LOCATOR_LENGTH, endOffset, "ZIP64 locator");
        if (locator.u32() != ZIP64_LOCATOR_SIGNATURE) {
            return -1;
        }
        locator.skip(4);
        long offset = locator.u64();
        if (offset < 0 || offset > endOffset - ZIP64_LOCATOR_LENGTH - 56) {
            throw new ZipFormatException("not a zip file: bad ZIP64 end of central directory locator");
        }
        return offset;
    }

    private static List<Entry> entries(FileChannel channel, long start, long end, int count) throws IOException {
        ChannelInput in = new ChannelInput(channel, start, end, "central directory");
        List<Entry> entries = new ArrayList<>(Math.min(count, 1 << 16));
        for (int i = 0; i < count; i++) {
            if (in.u32() != HEADER_SIGNATURE) {
                throw new ZipFormatException("not a zip file: bad central directory header (entry " + (i + 1)
                        + " of " + count + ")");
            }
            int versionMadeBy = in.u16();
            in.skip(2);
            int flags = in.u16();
            int method = in.u16();
            in.skip(4);
            long crc = in.u32();
            long compressed = in.u32();
            long uncompressed = in.u32();
            int nameLength = in.u16();
            int extraLength = in.u16();
            int commentLength = in.u16();
            in.skip(4);
            long external = in.u32();
            long offset = in.u32();
            byte[] name = in.bytes(nameLength);
            byte[] extra = in.bytes(extraLength);
            in.skip(commentLength);
            // Only the fields saturated in the header are present in the extra field, in this order.
            boolean needUncompressed = uncompressed == SATURATED_32;
            boolean needCompressed = compressed == SATURATED_32;
            boolean needOffset = offset == SATURATED_32;
            ByteBuffer x = ByteBuffer.wrap(extra).order(ByteOrder.LITTLE_ENDIAN);
            while (x.remaining() >= 4 && (needUncompressed || needCompressed || needOffset)) {
                int id = x.getShort() & 0xFFFF;
                int length = x.getShort() & 0xFFFF;
                if (length > x.remaining()) {
                    break;
                }
                ByteBuffer field = x.slice(x.position(), length).order(ByteOrder.LITTLE_ENDIAN);
                x.position(x.position() + length);
                if (id != ZIP64_EXTRA) {
                    continue;
                }
                if (needUncompressed && field.remaining() >= 8) {
                    uncompressed = field.getLong();
                    needUncompressed = false;
                }
                if (needCompressed && field.remaining() >= 8) {
                    compressed = field.getLong();
                    needCompressed = false;
                }
                if (needOffset && field.remaining() >= 8) {
                    offset = field.getLong();
                    needOffset = false;
                }
            }
            // Go accepts a saturated uncompressed size without the extra field (old zip32 writers), but not the others.
            if (needCompressed || needOffset) {
                throw new ZipFormatException("not a zip file: entry " + GoText.quote(name) + " lacks its ZIP64 extra field");
            }
            entries.add(new Entry(name, versionMadeBy, flags, method, crc, compressed, uncompressed, external, offset));
        }
        return entries;
    }

    private static void readFully(FileChannel channel, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            int n = channel.read(b, position + b.position());
            if (n < 0) {
                throw new ZipFormatException("truncated zip file: it ends while being read");
            }
        }
    }
}
