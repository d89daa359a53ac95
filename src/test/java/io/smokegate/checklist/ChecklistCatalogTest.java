package io.smokegate.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.input.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of a served checklist directory: what is listed, and that nothing outside it is shown. */
class ChecklistCatalogTest {

    private static final String CHECKLIST = """
            apiVersion: smokegate.io/v1
            kind: Checklist
            metadata: {name: %s}
            spec:
              checks: [{id: probe, type: tcp, with: {address: "localhost:1"}}]
            """;

    @TempDir
    Path dir;

    @TempDir
    Path outside;

    private List<ChecklistCatalog.Entry> entries() throws Exception {
        return new ChecklistCatalog(dir, Loading.standardLoader()).entries();
    }

    private static String problems(ChecklistCatalog.Entry entry) {
        return String.join("\n", entry.problems().stream().map(Problem::format).toList());
    }

    @Test
    void aChecklistFileThatIsALinkOutOfTheDirectoryIsListedAsRefusedWithoutItsContent() throws Exception {
        Path secret = Files.writeString(outside.resolve("shadow"), SloFileTest.FOREIGN);
        Files.createSymbolicLink(dir.resolve("shadow.yaml"), secret);

        List<ChecklistCatalog.Entry> entries = entries();

        assertEquals(1, entries.size());
        assertFalse(entries.get(0).valid());
        assertEquals(dir.resolve("shadow.yaml") + ": a symbolic link that leads out of the checklist directory;"
                + " it is not read (copy the file into the directory, or link to a file inside it)", problems(entries.get(0)));
    }

    @Test
    void aChecklistFileThatIsALinkToAFileInsideTheDirectoryIsServed() throws Exception {
        Files.createDirectories(dir.resolve("envs"));
        Files.writeString(dir.resolve("envs/prod.yaml"), CHECKLIST.formatted("prod"));
        Files.createSymbolicLink(dir.resolve("prod.yaml"), Path.of("envs/prod.yaml"));

        List<ChecklistCatalog.Entry> entries = entries();

        assertEquals(1, entries.size());
        assertTrue(entries.get(0).valid(), () -> problems(entries.get(0)));
        assertEquals("prod", entries.get(0).checklist().name());
    }

    @Test
    void aLinkPointedOutOfTheDirectoryAfterItWasLoadedIsRefusedAtTheNextListing() throws Exception {
        Files.createDirectories(dir.resolve("envs"));
        Files.writeString(dir.resolve("envs/prod.yaml"), CHECKLIST.formatted("prod"));
        // the same content outside: only where the link leads changes, not what a stamp of size and time sees
        Path copy = Files.writeString(outside.resolve("prod.yaml"), CHECKLIST.formatted("prod"));
        Files.setLastModifiedTime(copy, Files.getLastModifiedTime(dir.resolve("envs/prod.yaml")));
        Path link = Files.createSymbolicLink(dir.resolve("prod.yaml"), Path.of("envs/prod.yaml"));
        ChecklistCatalog catalog = new ChecklistCatalog(dir, Loading.standardLoader());
        assertTrue(catalog.find("prod").isPresent());

        Files.delete(link);
        Files.createSymbolicLink(link, copy);

        assertTrue(catalog.find("prod").isEmpty());
        assertTrue(problems(catalog.entries().get(0)).contains("leads out of the checklist directory"));
    }

    @Test
    void aFileOfAnotherKindIsReportedWithoutItsLines() throws Exception {
        Files.writeString(dir.resolve("pasted.yaml"), SloFileTest.FOREIGN);
        Files.writeString(dir.resolve("env.yaml"), "DATABASE_PASSWORD=hunter2-admin\nAPI_TOKEN=ghp_16C7e42F292c6912E77\n");

        List<ChecklistCatalog.Entry> entries = entries();

        String all = String.join("\n", entries.stream().map(ChecklistCatalogTest::problems).toList());
        assertFalse(all.contains("root") || all.contains("20228") || all.contains("svc") || all.contains("hunter2")
                || all.contains("ghp_"), all);
        assertTrue(all.contains(dir.resolve("env.yaml") + ":1:1: expected a mapping (key: value), found a string"), all);
        assertTrue(all.contains(dir.resolve("pasted.yaml") + ":1:1: <key of 24 characters>: unknown field"), all);
    }
}
