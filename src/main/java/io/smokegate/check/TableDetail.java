package io.smokegate.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table a check returns among its details — rows of text cells under named columns, such as the drift matrix of
 * several clusters. Every report format renders it as a table (Markdown table, aligned text, the JUnit case's
 * {@code system-out}); in JSON, and so in the store and the API, it is the detail value
 * {@code {"columns":[...],"rows":[{column: cell, ...}]}}, which is how writers recognise it again after a round
 * trip through the store, where details come back as plain maps and lists.
 *
 * @param columns the column names, in order, unique; the first usually names the row
 * @param rows    one map per row, column name to cell; a missing cell is empty
 */
public record TableDetail(List<String> columns, List<Map<String, String>> rows) {

    /** More rows than a report should show; a check that has more must summarise. */
    public static final int MAX_ROWS = 1000;

    public TableDetail {
        columns = List.copyOf(columns);
        if (columns.isEmpty() || new LinkedHashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("a table needs at least one column and unique column names, got " + columns);
        }
        if (rows.size() > MAX_ROWS) {
            throw new IllegalArgumentException("a table detail holds at most " + MAX_ROWS + " rows, got " + rows.size());
        }
        List<Map<String, String>> copied = new ArrayList<>(rows.size());
        for (Map<String, String> row : rows) {
            for (String key : row.keySet()) {
                if (!columns.contains(key)) {
                    throw new IllegalArgumentException("row cell '" + key + "' is not one of the columns " + columns);
                }
            }
            Map<String, String> ordered = new LinkedHashMap<>();
            for (String column : columns) {
                String cell = row.get(column);
                ordered.put(column, cell == null ? "" : cell);
            }
            copied.add(java.util.Collections.unmodifiableMap(ordered));
        }
        rows = List.copyOf(copied);
    }

    /** The value to pass to {@link Probe#detail}: plain maps and lists, as every detail is. */
    public Map<String, Object> asDetail() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", columns);
        out.put("rows", rows);
        return out;
    }

    /**
     * The table a detail value holds: a map with exactly the keys {@code columns} (a list of strings) and
     * {@code rows} (a list of maps); empty for any other value. Cells that are not text (a number in a stored
     * report edited by hand) are shown as text.
     */
    public static Optional<TableDetail> from(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 2
                || !(map.get("columns") instanceof List<?> columns) || !(map.get("rows") instanceof List<?> rows)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (Object c : columns) {
            if (!(c instanceof String s)) {
                return Optional.empty();
            }
            names.add(s);
        }
        List<Map<String, String>> cells = new ArrayList<>();
        for (Object r : rows) {
            if (!(r instanceof Map<?, ?> row)) {
                return Optional.empty();
            }
            Map<String, String> text = new LinkedHashMap<>();
            row.forEach((k, v) -> text.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
            cells.add(text);
        }
        try {
            return Optional.of(new TableDetail(names, cells));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The tables among a check's details, by detail key, in the details' order. */
    public static Map<String, TableDetail> in(Map<String, Object> details) {
        Map<String, TableDetail> tables = new LinkedHashMap<>();
        details.forEach((key, value) -> from(value).ifPresent(t -> tables.put(key, t)));
        return tables;
    }
}
