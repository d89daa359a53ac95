package io.smokegate.sumdb;

import static io.smokegate.sumdb.Vectors.concat;
import static io.smokegate.sumdb.Vectors.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RecordTest {

    @Test
    void formatMatchesGo() {
        assertEquals("123456789012\nhello, world\n\n", Record.format(123456789012L, "hello, world\n"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "''                  | record text does not end in a newline",
        "hello\\nworld       | record text does not end in a newline",
        "hello\\n\\nworld\\n | record text has a blank line at byte 6",
        "hello\\u0001world\\n | record text has control character U+0001 at byte 5",
    })
    void formatRejectsBadText(String text, String reason) {
        String decoded = text.replace("\\n", "\n").replace("\\u0001", "\u0001");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Record.format(1, decoded));
        assertEquals("malformed record data: " + reason, e.getMessage());
    }

    @Test
    void formatRejectsALoneSurrogate() {
        assertThrows(IllegalArgumentException.class, () -> Record.format(1, "bad\ud800\n"));
    }

    @Test
    void parseSplitsIdTextAndEverythingAfterTheBlankLine() throws NoteException {
        byte[] junk = concat(utf8("junk on end"), new byte[] {0x01, (byte) 0xff});
        Record record = Record.parse(concat(utf8("123456789012\nhello, world\n\n"), junk));
        assertEquals(new Record(123456789012L, "hello, world\n", junk), record);
    }

    @Test
    void parseWithNothingAfterTheBlankLineHasAnEmptyNote() throws NoteException {
        Record record = Record.parse(utf8("123456789012\nhello, world\n\n"));
        assertArrayEquals(new byte[0], record.note());
    }

    @Test
    void parseEndsTheTextAtTheFirstBlankLine() throws NoteException {
        Record record = Record.parse(utf8("7\na\nb\n\nnote\n\nmore\n"));
        assertEquals(new Record(7, "a\nb\n", utf8("note\n\nmore\n")), record);
    }

    static Stream<Arguments> badRecords() {
        return Stream.of(
                Arguments.of(utf8("not-123456789012\nhello, world\n\n"), "record id \"not-123456789012\" is not a decimal number"),
                Arguments.of(utf8("123\nhello\u0001world\n\n"), "record text has control character U+0001 at byte 5"),
                Arguments.of(concat(utf8("123\nhello"), concat(new byte[] {(byte) 0xff}, utf8("world\n\n"))), "record text has invalid UTF-8 at byte 5"),
                Arguments.of(utf8("123\nhello world\n"), "record text is not followed by a blank line"),
                Arguments.of(utf8("0x123\nhello world\n\n"), "record id \"0x123\" is not a decimal number"),
                Arguments.of(utf8("+123\nhello world\n\n"), "record id \"+123\" is not a decimal number"),
                Arguments.of(utf8("-1\nhello world\n\n"), "record id \"-1\" is not a decimal number"),
                Arguments.of(utf8("9223372036854775808\nhello world\n\n"), "record id 9223372036854775808 is too large"),
                Arguments.of(utf8("123"), "no newline after the record id"),
                Arguments.of(utf8("\nhello world\n\n"), "record id \"\" is not a decimal number"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badRecords")
    void parseExplainsWhyARecordIsBad(byte[] response, String reason) {
        NoteException e = assertThrows(NoteException.class, () -> Record.parse(response));
        assertEquals("malformed record data: " + reason, e.getMessage());
    }
}
