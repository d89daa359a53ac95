package io.smokegate.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PluralTest {

    @Test
    void oneIsSingularAndEveryOtherCountPlural() {
        assertEquals("1 check", Plural.count(1, "check"));
        assertEquals("0 checks", Plural.count(0, "check"));
        assertEquals("2 checks", Plural.count(2, "check"));
    }

    @Test
    void irregularPluralsAreGiven() {
        assertEquals("1 proxy", Plural.count(1, "proxy", "proxies"));
        assertEquals("3 proxies", Plural.count(3, "proxy", "proxies"));
    }
}
