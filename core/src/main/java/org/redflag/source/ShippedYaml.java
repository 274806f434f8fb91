package org.redflag.source;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.JsonScalarResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * YAML that the build ships and its tests check (the policy packs in the jar), read into the tree and line map
 * {@link SourceDocument#parse} makes, without Jackson's object mapper, whose construction is most of a third of a
 * second of a cold start: composed by snakeyaml-engine (which the mapper's YAML parser reads with) and its plain
 * scalars typed by the same JSON-schema resolver that parser uses. What this reader does not take for certain — a
 * repeated key, a key that is not a plain string, an anchor (the mapper reads an alias as its name), a document it
 * cannot compose — goes to {@link SourceDocument#parse},
 * which also names any problem. The build's tests check that both readings of every shipped pack are the same.
 */
public final class ShippedYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonScalarResolver RESOLVER = new JsonScalarResolver();

    private ShippedYaml() {
    }

    public static SourceDocument parse(String name, String text) throws InvalidInputException {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().build()).composeString(text);
        } catch (YamlEngineException e) {
            return SourceDocument.parse(name, text, SourceDocument.Format.YAML);
        }
        Map<String, Integer> lines = new HashMap<>();
        JsonNode tree = root.isPresent() ? tree(root.get(), "$", lines) : null;
        if (tree == null) {
            return SourceDocument.parse(name, text, SourceDocument.Format.YAML);
        }
        return new SourceDocument(name, tree, lines);
    }

    /** The node as the mapper reads it, its path's line recorded; null where the mapper must decide. */
    private static JsonNode tree(Node node, String path, Map<String, Integer> lines) {
        if (node.getAnchor().isPresent()) {
            return null;
        }
        lines.put(path, node.getStartMark().map(m -> m.getLine() + 1).orElse(0));
        if (node instanceof MappingNode mapping) {
            ObjectNode object = NODES.objectNode();
            for (NodeTuple t : mapping.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key) || object.has(key.getValue())) {
                    return null;
                }
                JsonNode value = tree(t.getValueNode(), JsonPath.child(path, key.getValue()), lines);
                if (value == null) {
                    return null;
                }
                object.set(key.getValue(), value);
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            for (Node item : sequence.getValue()) {
                JsonNode value = tree(item, JsonPath.child(path, array.size()), lines);
                if (value == null) {
                    return null;
                }
                array.add(value);
            }
            return array;
        }
        return node instanceof ScalarNode scalar ? scalar(scalar) : null;
    }

    private static JsonNode scalar(ScalarNode scalar) {
        String value = scalar.getValue();
        if (scalar.getScalarStyle() != ScalarStyle.PLAIN) {
            return NODES.stringNode(value);
        }
        Tag tag = RESOLVER.resolve(value, true);
        if (tag.equals(Tag.NULL)) {
            return NODES.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            return NODES.booleanNode(value.equalsIgnoreCase("true"));
        }
        if (tag.equals(Tag.INT)) {
            BigInteger i = new BigInteger(value);
            return i.bitLength() < 32 ? NODES.numberNode(i.intValue()) : i.bitLength() < 64
                    ? NODES.numberNode(i.longValue()) : NODES.numberNode(i);
        }
        if (tag.equals(Tag.FLOAT)) {
            return NODES.numberNode(Double.parseDouble(value));
        }
        return NODES.stringNode(value);
    }
}
