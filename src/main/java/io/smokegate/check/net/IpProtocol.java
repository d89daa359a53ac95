package io.smokegate.check.net;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Params;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which address family to probe over; {@code auto} takes the resolver's first answer. */
public enum IpProtocol {
    AUTO, IP4, IP6;

    private static Optional<IpProtocol> parse(String text) {
        return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(text)).findFirst();
    }

    /** The {@code ipProtocol} parameter every network check takes. */
    static IpProtocol param(Params p) throws InvalidParamException {
        return parse(p.string("ipProtocol")).orElseThrow(() -> new InvalidParamException(
                "ipProtocol", "'" + p.string("ipProtocol") + "' is not auto, ip4 or ip6"));
    }

    public Optional<InetAddress> pick(InetAddress[] addresses) {
        return Arrays.stream(addresses).filter(this::accepts).findFirst();
    }

    private boolean accepts(InetAddress address) {
        return switch (this) {
            case AUTO -> true;
            case IP4 -> address instanceof Inet4Address;
            case IP6 -> address instanceof Inet6Address;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
