package io.smokegate.checklist;

import static io.smokegate.checklist.Loading.assertProblem;
import static io.smokegate.testing.SloFiles.SLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.input.InvalidInputException;
import io.smokegate.testing.SloFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spec.slo: FILE}: one SLO kept beside, and shared by, the checklists that refer to it. */
class SloFileTest {

    @TempDir
    Path dir;

    private Path checklist(String file, String name, String sloReference) throws IOException {
        return SloFiles.checklist(dir, file, name, sloReference);
    }

    private Checklist load(Path file) throws InvalidInputException {
        return Loading.standardLoader().load(file, Map.of());
    }

    @Test
    void theNamedFileIsReadAsTheChecklistsSlo() throws Exception {
        Files.writeString(dir.resolve("release.slo.yaml"), SLO);

        Checklist c = load(checklist("proxy.yaml", "proxy", "release.slo.yaml"));

        assertEquals("probe-up", c.slo().objectives().get(0).name());
        assertEquals(List.of(dir.resolve("release.slo.yaml")), c.includes());
    }

    @Test
    void problemsInTheSloFileCarryItsNameLineAndColumn() throws Exception {
        Files.writeString(dir.resolve("release.slo.yaml"), """
                objectives:
                  - {name: probe-up, sli: "check.success{id=prob}", pass: "=1"}
                """);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> load(checklist("proxy.yaml", "proxy", "release.slo.yaml")));

        assertProblem(e, dir.resolve("release.slo.yaml") + ":2:27", "objectives[0].sli", "no check with id 'prob'");
    }

    @Test
    void aChecklistNamedByARelativePathHasItsSloFileNamedAlike() throws Exception {
        Files.writeString(dir.resolve("release.slo.yaml"), SLO.replace("id=probe", "id=prob"));
        Path relative = Path.of("").toAbsolutePath().relativize(checklist("proxy.yaml", "proxy", "release.slo.yaml"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(relative));

        assertProblem(e, relative.resolveSibling("release.slo.yaml") + ":2:27", "no check with id 'prob'");
    }

    @Test
    void aRelativeChecklistCannotEscapeItsDirectoryEither() throws Exception {
        Files.writeString(dir.getParent().resolve("outside.slo.yaml"), SLO);
        Path relative = Path.of("").toAbsolutePath().relativize(checklist("proxy.yaml", "proxy", "../outside.slo.yaml"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(relative));

        assertProblem(e, relative + ":7:8", "not a file in the checklist's directory");
    }

    @Test
    void aMissingSloFileIsAProblemOfTheChecklist() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> load(checklist("proxy.yaml", "proxy", "gone.slo.yaml")));

        assertTrue(e.getMessage().contains(dir.resolve("gone.slo.yaml") + ": no such file"), e.getMessage());
    }

    @Test
    void aFileOutsideTheChecklistsDirectoryIsRefused() throws Exception {
        Files.writeString(dir.getParent().resolve("outside.slo.yaml"), SLO);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> load(checklist("proxy.yaml", "proxy", "../outside.slo.yaml")));

        assertProblem(e, dir.resolve("proxy.yaml") + ":7:8", "spec.slo", "not a file in the checklist's directory");
    }

    /** Lines of a file the server can read but must not show: what a link out of the directory would reveal. */
    static final String FOREIGN = "root:*:20228:0:99999:7:::\nsvc:$6$saltsalt$c2VjcmV0:20228:0:99999:7:::\n";

    @Test
    void anSloFileThatIsALinkOutOfTheDirectoryIsNotRead(@TempDir Path outside) throws Exception {
        Path secret = Files.writeString(outside.resolve("shadow"), FOREIGN);
        Files.createSymbolicLink(dir.resolve("link.slo.yaml"), secret);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> load(checklist("proxy.yaml", "proxy", "link.slo.yaml")));

        assertProblem(e, dir.resolve("link.slo.yaml").toString(),
                "a symbolic link that leads out of the checklist directory; it is not read");
        assertFalse(e.getMessage().contains("root") || e.getMessage().contains("20228") || e.getMessage().contains("svc"),
                e.getMessage());
        assertFalse(e.getMessage().contains(outside.toString()), "the link's target is not named: " + e.getMessage());
    }

    @Test
    void anSloFileReachedThroughALinkedDirectoryOutsideIsNotRead(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("release.slo.yaml"), FOREIGN);
        Files.createSymbolicLink(dir.resolve("shared"), outside);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> load(checklist("proxy.yaml", "proxy", "shared/release.slo.yaml")));

        assertProblem(e, dir.resolve("shared/release.slo.yaml").toString(), "leads out of the checklist directory");
        assertFalse(e.getMessage().contains("20228"), e.getMessage());
    }

    @Test
    void anSloFileThatIsALinkToAnotherFileOfTheDirectoryIsRead() throws Exception {
        Files.createDirectories(dir.resolve("slos"));
        Files.writeString(dir.resolve("slos/release.slo.yaml"), SLO);
        Files.createSymbolicLink(dir.resolve("link.slo.yaml"), Path.of("slos/release.slo.yaml"));

        Checklist c = load(checklist("proxy.yaml", "proxy", "link.slo.yaml"));

        assertEquals("probe-up", c.slo().objectives().get(0).name());
    }

    @Test
    void aChecklistThatIsNotAFileCannotNameOne() {
        InvalidInputException e = Loading.invalid("""
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: proxy}
                spec:
                  checks: [{id: probe, type: http, with: {url: "https://proxy.example/"}}]
                  slo: release.slo.yaml
                """);

        assertProblem(e, "c.yaml:6:8", "spec.slo", "not a file cannot name an SLO file");
    }

    @Test
    void theCatalogListsSloFilesAsNoChecklists() throws Exception {
        Files.writeString(dir.resolve("release.slo.yaml"), SLO);
        checklist("proxy.yaml", "proxy", "release.slo.yaml");
        checklist("mirror.yaml", "mirror", "release.slo.yaml");

        List<ChecklistCatalog.Entry> entries = new ChecklistCatalog(dir, Loading.standardLoader()).entries();

        assertEquals(List.of("mirror", "proxy"), entries.stream().map(e -> e.checklist().name()).toList());
    }

    @Test
    void theCatalogRereadsAChecklistWhenItsSloFileChanges() throws Exception {
        Path slo = Files.writeString(dir.resolve("release.slo.yaml"), SLO);
        checklist("proxy.yaml", "proxy", "release.slo.yaml");
        ChecklistCatalog catalog = new ChecklistCatalog(dir, Loading.standardLoader());
        assertTrue(catalog.find("proxy").orElseThrow().slo().objectives().get(0).key());

        Files.writeString(slo, SLO.replace(", key: true", ""));
        Files.setLastModifiedTime(slo, FileTime.from(Instant.now().plusSeconds(5)));

        assertFalse(catalog.find("proxy").orElseThrow().slo().objectives().get(0).key());
    }

    @Test
    void theCatalogPicksUpAnSloFileThatAppearsAfterTheChecklist() throws Exception {
        checklist("proxy.yaml", "proxy", "release.slo.yaml");
        ChecklistCatalog catalog = new ChecklistCatalog(dir, Loading.standardLoader());
        assertTrue(catalog.find("proxy").isEmpty());

        Files.writeString(dir.resolve("release.slo.yaml"), SLO);

        assertTrue(catalog.find("proxy").isPresent());
    }
}
