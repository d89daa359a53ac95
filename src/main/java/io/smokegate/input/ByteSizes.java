package io.smokegate.input;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes such as "512", "64KiB", "10MB", "1GiB". */
public final class ByteSizes {

    public static final String EXAMPLES = "use e.g. 4096, 64KiB, 10MiB, 1GB";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {
    }

    public static Optional<Long> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        boolean binary = unit.contains("i");
        long base = binary ? 1024 : 1000;
        int power = switch (unit.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            default -> 0;
        };
        try {
            for (int i = 0; i < power; i++) {
                value = Math.multiplyExact(value, base);
            }
        } catch (ArithmeticException overflow) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    public static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return (long) value + units[unit];
    }
}
