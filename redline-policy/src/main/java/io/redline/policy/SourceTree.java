package io.redline.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where every node came from. Jackson's {@code JsonNode}
 * drops locations, and validation must point at the exact line and column, so the parser's token
 * stream is walked here instead.
 */
final class SourceTree {
    /** Deeper documents are rejected: no sensible policy nests this far, and it bounds recursion. */
    static final int MAX_DEPTH = 32;

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    record Pos(int line, int column) {
        static final Pos START = new Pos(1, 1);

        static Pos of(JsonLocation location) {
            if (location == null || location.getLineNr() < 1) {
                return START;
            }
            return new Pos(location.getLineNr(), Math.max(1, location.getColumnNr()));
        }
    }

    sealed interface Node permits MapNode, ListNode, ScalarNode {
        Pos pos();

        /** How the node reads in an error message: "a mapping", "a list", "the string 'x'". */
        String describe();
    }

    record Entry(String key, Pos keyPos, Node value) {}

    record MapNode(Pos pos, Map<String, Entry> entries) implements Node {
        Entry get(String key) {
            return entries.get(key);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record ListNode(Pos pos, List<Node> items) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * @param token  one of the VALUE_* tokens; {@code text} is the scalar as written
     * @param number for VALUE_NUMBER_INT, the value when it fits a long (YAML allows 0x1F, 1_000),
     *               else {@code null}
     */
    record ScalarNode(Pos pos, JsonToken token, String text, Long number) implements Node {
        ScalarNode(Pos pos, JsonToken token, String text) {
            this(pos, token, text, null);
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        @Override
        public String describe() {
            return switch (token) {
                case VALUE_NULL -> "an empty value";
                case VALUE_TRUE, VALUE_FALSE -> "the boolean " + text;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + text;
                default -> "the string '" + text + "'";
            };
        }
    }

    private final List<PolicyError> errors;

    private SourceTree(List<PolicyError> errors) {
        this.errors = errors;
    }

    /**
     * Reads one YAML document. Returns {@code null} when the document cannot be read at all (a
     * syntax error); structural problems such as duplicate keys are added to {@code errors} and
     * reading continues so that later errors are found too.
     */
    static Node read(String source, List<PolicyError> errors) {
        SourceTree tree = new SourceTree(errors);
        try (YAMLParser parser = YAML.createParser(source)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                errors.add(new PolicyError(
                        1, 1, "", "the policy is empty: expected a mapping with schema, name and rules"));
                return null;
            }
            Node root = tree.value(parser, first, "", 0);
            JsonToken next = parser.nextToken();
            if (next != null) {
                Pos pos = Pos.of(parser.currentTokenLocation());
                errors.add(new PolicyError(
                        pos.line(),
                        pos.column(),
                        "",
                        "a policy is a single YAML document: remove the second document starting here (after '---')"));
            }
            return root;
        } catch (JsonProcessingException e) {
            Pos pos = syntaxErrorPos(e);
            errors.add(new PolicyError(pos.line(), pos.column(), "", "invalid YAML: " + syntaxMessage(e)));
            return null;
        } catch (IOException e) {
            // Reading from a String cannot fail with I/O; treat it as unreadable YAML all the same.
            errors.add(new PolicyError(1, 1, "", "invalid YAML: " + e.getMessage()));
            return null;
        }
    }

    private Node value(YAMLParser p, JsonToken token, String path, int depth) throws IOException {
        Pos pos = Pos.of(p.currentTokenLocation());
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            errors.add(new PolicyError(
                    pos.line(),
                    pos.column(),
                    path,
                    "nesting is deeper than " + MAX_DEPTH + " levels: flatten the conditions"));
            p.skipChildren();
            return new ScalarNode(pos, JsonToken.VALUE_NULL, "");
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Pos keyPos = Pos.of(p.currentTokenLocation());
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    Node child = value(p, p.nextToken(), childPath, depth + 1);
                    Entry previous = entries.get(key);
                    if (previous != null) {
                        errors.add(new PolicyError(
                                keyPos.line(),
                                keyPos.column(),
                                childPath,
                                "duplicate key '" + key + "' (first defined at line "
                                        + previous.keyPos().line() + "): keep only one"));
                    } else {
                        entries.put(key, new Entry(key, keyPos, child));
                    }
                }
                return new MapNode(pos, entries);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    items.add(value(p, t, path + "[" + items.size() + "]", depth + 1));
                }
                return new ListNode(pos, items);
            }
            default -> {
                if (p.isCurrentAlias()) {
                    errors.add(new PolicyError(
                            pos.line(),
                            pos.column(),
                            path,
                            "YAML aliases (*" + p.getText() + ") are not supported: write the value out"));
                    // The alias name stands in for the value so the alias is reported once, not again as "empty".
                    return new ScalarNode(pos, JsonToken.VALUE_STRING, p.getText());
                }
                String text = token == JsonToken.VALUE_NULL ? "" : p.getText();
                Long number = null;
                if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    number = p.getLongValue();
                }
                return new ScalarNode(pos, token, text, number);
            }
        }
    }

    private static Pos syntaxErrorPos(JsonProcessingException e) {
        // SnakeYAML's marks are more precise than Jackson's wrapper location when both exist.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
                return new Pos(
                        marked.getProblemMark().getLine() + 1,
                        marked.getProblemMark().getColumn() + 1);
            }
        }
        return Pos.of(e.getLocation());
    }

    private static String syntaxMessage(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
                String context = marked.getContext();
                String problem = marked.getProblem();
                return (context == null ? "" : context + ", ") + (problem == null ? "syntax error" : problem);
            }
        }
        String original = e.getOriginalMessage();
        return original == null ? "syntax error" : original;
    }
}
