package io.smokegate.report;

import io.smokegate.check.CheckResult;
import io.smokegate.check.TableDetail;
import java.util.List;
import java.util.Map;

/**
 * Table details ({@link TableDetail}) as aligned plain text, for the text report, the live progress and JUnit's
 * {@code system-out}: a title line, a header, a rule and one line per row, columns two spaces apart.
 */
public final class TextTables {

    /** Wider cells are cut, so one long value cannot push the other columns off the screen. */
    private static final int MAX_CELL = 60;

    private TextTables() {
    }

    /** Every table among the check's details, each under its detail key, lines indented by {@code indent}. */
    static String of(CheckResult check, String indent) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, TableDetail> e : TableDetail.in(check.details()).entrySet()) {
            out.append(render(e.getKey(), e.getValue(), indent));
        }
        return out.toString();
    }

    public static String render(String title, TableDetail table, String indent) {
        List<String> columns = table.columns();
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = cell(columns.get(i)).length();
            for (Map<String, String> row : table.rows()) {
                widths[i] = Math.max(widths[i], cell(row.get(columns.get(i))).length());
            }
        }
        StringBuilder out = new StringBuilder(indent).append(TextReport.oneLine(title)).append(":\n");
        line(out, indent, widths, columns.stream().map(TextTables::cell).toList());
        line(out, indent, widths, java.util.Arrays.stream(widths).mapToObj("-"::repeat).toList());
        for (Map<String, String> row : table.rows()) {
            line(out, indent, widths, columns.stream().map(c -> cell(row.get(c))).toList());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String indent, int[] widths, List<String> cells) {
        StringBuilder line = new StringBuilder(indent).append("  ");
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length() + (i + 1 < cells.size() ? 2 : 0)));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String cell(String text) {
        String one = TextReport.oneLine(text == null ? "" : text);
        return one.length() > MAX_CELL ? one.substring(0, MAX_CELL - 1) + "…" : one;
    }
}
