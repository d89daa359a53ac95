package io.smokegate.sumdb;

import java.io.IOException;

/**
 * The bytes served at {@code tile.path()} under a checksum database's base URL. Fetching, the fallback from a
 * missing partial tile to the full one, caching and counting belong to the implementation; the proofs only
 * check what they get, so a cache can never make a bad tile pass.
 */
@FunctionalInterface
public interface TileSource {

    byte[] read(Tile tile) throws IOException;
}
