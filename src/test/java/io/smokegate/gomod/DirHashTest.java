package io.smokegate.gomod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirHashTest {

    @Test
    void hash1MatchesTheDirhashTestVector() throws InvalidModuleException {
        assertEquals("h1:EP6WfDoQTSk9klnxcjriWJOGztueJUywHNmWeq+efB8=",
                DirHash.hash1(List.of(digest("xyz", "data for xyz"), digest("abc", "data for abc"))));
    }

    @Test
    void fileNameWithANewlineIsRefused() {
        List<DirHash.FileDigest> files = List.of(digest("xyz", "data for xyz"), digest("a\nbc", "data for a\nbc"));
        assertEquals("dirhash: filenames with newlines are not supported",
                assertThrows(InvalidModuleException.class, () -> DirHash.hash1(files)).getMessage());
    }

    @Test
    void emptyModuleHashesTheEmptySummary() throws InvalidModuleException {
        assertEquals("h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", DirHash.hash1(List.of()));
    }

    /** The real summary of github.com/libp2p/go-libp2p-blankhost v0.2.0, whose h1 sum.golang.org signed. */
    @Test
    void realModuleSummaryGivesTheHashInTheChecksumDatabase() throws InvalidModuleException {
        String prefix = "github.com/libp2p/go-libp2p-blankhost@v0.2.0/";
        List<DirHash.FileDigest> files = List.of(
                hex(prefix + "go.sum", "89b8249e3f11302fffbdf5452f69209bcae6285c110d124f9f25527ed45766e9"),
                hex(prefix + "blank.go", "a72a5ea8180d6f37e6ec82618775b9a4717fdd2618452687689fae4887882636"),
                hex(prefix + ".travis.yml", "c34ed9b2d37ad82752c51dab69aee4801eee4a9a0e2eafad9dc06aca4a0a3aa1"),
                hex(prefix + "codecov.yml", "9687de3d33e4c005431c93e82435d6c8fb8769097abfb163af3bd3e28c1e8f94"),
                hex(prefix + "LICENSE", "9920c9d83227e8f17a56b9083ee61b9ab456e1bc647e09c036ed99a22a3dbeb9"),
                hex(prefix + "go.mod", "ceb28789df46b38613d98061dbd2ce11b17d03139985b3b446a318c49b5bef58"),
                hex(prefix + "README.md", "cac1fa1a90910da55c8dea5c670f6fc761d7bef0c01b9796890e181941fc44e8"));
        assertEquals("h1:3EsGAi0CBGcZ33GwRuXEYJLLPoVWyXJ1bcJzAJjINkk=", DirHash.hash1(files));
    }

    /** Java orders U+FF5E (one UTF-16 unit) after U+1F600 (a surrogate pair); Go's byte order puts it first. */
    @Test
    void namesAreSortedByTheirUtf8Bytes() throws InvalidModuleException {
        DirHash.FileDigest fullwidth = digest("\uff5e", "a");
        DirHash.FileDigest emoji = digest("\ud83d\ude00", "b");
        String expected = "h1:" + Base64.getEncoder().encodeToString(DirHash.sha256().digest(
                (hexOf("a") + "  \uff5e\n" + hexOf("b") + "  \ud83d\ude00\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, DirHash.hash1(List.of(emoji, fullwidth)));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            module github.com/google/uuid\\n    | h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=
            module golang.org/x/text\\n         | h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=
            module "rsc.io/quote"\\n\\nrequire "rsc.io/sampler" v1.3.0\\n | h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=
            module "rsc.io/sampler"\\n\\nrequire "golang.org/x/text" v0.0.0-20170915032832-14c0d48ead0c\\n | h1:T1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=
            module example.com/m\\n\\ngo 1.13\\n | h1:UWkIka9t4wTRf5TZ+sRdwnADRAp+U7R9A2lAeNEx1cA=
            """)
    void goModHashMatchesRealGoSumLines(String goMod, String hash) {
        assertEquals(hash, DirHash.goModHash(goMod.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void zeroLengthGoModGivesTheLegacyHash() {
        assertEquals("h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=", DirHash.goModHash(new byte[0]));
    }

    @Test
    void digestMustBeThirtyTwoBytes() {
        assertThrows(IllegalArgumentException.class, () -> new DirHash.FileDigest("a", new byte[20]));
    }

    private static DirHash.FileDigest digest(String name, String content) {
        return new DirHash.FileDigest(name, DirHash.sha256().digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static DirHash.FileDigest hex(String name, String sha256) {
        return new DirHash.FileDigest(name, HexFormat.of().parseHex(sha256));
    }

    private static String hexOf(String content) {
        return HexFormat.of().formatHex(DirHash.sha256().digest(content.getBytes(StandardCharsets.UTF_8)));
    }
}
