package io.smokegate.gomod;

import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Position;
import io.smokegate.input.Problem;
import java.util.ArrayList;
import java.util.List;

/** go.sum files, read as the go command's readGoSum reads them. */
public final class GoSum {

    static final int MAX_LINES = 1_000_000;
    static final long MAX_BYTES = 64L << 20;

    /**
     * "h1 of a 1-file tree containing a 0-length go.mod": old go commands wrote it for modules without
     * a go.mod, and the go command still drops it silently.
     */
    private static final String LEGACY_EMPTY_GO_MOD_HASH = "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=";

    /** One go.sum line; {@code goMod} for {@code module version/go.mod hash}, whose version is given without the suffix. */
    public record Line(String module, String version, boolean goMod, String hash, int lineNumber) {
    }

    private GoSum() {
    }

    /**
     * The lines in order, blank lines skipped. Like the go command, only the field count is checked:
     * paths, versions and hash algorithms are taken as written.
     */
    public static List<Line> parse(String fileName, String content) throws InvalidInputException {
        // A char takes at most 3 bytes in UTF-8 (a surrogate pair 4 for 2): most files need no exact count.
        long bytes = content.length() * 3L <= MAX_BYTES ? 0 : utf8Length(content);
        if (bytes > MAX_BYTES) {
            throw new InvalidInputException(Problem.at(Position.of(fileName),
                    "go.sum file too large (" + bytes + " bytes; limit is " + MAX_BYTES + " bytes)"));
        }
        List<Line> lines = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < content.length()) {
            int end = content.indexOf('\n', start);
            end = end < 0 ? content.length() : end;
            lineNumber++;
            if (lineNumber > MAX_LINES) {
                problems.add(Problem.at(new Position(fileName, lineNumber, 1), "go.sum file has more than " + MAX_LINES + " lines"));
                break;
            }
            List<String> fields = fields(content, start, end);
            start = end + 1;
            if (fields.isEmpty()) {
                continue;
            }
            if (fields.size() != 3) {
                problems.add(Problem.at(new Position(fileName, lineNumber, 1), "wrong number of fields " + fields.size()));
                continue;
            }
            if (fields.get(2).equals(LEGACY_EMPTY_GO_MOD_HASH)) {
                continue;
            }
            String version = fields.get(1);
            boolean goMod = version.endsWith("/go.mod");
            lines.add(new Line(fields.get(0), goMod ? version.substring(0, version.length() - "/go.mod".length()) : version,
                    goMod, fields.get(2), lineNumber));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return lines;
    }

    /** strings.Fields: runs of non-space separated by Go's notion of space. */
    private static List<String> fields(String s, int from, int to) {
        List<String> fields = new ArrayList<>(3);
        int i = from;
        while (i < to) {
            while (i < to && GoText.isSpace(s.charAt(i))) {
                i++;
            }
            int begin = i;
            while (i < to && !GoText.isSpace(s.charAt(i))) {
                i++;
            }
            if (i > begin) {
                fields.add(s.substring(begin, i));
            }
        }
        return fields;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
