package dev.copilotci.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * JSON text ⇄ Jackson trees with the streaming parser and generator only. The engine never builds an
 * {@code ObjectMapper}: its initialisation loads ~600 classes (bean introspection, date formats, locales) and costs
 * about 100 ms of every one-shot run, while the wire protocol only ever needs trees.
 */
final class JsonCodec {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonFactory factory = new JsonFactory();

    /** A new empty object node (no mapper needed). */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** UTF-8 JSON for {@code node}; a POJO node cannot be encoded (the protocol has none). */
    public byte[] encode(JsonNode node) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = factory.createGenerator(out)) {
            write(g, node);
        }
        return out.toByteArray();
    }

    /** The tree for the JSON document at the start of {@code json} (what follows it is ignored, as ObjectMapper does). */
    public JsonNode decode(byte[] json) throws IOException {
        try (JsonParser p = factory.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IOException("empty JSON document");
            }
            return read(p, first);
        }
    }

    private static JsonNode read(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = next(p); t != JsonToken.END_OBJECT; t = next(p)) {
                    String name = p.currentName();
                    object.set(name, read(p, next(p)));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = next(p); t != JsonToken.END_ARRAY; t = next(p)) {
                    array.add(read(p, t));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("unexpected JSON token " + token + " at " + p.currentLocation());
        }
    }

    private static JsonToken next(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new IOException("JSON document ends inside an object or array");
        }
        return t;
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT:
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
                g.writeEndObject();
                break;
            case ARRAY:
                g.writeStartArray();
                for (JsonNode element : node) {
                    write(g, element);
                }
                g.writeEndArray();
                break;
            case STRING:
                g.writeString(node.textValue());
                break;
            case NUMBER:
                writeNumber(g, node);
                break;
            case BOOLEAN:
                g.writeBoolean(node.booleanValue());
                break;
            case BINARY:
                g.writeBinary(node.binaryValue());
                break;
            case NULL:
            case MISSING:
                g.writeNull();
                break;
            case POJO:
                // Only from callers' own trees (e.g. putPOJO in tool parameters): Jackson's databind writes it.
                g.writeRawValue(node.toString());
                break;
            default:
                throw new IOException("cannot encode a " + node.getNodeType() + " node as JSON");
        }
    }

    private static void writeNumber(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT:
                g.writeNumber(node.intValue());
                break;
            case LONG:
                g.writeNumber(node.longValue());
                break;
            case BIG_INTEGER:
                g.writeNumber(node.bigIntegerValue());
                break;
            case FLOAT:
                g.writeNumber(node.floatValue());
                break;
            case BIG_DECIMAL:
                g.writeNumber(node.decimalValue());
                break;
            default:
                g.writeNumber(node.doubleValue());
        }
    }
}
