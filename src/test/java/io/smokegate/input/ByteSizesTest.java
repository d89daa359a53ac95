package io.smokegate.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
        "0,          0",
        "512,        512",
        "512B,       512",
        "1b,         1",
        "1k,         1000",
        "1KB,        1000",
        "1Ki,        1024",
        "64KiB,      65536",
        "64kib,      65536",
        "10MB,       10000000",
        "10MiB,      10485760",
        "'10 MiB',   10485760",
        "' 2GiB ',   2147483648",
        "1GB,        1000000000",
        "1TiB,       1099511627776",
    })
    void parseReadsDecimalAndBinaryUnits(String text, long bytes) {
        assertEquals(Optional.of(bytes), ByteSizes.parse(text));
    }

    @ParameterizedTest(name = "''{0}'' is not a size")
    @ValueSource(strings = {"", "-1", "1.5MiB", "ten", "MiB", "10 PiB", "10MiBs", "1ib", "0x10", "1234567890123456"})
    void parseRejectsAnythingElse(String text) {
        assertEquals(Optional.empty(), ByteSizes.parse(text));
    }

    @Test
    void parseRejectsNull() {
        assertEquals(Optional.empty(), ByteSizes.parse(null));
    }

    @Test
    void parseRejectsSizesThatOverflowALong() {
        assertEquals(Optional.empty(), ByteSizes.parse("999999999999999TiB"));
    }

    @ParameterizedTest(name = "{0} bytes formats as {1}")
    @CsvSource({
        "0,              0B",
        "1000,           1000B",
        "1024,           1KiB",
        "1536,           1536B",
        "65536,          64KiB",
        "1048576,        1MiB",
        "10485760,       10MiB",
        "1073741824,     1GiB",
        "1099511627776,  1TiB",
        "1125899906842624, 1024TiB",
    })
    void formatUsesTheLargestExactBinaryUnit(long bytes, String expected) {
        assertEquals(expected, ByteSizes.format(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1KiB", "64KiB", "10MiB", "1GiB", "1536B"})
    void formatAndParseRoundTrip(String text) {
        assertEquals(text, ByteSizes.format(ByteSizes.parse(text).orElseThrow()));
    }
}
