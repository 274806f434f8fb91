package org.redflag.screening;

import java.io.Writer;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Writes screening results, one JSON object per line (screening-result.schema.json). */
public final class ResultWriter implements AutoCloseable {

    /** Lines, not a stream of values: no separator between root values but the newline written after each. */
    public static final JsonMapper JSON_LINES = JsonMapper.builder(tools.jackson.core.json.JsonFactory.builder()
            .rootValueSeparator((String) null).build()).build();
    private static final JsonMapper JSON = JSON_LINES;
    private final JsonGenerator g;

    public ResultWriter(Writer out) {
        this.g = JSON.createGenerator(out);
    }

    /** Writes UTF-8 bytes straight to {@code out}, with no character encoder between. */
    public ResultWriter(java.io.OutputStream out) {
        this.g = JSON.createGenerator(out);
    }

    public void write(Screener.Result r) {
        if (r.flags().isEmpty() && plain(r.listingId())) {
            // most listings are clean: their line is always the same but for the id (risk 0 without flags), so it
            // is written as it stands, the same bytes the generator writes
            g.writeRaw(CLEAN_START);
            g.writeRaw(r.listingId());
            g.writeRaw(CLEAN_END);
            return;
        }
        g.writeStartObject();
        g.writeStringProperty("listingId", r.listingId());
        g.writeArrayPropertyStart("flags");
        for (Screener.Flag f : r.flags()) {
            g.writeStartObject();
            g.writeStringProperty("code", f.code().name());
            g.writeStringProperty("detail", f.detail());
            g.writeName("evidence");
            writeValue(f.evidence());
            g.writeArrayPropertyStart("citations");
            for (String c : f.citations()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberProperty("risk", r.risk());
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static final String CLEAN_START = "{\"listingId\":\"";
    private static final String CLEAN_END = "\",\"flags\":[],\"risk\":0.0}\n";

    /** Printable ASCII without a quote or a backslash: a JSON string that needs no escape. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private void writeValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (var e : m.entrySet()) {
                g.writeName(e.getKey().toString());
                writeValue(e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            l.forEach(this::writeValue);
            g.writeEndArray();
        } else if (v instanceof Number n) {
            if (n instanceof Integer || n instanceof Long) {
                g.writeNumber(n.longValue());
            } else if (n instanceof java.math.BigDecimal b) {
                g.writeNumber(b);
            } else {
                g.writeNumber(n.doubleValue());
            }
        } else if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v.toString());
        }
    }

    public void flush() {
        g.flush();
    }

    @Override
    public void close() {
        g.close();
    }
}
