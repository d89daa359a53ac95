package io.smokegate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Run ids are UUIDv7: valid, unique, and ordered by the time they were made. */
class RunIdsTest {

    @Test
    void idIsAValidVersion7Uuid() {
        String id = RunIds.next();

        assertTrue(RunIds.isValid(id), id);
        UUID uuid = UUID.fromString(id);
        assertEquals(id, uuid.toString());
        assertEquals(7, uuid.version());
        assertEquals(2, uuid.variant(), "RFC 9562 variant");
    }

    @Test
    void idEmbedsItsCreationTimeInMilliseconds() {
        long before = System.currentTimeMillis();
        UUID uuid = UUID.fromString(RunIds.next());
        long after = System.currentTimeMillis();

        long embedded = uuid.getMostSignificantBits() >>> 16;
        assertTrue(embedded >= before && embedded <= after, embedded + " not in [" + before + ", " + after + "]");
    }

    @Test
    void idsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(RunIds.next());
        }
        assertEquals(20_000, ids.size());
    }

    @Test
    void idsMadeInLaterMillisecondsSortAfterEarlierOnesAsPlainStrings() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(RunIds.next());
            Thread.sleep(2);
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted);
    }

    @Test
    void isValidRejectsWhatIsNotALowerCaseUuid() {
        assertFalse(RunIds.isValid(null));
        assertFalse(RunIds.isValid(""));
        assertFalse(RunIds.isValid("not-a-run-id"));
        assertFalse(RunIds.isValid(RunIds.next().toUpperCase(java.util.Locale.ROOT)));
        assertFalse(RunIds.isValid(RunIds.next() + "0"));
        assertFalse(RunIds.isValid(RunIds.next().replace("-", "")));
        assertFalse(RunIds.isValid("../../etc/passwd-0000-0000-0000-000000000000"));
    }
}
