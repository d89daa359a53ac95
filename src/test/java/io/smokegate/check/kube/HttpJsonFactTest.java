package io.smokegate.check.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smokegate.check.InvalidParamException;
import org.junit.jupiter.api.Test;

/** The two ways to write where a drift fact sits in a JSON document. */
class HttpJsonFactTest {

    @Test
    void aDottedPathWithIndexesIsTheSameAsItsJsonPointer() throws Exception {
        assertEquals("/data/items/0/version", HttpJsonFact.pointer("http", "$.data.items[0].version").toString());
        assertEquals("/data/version", HttpJsonFact.pointer("http", "data.version").toString());
    }

    @Test
    void aJsonPointerIsTakenAsWritten() throws Exception {
        assertEquals("/data/a~1b", HttpJsonFact.pointer("http", "/data/a~1b").toString());
    }

    @Test
    void aPathThatIsNeitherIsRefusedWithAnExample() {
        InvalidParamException e = assertThrows(InvalidParamException.class, () -> HttpJsonFact.pointer("http", "$..data"));

        assertEquals("jsonPath '$..data' is neither a JSON pointer nor a dotted path", e.getMessage());
        assertEquals("e.g. /data/version or $.data.version", e.hint());
    }
}
