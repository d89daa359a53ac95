package io.smokegate.check.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expected HTTP status codes written as {@code 200}, {@code 2xx} or {@code 200-299}. */
record StatusMatcher(List<int[]> ranges, List<String> written) {

    private static final Pattern CODE = Pattern.compile("([1-5])(\\d\\d)");
    private static final Pattern CLASS = Pattern.compile("([1-5])xx", Pattern.CASE_INSENSITIVE);
    private static final Pattern RANGE = Pattern.compile("([1-5]\\d\\d)-([1-5]\\d\\d)");

    /** Parses each pattern; returns the first one that is not valid on failure. */
    static Optional<StatusMatcher> parse(List<String> patterns, List<String> invalid) {
        List<int[]> ranges = new ArrayList<>();
        for (String p : patterns) {
            String s = p.trim();
            Matcher m;
            if ((m = CODE.matcher(s)).matches()) {
                int code = Integer.parseInt(s);
                ranges.add(new int[] {code, code});
            } else if ((m = CLASS.matcher(s)).matches()) {
                int base = Integer.parseInt(m.group(1)) * 100;
                ranges.add(new int[] {base, base + 99});
            } else if ((m = RANGE.matcher(s)).matches() && Integer.parseInt(m.group(1)) <= Integer.parseInt(m.group(2))) {
                ranges.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
            } else {
                invalid.add(p);
            }
        }
        return invalid.isEmpty() ? Optional.of(new StatusMatcher(List.copyOf(ranges), List.copyOf(patterns))) : Optional.empty();
    }

    boolean matches(int status) {
        return ranges.stream().anyMatch(r -> status >= r[0] && status <= r[1]);
    }

    @Override
    public String toString() {
        return String.join(", ", written);
    }
}
