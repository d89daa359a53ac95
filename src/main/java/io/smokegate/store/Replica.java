package io.smokegate.store;

import java.time.Instant;

/**
 * One {@code serve} process that shares the database: a new id at every start, the host and process that
 * carry it, and when it last said it was alive.
 *
 * @param processStart when the operating system started the process (ms), to tell a reused pid from the same process
 */
public record Replica(String id, String host, long pid, long processStart, Instant startedAt, Instant heartbeatAt) {
}
