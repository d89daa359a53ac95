package io.smokegate.gomod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smokegate.sumdb.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vectors from Go's path package tests (match_test.go, path_test.go). */
class GoPathTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            abc                 | abc               | true
            *                   | abc               | true
            *c                  | abc               | true
            a*                  | a                 | true
            a*                  | abc               | true
            a*                  | ab/c              | false
            a*/b                | abc/b             | true
            a*/b                | a/c/b             | false
            a*b*c*d*e*/f        | axbxcxdxe/f       | true
            a*b*c*d*e*/f        | axbxcxdxexxx/f    | true
            a*b*c*d*e*/f        | axbxcxdxe/xxx/f   | false
            a*b*c*d*e*/f        | axbxcxdxexxx/fff  | false
            a*b?c*x             | abxbbxdbxebxczzx  | true
            a*b?c*x             | abxbbxdbxebxczzy  | false
            ab[c]               | abc               | true
            ab[b-d]             | abc               | true
            ab[e-g]             | abc               | false
            ab[^c]              | abc               | false
            ab[^b-d]            | abc               | false
            ab[^e-g]            | abc               | true
            a\\*b               | a*b               | true
            a\\*b               | ab                | false
            a?b                 | a☺b               | true
            a[^a]b              | a☺b               | true
            a???b               | a☺b               | false
            a[^a][^a][^a]b      | a☺b               | false
            [a-ζ]*              | α                 | true
            *[a-ζ]              | A                 | false
            a?b                 | a/b               | false
            a*b                 | a/b               | false
            [\\]a]              | ]                 | true
            [\\-]               | -                 | true
            [x\\-]              | x                 | true
            [x\\-]              | -                 | true
            [x\\-]              | z                 | false
            [\\-x]              | x                 | true
            [\\-x]              | -                 | true
            [\\-x]              | a                 | false
            *x                  | xxx               | true
            """)
    void matchFollowsGoPathMatch(String pattern, String name, boolean matches) throws GoPath.BadPatternException {
        assertEquals(matches, GoPath.match(pattern, name));
    }

    @ParameterizedTest(name = "{0} is malformed (against {1})")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            []a]        | ]
            [-]         | -
            [x-]        | x
            [x-]        | z
            [-x]        | a
            \\          | a
            [a-b-c]     | a
            [           | a
            [^          | a
            [^bc        | a
            a[          | a
            a[          | ab
            a[          | x
            a/b[        | x
            """)
    void malformedPatternIsAnErrorEvenWhenTheMatchFailsEarly(String pattern, String name) {
        assertThrows(GoPath.BadPatternException.class, () -> GoPath.match(pattern, name));
    }

    @ParameterizedTest(name = "Clean({0}) = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                  | .
            abc                 | abc
            abc/def             | abc/def
            a/b/c               | a/b/c
            .                   | .
            ..                  | ..
            ../..               | ../..
            ../../abc           | ../../abc
            /abc                | /abc
            /                   | /
            abc/                | abc
            abc/def/            | abc/def
            /abc/               | /abc
            abc//def//ghi       | abc/def/ghi
            //abc               | /abc
            abc//               | abc
            abc/./def           | abc/def
            /./abc/def          | /abc/def
            abc/.               | abc
            abc/def/ghi/../jkl  | abc/def/jkl
            abc/def/../ghi/../jkl | abc/jkl
            abc/def/..          | abc
            abc/def/../..       | .
            /abc/def/../..      | /
            abc/def/../../..    | ..
            /abc/def/../../..   | /
            abc/def/../../../ghi/jkl/../../../mno | ../../mno
            abc/./../def        | def
            abc//./../def       | def
            abc/../../././../def | ../../def
            """)
    void cleanFollowsGoPathClean(String path, String clean) {
        assertEquals(clean, GoPath.clean(path));
    }

    @ParameterizedTest(name = "Dir({0}) = {1}")
    @CsvSource({"a/b/c.go, a/b", "a.go, .", "a/b, a"})
    void dirIsTheCleanedParent(String path, String dir) {
        assertEquals(dir, GoPath.dir(path));
    }
}
