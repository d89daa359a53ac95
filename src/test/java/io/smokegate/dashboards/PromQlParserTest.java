package io.smokegate.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.dashboards.promql.Expr;
import io.smokegate.dashboards.promql.Expr.Aggregation;
import io.smokegate.dashboards.promql.Expr.Binary;
import io.smokegate.dashboards.promql.Expr.Call;
import io.smokegate.dashboards.promql.Expr.MatchOp;
import io.smokegate.dashboards.promql.Expr.Matcher;
import io.smokegate.dashboards.promql.Expr.MatrixSelector;
import io.smokegate.dashboards.promql.Expr.VectorSelector;
import io.smokegate.dashboards.promql.PromQlException;
import io.smokegate.dashboards.promql.PromQlParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PromQL the dashboards are written in, read as Prometheus reads it, and what Prometheus refuses. */
class PromQlParserTest {

    @Test
    void aSelectorKeepsItsNameAndDecodedMatchers() throws Exception {
        VectorSelector s = assertInstanceOf(VectorSelector.class,
                PromQlParser.parse("smokegate_runs_total{status=~\"failed|error\", job=~\"$job\", check!=\"a\\\"b\"}"));
        assertEquals("smokegate_runs_total", s.name());
        assertEquals(List.of(new Matcher("status", MatchOp.REGEX, "failed|error"), new Matcher("job", MatchOp.REGEX, "$job"),
                new Matcher("check", MatchOp.NOT_EQUAL, "a\"b")), s.matchers());
    }

    @Test
    void aRangeUnderAFunctionIsARangeVectorOfThatLength() throws Exception {
        Call rate = assertInstanceOf(Call.class, PromQlParser.parse("rate(x_bucket{le=\"1\"}[1h30m])"));
        MatrixSelector range = assertInstanceOf(MatrixSelector.class, rate.args().get(0));
        assertEquals(5_400_000, range.rangeMillis());
        assertEquals(Expr.Type.INSTANT_VECTOR, rate.type());
    }

    @Test
    void groupingMayStandBeforeOrAfterTheAggregatedExpression() throws Exception {
        Aggregation before = assertInstanceOf(Aggregation.class, PromQlParser.parse("sum by (checklist, le) (x)"));
        Aggregation after = assertInstanceOf(Aggregation.class, PromQlParser.parse("max(x) without (instance)"));
        assertEquals(List.of("checklist", "le"), before.grouping());
        assertEquals(List.of("instance"), after.grouping());
        assertTrue(after.without());
    }

    @Test
    void vectorMatchingReadsOnAndGroupLeftWithTheLabelsItCopies() throws Exception {
        Binary b = assertInstanceOf(Binary.class,
                PromQlParser.parse("(changes(a[1m]) > 0) * on (job, checklist) group_left (verdict) (b == 1)"));
        assertEquals("*", b.op());
        assertEquals(List.of("job", "checklist"), b.matching().labels());
        assertEquals("group_left", b.matching().group());
        assertFalse(b.matching().ignoring());
        assertEquals(List.of("verdict"), b.matching().include());
    }

    @Test
    void divisionBindsTighterThanSubtractionAndOrLoosestOfAll() throws Exception {
        Binary budget = assertInstanceOf(Binary.class, PromQlParser.parse("1 - a / on (checklist) (1 - b)"));
        assertEquals("-", budget.op());
        assertEquals("/", assertInstanceOf(Binary.class, budget.right()).op());
        Binary verdicts = assertInstanceOf(Binary.class, PromQlParser.parse("2 * a{v=\"pass\"} or a{v=\"warning\"}"));
        assertEquals("or", verdicts.op());
    }

    @Test
    void theLeadingExpressionOfAVariableQueryIsReadWithoutWhatFollows() throws Exception {
        VectorSelector s = assertInstanceOf(VectorSelector.class, PromQlParser.parseLeading("up{job=~\"$job\"}, instance"));
        assertEquals("up", s.name());
    }

    @Test
    void aBraceThatOpensNoRepetitionIsALiteralInARegexAsInRe2() throws Exception {
        VectorSelector s = assertInstanceOf(VectorSelector.class, PromQlParser.parse("x{job=~\"${job}\", le=~\"a{2}\"}"));
        assertEquals("${job}", s.matchers().get(0).value());
    }

    @Test
    void anInvalidRegexIsRefused() {
        assertRefused("x{job=~\"(a\"}", "invalid regular expression '(a'");
    }

    @Test
    void theLinterSampleOfRateIntervalIsAnOrdinaryDuration() {
        assertEquals(8_869_990_787L, PromQlParser.durationMillis("8869990787ms"));
    }

    @Test
    void anUnknownFunctionIsRefused() {
        assertRefused("rates(x[5m])", "unknown function with name \"rates\"");
    }

    @Test
    void aRateOfAnInstantVectorIsRefused() {
        assertRefused("rate(x)", "expected type range vector in call to function \"rate\", got instant vector");
    }

    @Test
    void aScalarArgumentMustBeAScalar() {
        assertRefused("histogram_quantile(x, y)", "expected type scalar in call to function \"histogram_quantile\"");
    }

    @Test
    void aRangeOnAnythingButASelectorIsRefused() {
        assertRefused("(x)[5m]", "ranges only allowed for vector selectors");
    }

    @Test
    void aComparisonOfTwoScalarsNeedsBool() {
        assertRefused("1 > 0", "comparisons between scalars must use BOOL modifier");
    }

    @Test
    void setOperatorsTakeNoGrouping() {
        assertRefused("a and on (x) group_left b", "no grouping allowed for \"and\" operation");
    }

    @Test
    void aSelectorMatchingEverythingIsRefused() {
        assertRefused("{job=~\".*\"}", "vector selector must contain at least one non-empty matcher");
    }

    @Test
    void anUnclosedBraceIsRefused() {
        assertRefused("x{job=~\"$job\"", "unexpected end of input");
    }

    @Test
    void aDurationWithAnUnknownUnitIsRefused() {
        assertRefused("rate(x[5min])", "bad number or duration syntax");
    }

    @Test
    void anUnexpandedGrafanaVariableIsRefused() {
        assertRefused("rate(x[$__rate_interval])", "unexpected character '$'");
    }

    private static void assertRefused(String expr, String expected) {
        PromQlException e = assertThrows(PromQlException.class, () -> PromQlParser.parse(expr));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
