package io.smokegate.techdebt;

/**
 * One place a tech-debt scan looks: manifest directories, Helm releases of a cluster, workloads for hygiene …
 * The {@link TechDebtScanner} runs every source and merges their results; a new source plugs in by implementing
 * this, without changes to the scanner.
 *
 * <p>A source reports what it could not look at as {@link Skipped} entries rather than throwing: a scan that
 * cannot reach one cluster still reports the others.
 */
public interface TechDebtSource {

    /** Short and stable, e.g. {@code file}; names this source in {@link Skipped} entries when it fails as a whole. */
    String name();

    /**
     * Scans once. {@code table} and {@code targets} judge API versions; blocking is expected (file and network I/O).
     */
    SourceResult scan(DeprecatedApis table, TargetVersions targets);
}
