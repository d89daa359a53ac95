package io.smokegate.check.net;

import io.smokegate.check.Deadline;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Host name resolution within a deadline. The JDK's resolver call cannot be interrupted and has no
 * timeout of its own, so lookups run on a virtual thread we can stop waiting for.
 */
final class Resolver {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final ExecutorService LOOKUPS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("dns-lookup-", 0).factory());

    private Resolver() {
    }

    static InetAddress[] resolve(String host, Deadline deadline) throws UnknownHostException, ProbeTimeoutException,
            InterruptedException {
        if (IPV4_LITERAL.matcher(host).matches() || host.contains(":")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        Future<InetAddress[]> lookup = LOOKUPS.submit(() -> InetAddress.getAllByName(host));
        try {
            return lookup.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new ProbeTimeoutException("resolving " + host);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new UnknownHostException(host + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            lookup.cancel(true);
            throw e;
        }
    }
}
