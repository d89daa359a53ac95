package io.smokegate.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The report formats of {@code run --format}. */
public enum ReportFormat {
    TEXT(new TextReport()),
    JSON(new JsonReport()),
    JUNIT(new JunitReport()),
    MARKDOWN(new MarkdownReport());

    private final ReportWriter writer;

    ReportFormat(ReportWriter writer) {
        this.writer = writer;
    }

    public ReportWriter writer() {
        return writer;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReportFormat> parse(String text) {
        return Arrays.stream(values()).filter(f -> f.label().equalsIgnoreCase(text)).findFirst();
    }
}
