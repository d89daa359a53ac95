package io.smokegate.check.net;

import io.smokegate.check.Probe;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Time spent in each phase of a network probe, summed over redirects, with the phase names
 * blackbox_exporter uses so dashboards carry over.
 */
public final class PhaseTimer {

    /** TUNNEL is smokegate's own: the CONNECT exchange with an HTTP proxy, between CONNECT (to the proxy) and TLS. */
    public enum Phase {
        RESOLVE, CONNECT, TUNNEL, TLS, PROCESSING, TRANSFER;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final EnumMap<Phase, Long> nanos = new EnumMap<>(Phase.class);
    private long mark = System.nanoTime();
    private Phase current = Phase.RESOLVE;
    private boolean tls;

    /** Starts a new connection attempt from now; the next {@link #end} measures from here. */
    public void start(boolean withTls) {
        mark = System.nanoTime();
        current = Phase.RESOLVE;
        tls = withTls;
    }

    /** Starts a request on a connection kept open from an earlier one: no resolve, connect or TLS phase. */
    public void reuse() {
        mark = System.nanoTime();
        current = Phase.PROCESSING;
    }

    /** Ends {@code phase} now and starts the next one. */
    public void end(Phase phase) {
        long now = System.nanoTime();
        nanos.merge(phase, now - mark, Long::sum);
        mark = now;
        current = switch (phase) {
            case RESOLVE -> Phase.CONNECT;
            case CONNECT -> tls ? Phase.TLS : Phase.PROCESSING;
            case TUNNEL -> Phase.TLS;
            case TLS -> Phase.PROCESSING;
            case PROCESSING, TRANSFER -> Phase.TRANSFER;
        };
    }

    /** Goes on with a proxy's CONNECT tunnel, then the TLS handshake through it, after connecting to the proxy. */
    public void tunnel() {
        current = Phase.TUNNEL;
        tls = true;
    }

    /** What the probe was doing when it stopped, for failure messages. */
    public String step() {
        return switch (current) {
            case RESOLVE -> "resolving the host name";
            case CONNECT -> "connecting";
            case TUNNEL -> "opening a tunnel through the proxy";
            case TLS -> "in the TLS handshake";
            case PROCESSING -> "waiting for the response";
            case TRANSFER -> "reading the response";
        };
    }

    public long totalNanos() {
        return nanos.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records every phase that happened as a measurement and as a detail in milliseconds. */
    public void report(Probe probe) {
        Map<String, Object> ms = new LinkedHashMap<>();
        for (Map.Entry<Phase, Long> e : nanos.entrySet()) {
            probe.measure(NetFamily.PHASE_DURATION, e.getValue() / 1e9, e.getKey().label());
            ms.put(e.getKey().label(), Math.round(e.getValue() / 1e4) / 100.0);
        }
        probe.detail("phasesMs", ms);
    }
}
