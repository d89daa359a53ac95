package io.smokegate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per log record: {@code ts}, {@code level}, {@code logger}, {@code msg}, and the
 * exception (class and message; the stack trace only at WARNING and above, where someone will read it).
 * Parameters of the form {@code key=value} given to the logger become fields.
 */
final class JsonLogFormatter extends Formatter {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(LogRecord r) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("ts", Instant.ofEpochMilli(r.getMillis()).toString());
            g.writeStringField("level", r.getLevel().getName());
            g.writeStringField("logger", r.getLoggerName());
            g.writeStringField("msg", r.getMessage() == null ? "" : r.getMessage());
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    String s = String.valueOf(p);
                    int eq = s.indexOf('=');
                    if (eq > 0) {
                        g.writeStringField(s.substring(0, eq), s.substring(eq + 1));
                    }
                }
            }
            if (r.getThrown() != null) {
                g.writeStringField("error", r.getThrown().toString());
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    StringWriter trace = new StringWriter();
                    r.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                    g.writeStringField("stack", trace.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            return "{\"level\":\"SEVERE\",\"msg\":\"cannot format log record\"}\n";
        }
        return out + "\n";
    }
}
