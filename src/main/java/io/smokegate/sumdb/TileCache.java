package io.smokegate.sumdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Full hash tiles of one checksum database on disk. A full tile never changes once the tree has grown
 * past it, so it is fetched once; partial tiles (the tree's ragged right edge) are never cached. Only
 * tiles that took part in a successful proof are written, so a lying server cannot poison the cache.
 */
public final class TileCache {

    private final Path directory;

    public TileCache(Path dataDir, String database) {
        this.directory = SumdbFiles.directory(dataDir, database);
    }

    public static boolean cacheable(Tile tile) {
        return tile.level() >= 0 && tile.width() == 1 << tile.height();
    }

    public Optional<byte[]> read(Tile tile) throws IOException {
        if (!cacheable(tile)) {
            return Optional.empty();
        }
        try {
            byte[] data = Files.readAllBytes(directory.resolve(tile.path()));
            return data.length == 32 * tile.width() ? Optional.of(data) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public void write(Tile tile, byte[] data) throws IOException {
        if (cacheable(tile) && data.length == 32 * tile.width()) {
            SumdbFiles.write(directory.resolve(tile.path()), data);
        }
    }
}
