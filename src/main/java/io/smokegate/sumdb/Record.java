package io.smokegate.sumdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@code /lookup} answer (tlog.ParseRecord): the record id, the record text (the go.sum lines, each ending
 * in a newline) and, after a blank line, the signed tree note that the id is checked against.
 */
public record Record(long id, String text, byte[] note) {

    public Record {
        if (id < 0) {
            throw new IllegalArgumentException("a record id is not negative: " + id);
        }
        checkText(text);
        note = note.clone();
    }

    /**
     * Splits a lookup answer. The id must be plain decimal digits; Go's {@code strconv.ParseInt} would also
     * take a sign, but no log has a negative record and a {@code +} is no id a server should send.
     */
    public static Record parse(byte[] lookupResponse) throws NoteException {
        int idEnd = Syntax.indexOf(lookupResponse, "\n", 0);
        if (idEnd < 0) {
            throw malformed("no newline after the record id");
        }
        String idText = new String(lookupResponse, 0, idEnd, StandardCharsets.ISO_8859_1);
        if (!isDecimal(idText)) {
            throw malformed("record id \"" + idText + "\" is not a decimal number");
        }
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw malformed("record id " + idText + " is too large");
        }
        int blank = Syntax.indexOf(lookupResponse, "\n\n", idEnd + 1);
        if (blank < 0) {
            throw malformed("record text is not followed by a blank line");
        }
        byte[] text = Arrays.copyOfRange(lookupResponse, idEnd + 1, blank + 1);
        String problem = textProblem(text);
        if (problem != null) {
            throw malformed(problem);
        }
        return new Record(id, new String(text, StandardCharsets.UTF_8), Arrays.copyOfRange(lookupResponse, blank + 2, lookupResponse.length));
    }

    /** 1 to 19 ASCII digits. */
    private static boolean isDecimal(String text) {
        if (text.isEmpty() || text.length() > 19) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** tlog.FormatRecord: the id line, the text, and the blank line that ends it. */
    public static String format(long id, String text) {
        checkText(text);
        return id + "\n" + text + "\n";
    }

    @Override
    public byte[] note() {
        return note.clone();
    }

    /** Why the bytes are no record text: valid note text, ending in a newline, with no blank line. */
    private static String textProblem(byte[] text) {
        String problem = Syntax.textProblem(text, 0, text.length);
        if (problem != null) {
            return "record text has " + problem;
        }
        if (text.length == 0 || text[text.length - 1] != '\n') {
            return "record text does not end in a newline";
        }
        for (int i = 1; i < text.length; i++) {
            if (text[i] == '\n' && text[i - 1] == '\n') {
                return "record text has a blank line at byte " + i;
            }
        }
        return null;
    }

    private static void checkText(String text) {
        String problem = textProblem(Syntax.utf8(text));
        if (problem != null) {
            throw new IllegalArgumentException("malformed record data: " + problem);
        }
    }

    private static NoteException malformed(String reason) {
        return new NoteException("malformed record data: " + reason);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Record that && id == that.id && text.equals(that.text) && Arrays.equals(note, that.note);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, text) * 31 + Arrays.hashCode(note);
    }

    @Override
    public String toString() {
        return "record " + id + ": " + text.strip();
    }
}
