package io.smokegate.check.sumdb;

import io.smokegate.check.CheckFamily;
import io.smokegate.check.CheckType;
import io.smokegate.check.Measure;
import java.util.List;

/** The checksum-database checks (sumdb.verify, gosum.verify) and what they measure. */
public final class SumdbFamily implements CheckFamily {

    public static final Measure TREE_SIZE = new Measure("SUMDB_TREE_SIZE", "sumdb_tree_size",
            "Records in the newest verified checksum-database tree", List.of());
    public static final Measure TREE_AGE = new Measure("SUMDB_TREE_AGE", "sumdb_tree_age_seconds",
            "Time since the verified checksum-database tree last grew", List.of());
    public static final Measure TILE_CACHE_HITS = new Measure("SUMDB_TILE_CACHE_HITS", "sumdb_tile_cache_hits",
            "Tiles the last probe found in the on-disk cache", List.of());
    public static final Measure TILE_CACHE_MISSES = new Measure("SUMDB_TILE_CACHE_MISSES", "sumdb_tile_cache_misses",
            "Tiles the last probe had to download", List.of());

    @Override
    public String name() {
        return "sumdb";
    }

    @Override
    public List<CheckType> types() {
        return List.of(new SumdbVerifyCheckType(), new GoSumVerifyCheckType());
    }

    @Override
    public List<Measure> measures() {
        return List.of(TREE_SIZE, TREE_AGE, TILE_CACHE_HITS, TILE_CACHE_MISSES);
    }
}
