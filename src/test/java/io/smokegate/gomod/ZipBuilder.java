package io.smokegate.gomod;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip files field by field, so tests can make every kind of broken zip a hostile or buggy
 * proxy could serve: lying sizes, duplicate and non-UTF-8 names, symlinks, encryption flags, odd
 * methods. java.util.zip refuses most of these.
 */
final class ZipBuilder {

    /** One entry; every field can be set to a lie after the honest defaults are filled in. */
    static final class Entry {
        private final byte[] name;
        private byte[] data;
        private int method;
        private long crc;
        private long compressedSize;
        private long declaredSize;
        private int flags;
        private int madeBy = 20;
        private long externalAttributes;
        private long headerOffset = -1;

        private Entry(byte[] name, byte[] content, boolean deflate) {
            this.name = name;
            this.data = deflate ? deflate(content) : content;
            this.method = deflate ? 8 : 0;
            CRC32 c = new CRC32();
            c.update(content);
            this.crc = c.getValue();
            this.compressedSize = data.length;
            this.declaredSize = content.length;
        }

        Entry declaredSize(long size) {
            this.declaredSize = size;
            return this;
        }

        Entry compressedSize(long size) {
            this.compressedSize = size;
            return this;
        }

        Entry method(int m) {
            this.method = m;
            return this;
        }

        Entry flags(int f) {
            this.flags = f;
            return this;
        }

        Entry crc(long value) {
            this.crc = value;
            return this;
        }

        /** Points the central directory somewhere other than the entry's local header. */
        Entry localHeaderOffset(long offset) {
            this.headerOffset = offset;
            return this;
        }

        /** Made on Unix with the given file mode in the high half of the external attributes. */
        Entry unixMode(int mode) {
            this.madeBy = 3 << 8 | 20;
            this.externalAttributes = (long) mode << 16;
            return this;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private boolean zip64End;
    private long entryCount = -1;

    Entry file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Entry file(String name, byte[] content) {
        return add(new Entry(name.getBytes(StandardCharsets.UTF_8), content, true));
    }

    Entry stored(String name, byte[] content) {
        return add(new Entry(name.getBytes(StandardCharsets.UTF_8), content, false));
    }

    Entry rawName(byte[] name, String content) {
        return add(new Entry(name, content.getBytes(StandardCharsets.UTF_8), true));
    }

    /** Ends the zip with ZIP64 end records and a saturated classic end record, as large-zip writers do. */
    ZipBuilder zip64End() {
        this.zip64End = true;
        return this;
    }

    /** Claims this many entries in the ZIP64 end record, whatever was added. */
    ZipBuilder claimEntries(long count) {
        this.entryCount = count;
        return zip64End();
    }

    Path writeTo(Path file) throws IOException {
        return Files.write(file, bytes());
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] offsets = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            offsets[i] = out.size();
            boolean big = e.declaredSize >= 0xFFFFFFFFL || e.compressedSize >= 0xFFFFFFFFL;
            byte[] extra = big ? le(8 + 16).putShort((short) 1).putShort((short) 16).putLong(e.declaredSize)
                    .putLong(e.compressedSize).array() : new byte[0];
            out.writeBytes(le(30).putInt(0x04034b50).putShort((short) (big ? 45 : 20)).putShort((short) e.flags)
                    .putShort((short) e.method).putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc)
                    .putInt(big ? -1 : (int) e.compressedSize).putInt(big ? -1 : (int) e.declaredSize)
                    .putShort((short) e.name.length).putShort((short) extra.length).array());
            out.writeBytes(e.name);
            out.writeBytes(extra);
            out.writeBytes(e.data);
        }
        long directoryStart = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            ByteBuffer zip64 = le(4 + 24).putShort((short) 1).putShort((short) 0);
            long declared = saturate(e.declaredSize, zip64);
            long compressed = saturate(e.compressedSize, zip64);
            byte[] extra = zip64.position() == 4 ? new byte[0]
                    : Arrays.copyOf(zip64.putShort(2, (short) (zip64.position() - 4)).array(), zip64.position());
            out.writeBytes(le(46).putInt(0x02014b50).putShort((short) e.madeBy).putShort((short) 20).putShort((short) e.flags)
                    .putShort((short) e.method).putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc)
                    .putInt((int) compressed).putInt((int) declared).putShort((short) e.name.length)
                    .putShort((short) extra.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putInt((int) e.externalAttributes).putInt((int) (e.headerOffset < 0 ? offsets[i] : e.headerOffset)).array());
            out.writeBytes(e.name);
            out.writeBytes(extra);
        }
        long directorySize = out.size() - directoryStart;
        if (zip64End) {
            long zip64Start = out.size();
            out.writeBytes(le(56).putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(entries.size()).putLong(entryCount < 0 ? entries.size() : entryCount).putLong(directorySize)
                    .putLong(directoryStart).array());
            out.writeBytes(le(20).putInt(0x07064b50).putInt(0).putLong(zip64Start).putInt(1).array());
        }
        int count = zip64End ? 0xFFFF : entries.size();
        out.writeBytes(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) count)
                .putShort((short) count).putInt(zip64End ? -1 : (int) directorySize).putInt(zip64End ? -1 : (int) directoryStart)
                .putShort((short) 0).array());
        return out.toByteArray();
    }

    private Entry add(Entry e) {
        entries.add(e);
        return e;
    }

    /** The 32-bit header value for a size, moving sizes that do not fit into the ZIP64 extra field. */
    private static long saturate(long size, ByteBuffer zip64) {
        if (size < 0xFFFFFFFFL) {
            return size;
        }
        zip64.putLong(size);
        return 0xFFFFFFFFL;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 << 10];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
