package io.smokegate.check.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hosts reached without the proxy, with curl's {@code NO_PROXY} rules: {@code *} matches every host; a name
 * matches itself and its subdomains ({@code example.com} and {@code .example.com} both match
 * {@code api.example.com}, neither matches {@code badexample.com}); an IP address matches itself and a CIDR range
 * ({@code 10.0.0.0/8}, {@code fd00::/8}) the IP addresses in it. Names are not resolved: an entry about addresses
 * only matches URLs that name an address. Case and a trailing dot do not matter.
 */
public final class NoProxy {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** One entry: a domain, or an address range ({@code bits} of {@code network}; a single address has them all). */
    private record Entry(String domain, byte[] network, int bits) {
    }

    static final NoProxy NONE = new NoProxy(List.of(), false);

    private final List<Entry> entries;
    private final boolean everything;

    private NoProxy(List<Entry> entries, boolean everything) {
        this.entries = entries;
        this.everything = everything;
    }

    /**
     * Reads the entries; each item may itself be a comma-separated list, as in the environment variable.
     *
     * @throws IllegalArgumentException naming the first entry that is not a host name, address or CIDR range
     */
    public static NoProxy parse(List<String> items) {
        List<Entry> entries = new ArrayList<>();
        boolean everything = false;
        for (String item : items) {
            for (String raw : item.split(",")) {
                String entry = raw.strip().toLowerCase(Locale.ROOT);
                if (entry.isEmpty()) {
                    continue;
                }
                if (entry.equals("*")) {
                    everything = true;
                    continue;
                }
                entries.add(entry(entry).orElseThrow(() -> new IllegalArgumentException(
                        "'" + raw.strip() + "' is not a host name, IP address or CIDR range")));
            }
        }
        return new NoProxy(List.copyOf(entries), everything);
    }

    private static Optional<Entry> entry(String text) {
        int slash = text.indexOf('/');
        if (slash >= 0) {
            Optional<byte[]> network = address(text.substring(0, slash));
            int bits;
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            return network.filter(n -> bits >= 0 && bits <= n.length * 8).map(n -> new Entry(null, n, bits));
        }
        Optional<byte[]> address = address(text);
        if (address.isPresent()) {
            return Optional.of(new Entry(null, address.get(), address.get().length * 8));
        }
        String domain = strip(text.startsWith("*.") ? text.substring(2) : text.startsWith(".") ? text.substring(1) : text);
        return NAME.matcher(domain).matches() ? Optional.of(new Entry(domain, null, 0)) : Optional.empty();
    }

    /** Whether requests to {@code host} (as a URL names it; IPv6 in brackets or not) bypass the proxy. */
    public boolean matches(String host) {
        if (everything) {
            return true;
        }
        String h = strip(host.toLowerCase(Locale.ROOT));
        Optional<byte[]> address = address(h);
        for (Entry e : entries) {
            if (e.domain() != null ? h.equals(e.domain()) || h.endsWith("." + e.domain())
                    : address.isPresent() && inRange(address.get(), e)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return entries.isEmpty() && !everything;
    }

    private static boolean inRange(byte[] address, Entry range) {
        if (address.length != range.network().length) {
            return false;
        }
        int drop = address.length * 8 - range.bits();
        return new BigInteger(1, address).shiftRight(drop).equals(new BigInteger(1, range.network()).shiftRight(drop));
    }

    /** The bytes of an IP literal ({@code [::1]} too); empty for anything else, which is never looked up. */
    private static Optional<byte[]> address(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(t).matches();
        if (v4 && java.util.Arrays.stream(t.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            return Optional.empty();
        }
        // Only literals reach the JDK, which would otherwise look a name up.
        if (!v4 && !(t.contains(":") && t.matches("[0-9a-f:.]+"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String strip(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
