package io.redline.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The texts a chat message (or a streamed delta) carries beside its {@code content}, which reach
 * the end user as surely as the content does: the reasoning of reasoning models
 * ({@code reasoning_content}, as DeepSeek and vLLM name it, or {@code reasoning}), and the
 * arguments of tool calls ({@code tool_calls[].function.arguments}, and the older
 * {@code function_call.arguments}), which apps act on and often show. Each is screened like the
 * content, under a key naming where it lives: the reasoning field's own name, {@code tool:<index>},
 * or {@code function_call}.
 */
final class Sides {
    static final List<String> REASONING = List.of("reasoning_content", "reasoning");
    private static final String TOOL = "tool:";
    private static final String FUNCTION_CALL = "function_call";

    private Sides() {}

    /** Every side text of {@code m}, in a fixed order: reasoning, tool calls by position, function call. */
    static List<Map.Entry<String, String>> of(ObjectNode m) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String f : REASONING) {
            if (m.path(f).isTextual()) out.add(Map.entry(f, m.path(f).asText()));
        }
        JsonNode calls = m.path("tool_calls");
        for (int i = 0; i < calls.size(); i++) {
            JsonNode args = calls.get(i).path("function").path("arguments");
            if (args.isTextual()) out.add(Map.entry(TOOL + indexOf(calls.get(i), i), args.asText()));
        }
        JsonNode fc = m.path(FUNCTION_CALL).path("arguments");
        if (fc.isTextual()) out.add(Map.entry(FUNCTION_CALL, fc.asText()));
        return out;
    }

    /** Whether {@code m} carries a side field at all (a delta naming a tool but no arguments yet still goes out). */
    static boolean has(ObjectNode m) {
        return REASONING.stream().anyMatch(m::has) || m.has("tool_calls") || m.has(FUNCTION_CALL);
    }

    /** The side text under {@code key} in {@code m}, or "" when absent. */
    static String get(ObjectNode m, String key) {
        JsonNode n = holder(m, key, false);
        String field = key.startsWith(TOOL) || key.equals(FUNCTION_CALL) ? "arguments" : key;
        return n != null && n.path(field).isTextual() ? n.path(field).asText() : "";
    }

    /** Sets the side text under {@code key}, creating the tool call or function call entry it lives in when needed. */
    static void put(ObjectNode m, String key, String text) {
        ObjectNode n = holder(m, key, true);
        n.put(key.startsWith(TOOL) || key.equals(FUNCTION_CALL) ? "arguments" : key, text);
    }

    /** Removes every side field: what a stopped answer must not carry. */
    static void removeAll(ObjectNode m) {
        REASONING.forEach(m::remove);
        m.remove("tool_calls");
        m.remove(FUNCTION_CALL);
    }

    private static ObjectNode holder(ObjectNode m, String key, boolean create) {
        if (key.equals(FUNCTION_CALL)) {
            if (m.path(FUNCTION_CALL) instanceof ObjectNode f) return f;
            return create ? m.putObject(FUNCTION_CALL) : null;
        }
        if (!key.startsWith(TOOL)) return m;
        int index = Integer.parseInt(key.substring(TOOL.length()));
        ArrayNode calls = m.path("tool_calls") instanceof ArrayNode a ? a : null;
        if (calls != null) {
            for (int i = 0; i < calls.size(); i++) {
                if (calls.get(i) instanceof ObjectNode c && indexOf(c, i) == index) {
                    if (c.path("function") instanceof ObjectNode f) return f;
                    return create ? c.putObject("function") : null;
                }
            }
        }
        if (!create) return null;
        if (calls == null) calls = m.putArray("tool_calls");
        ObjectNode c = calls.addObject();
        c.put("index", index);
        return c.putObject("function");
    }

    /** A streamed tool call names its index; a whole message's tool calls are in order. */
    private static int indexOf(JsonNode call, int position) {
        return call.path("index").asInt(position);
    }
}
