package org.redflag.source;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema (draft 2020-12) loaded from the class path, checking {@link SourceDocument}s. Each violation becomes
 * an {@link InputProblem} with the file, the line and the JSON path, and a message that says what was expected.
 */
public final class JsonSchemaCheck {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Schema schema;
    private final String resource;

    private JsonSchemaCheck(Schema schema, String resource) {
        this.schema = schema;
        this.resource = resource;
    }

    /** Loads the schema at a class-path resource such as {@code /org/redflag/schemas/case.schema.json}. */
    public static JsonSchemaCheck fromResource(String resource) {
        try (InputStream in = JsonSchemaCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema not on the class path: " + resource);
            }
            return new JsonSchemaCheck(REGISTRY.getSchema(in), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
    }

    public String resource() {
        return resource;
    }

    /** Every violation of the schema, one per JSON path (the most specific first), sorted by line. */
    public List<InputProblem> check(SourceDocument document) {
        List<Error> errors = schema.validate(document.root());
        Map<String, InputProblem> byPath = new LinkedHashMap<>();
        for (Error e : errors) {
            String path = path(e);
            byPath.putIfAbsent(path, document.problem(path, describe(e)));
        }
        List<InputProblem> problems = new ArrayList<>(byPath.values());
        problems.sort(Comparator.comparingInt(InputProblem::line).thenComparing(InputProblem::path));
        return problems;
    }

    private static String path(Error e) {
        NodePath at = e.getInstanceLocation();
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < at.getNameCount(); i++) {
            elements.add(at.getElement(i));
        }
        if ("additionalProperties".equals(e.getKeyword()) || "required".equals(e.getKeyword())) {
            if (e.getProperty() != null) {
                elements.add(e.getProperty());
            }
        }
        return JsonPath.of(elements);
    }

    private static String describe(Error e) {
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        String found = e.getInstanceNode() == null ? "" : "; found " + abbreviate(e.getInstanceNode().toString());
        return switch (keyword) {
            case "additionalProperties" -> "unknown field \"" + e.getProperty() + "\": not allowed here";
            case "required" -> "required field \"" + e.getProperty() + "\" is missing";
            case "enum" -> "expected one of " + e.getSchemaNode() + found;
            case "type" -> "expected " + e.getSchemaNode().toString().replace("\"", "") + found;
            case "const" -> "expected " + e.getSchemaNode() + found;
            default -> strip(e.getMessage()) + found;
        };
    }

    /** networknt prefixes its messages with the path; the problem carries the path already. */
    private static String strip(String message) {
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
