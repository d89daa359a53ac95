package io.smokegate.sumdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A log of generated records and a server's view of it: its trees and the hash tiles it would serve. */
final class TestLog {

    private final List<String> records = new ArrayList<>();
    private final List<byte[]> leaves = new ArrayList<>();

    /** {@code size} records whose text starts with {@code prefix}, so two prefixes make two different logs. */
    TestLog(String prefix, int size) {
        for (int i = 0; i < size; i++) {
            add(prefix + " record " + i + " h1:" + i + "\n");
        }
    }

    TestLog(List<String> records) {
        records.forEach(this::add);
    }

    private void add(String record) {
        records.add(record);
        leaves.add(Tlog.recordHash(record.getBytes(StandardCharsets.UTF_8)));
    }

    byte[] record(long id) {
        return records.get((int) id).getBytes(StandardCharsets.UTF_8);
    }

    List<byte[]> leaves() {
        return leaves;
    }

    /** The tree of the first {@code size} records, as the log would have signed it then. */
    Tree tree(long size) {
        return new Tree(size, Tlog.treeHash(leaves.subList(0, (int) size)));
    }

    Tree tree() {
        return tree(leaves.size());
    }

    /** Serves this log's hash tiles and records which were read, in order. */
    Tiles tiles() {
        return new Tiles();
    }

    final class Tiles implements TileSource {

        private final Map<Tile, byte[]> served = new HashMap<>();
        final List<String> reads = new ArrayList<>();

        @Override
        public byte[] read(Tile tile) throws IOException {
            reads.add(tile.path());
            return served.computeIfAbsent(tile, t -> Tile.hashTile(t, leaves)).clone();
        }
    }
}
