package org.redflag.source;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A parsed JSON or YAML document that remembers on which line each value starts, so that every problem found later
 * (by a schema or by a semantic check) can name its line. Duplicate keys are refused.
 */
public final class SourceDocument {

    public enum Format { JSON, YAML }

    /** Built on first use: a mapper is most of a third of a second of a cold start ({@link ShippedYaml} needs none). */
    private static final class Mappers {
        static final ObjectMapper JSON = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        static final ObjectMapper YAML = YAMLMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    private final String name;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    SourceDocument(String name, JsonNode root, Map<String, Integer> lines) {
        this.name = name;
        this.root = root;
        this.lines = lines;
    }

    /**
     * Parses {@code text}; a syntax error becomes an {@link InvalidInputException} naming the line and column.
     *
     * @param name how messages name the document, usually its file name
     */
    public static SourceDocument parse(String name, String text, Format format) throws InvalidInputException {
        ObjectMapper mapper = format == Format.JSON ? Mappers.JSON : Mappers.YAML;
        try {
            JsonNode root = mapper.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new InvalidInputException(new InputProblem(name, 0, "$", "the document is empty"));
            }
            return new SourceDocument(name, root, lineMap(mapper, text));
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            String where = at == null || at.getColumnNr() < 1 ? "" : " (column " + at.getColumnNr() + ")";
            String what = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")
                    ? "another value after the end of the first; a document holds one " + format + " value"
                    : e.getOriginalMessage() == null ? null
                    // a limit's message names the parser setting behind it: not the user's to change
                    : e.getOriginalMessage().replaceAll(", from `[^`]*`", "");
            throw new InvalidInputException(new InputProblem(name, Math.max(line, 0), "$",
                    "not valid " + format + where + ": " + what));
        }
    }

    private static Map<String, Integer> lineMap(ObjectMapper mapper, String text) {
        Map<String, Integer> lines = new HashMap<>();
        Deque<Frame> stack = new ArrayDeque<>();
        try (JsonParser p = mapper.createParser(text)) {
            JsonToken t;
            String pendingName = null;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.PROPERTY_NAME) {
                    pendingName = p.currentName();
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    stack.pop();
                    continue;
                }
                String path;
                if (stack.isEmpty()) {
                    path = "$";
                } else {
                    Frame parent = stack.peek();
                    path = parent.array ? JsonPath.child(parent.path, parent.nextIndex++)
                            : JsonPath.child(parent.path, pendingName);
                }
                lines.put(path, p.currentTokenLocation().getLineNr());
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    stack.push(new Frame(path, t == JsonToken.START_ARRAY));
                }
            }
        }
        return lines;
    }

    private static final class Frame {
        final String path;
        final boolean array;
        int nextIndex;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }
    }

    /** Each value's path and the line it starts on (for tests that compare two readings). */
    Map<String, Integer> lines() {
        return java.util.Collections.unmodifiableMap(lines);
    }

    public String name() {
        return name;
    }

    public JsonNode root() {
        return root;
    }

    /** The line on which the value at {@code path} starts, or that of its nearest parent; 0 if unknown. */
    public int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = p.endsWith("']") ? p.lastIndexOf("['") : Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return lines.getOrDefault("$", 0);
            }
            p = p.substring(0, cut);
        }
    }

    /** A problem at {@code path} of this document, with its line. */
    public InputProblem problem(String path, String message) {
        return new InputProblem(name, lineOf(path), path, message);
    }
}
