package io.smokegate.check.net;

import io.smokegate.check.Check;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.input.Durations;
import io.smokegate.text.Plural;
import io.vertx.core.Future;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.DnsException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The prepared {@code dns} check; see {@link DnsCheckType}. Without a server, A and AAAA go through the system
 * resolver; queries to a DNS server go through Vert.x's DNS client.
 */
final class DnsCheck implements Check {

    private static final int MAX_CNAME_HOPS = 8;

    private final String name;
    private final DnsCheckType.RecordType type;
    private final HostPort server;
    private final List<String> expectAnswers;
    private final int minAnswers;

    DnsCheck(String name, DnsCheckType.RecordType type, HostPort server, List<String> expectAnswers, int minAnswers) {
        this.name = name;
        this.type = type;
        this.server = server;
        this.expectAnswers = expectAnswers;
        this.minAnswers = minAnswers;
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException {
        String asked = type + " " + name + (server == null ? "" : " @" + server);
        long start = System.nanoTime();
        List<String> answers;
        try {
            answers = server == null && type != DnsCheckType.RecordType.CNAME ? systemLookup(probe, asked) : query(probe, asked);
        } catch (LookupFailed e) {
            return Outcome.fail(e.getMessage());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        probe.measure(NetFamily.PHASE_DURATION, seconds, PhaseTimer.Phase.RESOLVE.label());
        probe.measure(NetFamily.DNS_ANSWERS, answers.size());
        probe.detail("answers", answers);
        probe.detail("lookupMs", Math.round(seconds * 1e5) / 100.0);
        List<String> failures = new ArrayList<>();
        if (answers.size() < minAnswers) {
            failures.add(asked + " returned " + Plural.count(answers.size(), "answer") + ", expected at least " + minAnswers);
        }
        List<String> normalized = answers.stream().map(this::normalize).toList();
        for (String expected : expectAnswers) {
            if (!normalized.contains(normalize(expected))) {
                failures.add(asked + " did not return " + expected + " (got " + answers + ")");
            }
        }
        if (!failures.isEmpty()) {
            return probe.failAll(failures);
        }
        return Outcome.pass(asked + " → " + String.join(", ", answers));
    }

    /** Why a lookup got no answers, as the check's failure message. */
    private static final class LookupFailed extends Exception {
        LookupFailed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Addresses as every other program on the host gets them: the platform's resolver (getaddrinfo) takes
     * /etc/hosts and the other sources of nsswitch.conf in their order before DNS, and follows aliases itself.
     */
    private List<String> systemLookup(Probe probe, String asked) throws LookupFailed, InterruptedException {
        InetAddress[] all;
        try {
            all = Resolver.resolve(name, probe.deadline());
        } catch (ProbeTimeoutException e) {
            throw new LookupFailed("no answer to " + asked + " within " + Durations.format(probe.deadline().budget()));
        } catch (UnknownHostException e) {
            String reason = String.valueOf(e.getMessage());
            reason = reason.startsWith(name + ": ") ? reason.substring(name.length() + 2) : reason;
            throw new LookupFailed(asked + ": the system resolver found no address (" + reason + ")");
        }
        Class<? extends InetAddress> family = type == DnsCheckType.RecordType.A ? Inet4Address.class : Inet6Address.class;
        return Stream.of(all).filter(family::isInstance).map(InetAddress::getHostAddress).distinct().toList();
    }

    /** Asks the DNS server named by {@code server}, else the first nameserver of /etc/resolv.conf. */
    private List<String> query(Probe probe, String asked) throws LookupFailed, InterruptedException {
        DnsClientOptions options = new DnsClientOptions().setQueryTimeout(probe.deadline().remainingMillis());
        if (server != null) {
            options.setHost(server.host()).setPort(server.port());
        }
        DnsClient client = probe.context().vertx().createDnsClient(options);
        try {
            return query(client, name, MAX_CNAME_HOPS).toCompletionStage().toCompletableFuture()
                    .get(probe.deadline().remaining().toMillis() + 50, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LookupFailed("no answer to " + asked + " within " + Durations.format(probe.deadline().budget()));
        } catch (ExecutionException e) {
            throw new LookupFailed(describe(e.getCause(), asked));
        } finally {
            client.close();
        }
    }

    /**
     * Vert.x keeps only answer records named like the question, so an A or AAAA query for an alias comes
     * back empty even though the server sent the CNAME and the target's addresses; follow the alias then.
     */
    private Future<List<String>> query(DnsClient client, String queried, int hopsLeft) {
        Future<List<String>> direct = switch (type) {
            case A -> client.resolveA(queried);
            case AAAA -> client.resolveAAAA(queried);
            case CNAME -> client.resolveCNAME(queried);
        };
        if (type == DnsCheckType.RecordType.CNAME) {
            return direct;
        }
        return direct.compose(answers -> answers.isEmpty() && hopsLeft > 0
                ? client.resolveCNAME(queried).otherwise(List.of()).compose(targets -> targets.isEmpty()
                        ? Future.succeededFuture(answers)
                        : query(client, targets.get(0), hopsLeft - 1))
                : Future.succeededFuture(answers));
    }

    private String normalize(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (type == DnsCheckType.RecordType.CNAME) {
            return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
        }
        try {
            return InetAddress.getByName(v).getHostAddress();
        } catch (UnknownHostException e) {
            return v;
        }
    }

    private static String describe(Throwable error, String asked) {
        if (error instanceof DnsException dns) {
            return switch (dns.code()) {
                case NXDOMAIN -> asked + ": no such domain (NXDOMAIN)";
                case SERVFAIL -> asked + ": the resolver failed (SERVFAIL)";
                case REFUSED -> asked + ": the resolver refused the query (REFUSED)";
                default -> asked + ": DNS error " + dns.code();
            };
        }
        String message = String.valueOf(error.getMessage());
        if (message.toLowerCase(Locale.ROOT).contains("timeout") || message.toLowerCase(Locale.ROOT).contains("timed out")) {
            return "no answer to " + asked + " (query timed out)";
        }
        return asked + ": " + message;
    }
}
