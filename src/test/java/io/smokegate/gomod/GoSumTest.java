package io.smokegate.gomod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoSumTest {

    /** Real lines from grpc-go's go.sum. */
    private static final String GRPC = """
            github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=
            github.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=
            gopkg.in/yaml.v3 v3.0.1 h1:fxVm/GzAzEWqLHuvctI91KS9hhNmmWOoWu0XTYJS7CA=
            gopkg.in/yaml.v3 v3.0.1/go.mod h1:K4uyk7z7BCEPqu6E+C64Yfv1cQ7kz7rIZviUmN+EgEM=
            """;

    @Test
    void linesAreParsedWithGoModSuffixSplitOff() throws InvalidInputException {
        assertEquals(List.of(
                new GoSum.Line("github.com/google/uuid", "v1.6.0", false, "h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=", 1),
                new GoSum.Line("github.com/google/uuid", "v1.6.0", true, "h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=", 2),
                new GoSum.Line("gopkg.in/yaml.v3", "v3.0.1", false, "h1:fxVm/GzAzEWqLHuvctI91KS9hhNmmWOoWu0XTYJS7CA=", 3),
                new GoSum.Line("gopkg.in/yaml.v3", "v3.0.1", true, "h1:K4uyk7z7BCEPqu6E+C64Yfv1cQ7kz7rIZviUmN+EgEM=", 4)),
                GoSum.parse("go.sum", GRPC));
    }

    @Test
    void blankLinesAnyWhitespaceAndCrlfAreAccepted() throws InvalidInputException {
        String content = "\n  \t\r\nrsc.io/quote\tv1.5.2  h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=\r\n\u00a0\n"
                + "rsc.io/quote v1.5.2/go.mod\u2003h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=";
        assertEquals(List.of(
                new GoSum.Line("rsc.io/quote", "v1.5.2", false, "h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=", 3),
                new GoSum.Line("rsc.io/quote", "v1.5.2", true, "h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=", 5)),
                GoSum.parse("go.sum", content));
    }

    @Test
    void legacyHashOfAnEmptyGoModIsDroppedAsTheGoCommandDoes() throws InvalidInputException {
        String content = "example.com/old v1.0.0/go.mod h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=\n"
                + "example.com/old v1.0.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=\n";
        assertEquals(List.of(new GoSum.Line("example.com/old", "v1.0.0", true, "h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=", 2)),
                GoSum.parse("go.sum", content));
    }

    @Test
    void everyLineWithTheWrongNumberOfFieldsIsReportedWithItsPosition() {
        String content = "rsc.io/quote v1.5.2\n"
                + "rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=\n"
                + "rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y= // comment\n";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GoSum.parse("app/go.sum", content));
        assertEquals(List.of("app/go.sum:1:1: wrong number of fields 2", "app/go.sum:3:1: wrong number of fields 5"),
                e.problems().stream().map(Problem::format).toList());
    }

    @Test
    void fileOverSixtyFourMebibytesIsRefusedBeforeParsing() {
        String content = "x".repeat((int) GoSum.MAX_BYTES - 1) + "é";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GoSum.parse("go.sum", content));
        assertEquals("go.sum: go.sum file too large (67108865 bytes; limit is 67108864 bytes)", e.getMessage());
    }

    @Test
    void fileOverAMillionLinesIsRefused() {
        String content = "\n".repeat(GoSum.MAX_LINES) + "rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=\n";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GoSum.parse("go.sum", content));
        assertEquals("go.sum:1000001:1: go.sum file has more than 1000000 lines", e.getMessage());
    }
}
