package io.redline.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders the OpenAPI document as one self-contained HTML page (no scripts, no CDN), so the API
 * is readable on an air-gapped install. Everything from the document is escaped.
 */
final class ApiPage {
    private ApiPage() {}

    static String render(JsonNode api) {
        StringBuilder html = new StringBuilder(16_384);
        String title = api.path("info").path("title").asText("API");
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title))
                .append(
                        "</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}"
                                + "h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}.op{margin:1em 0;padding:.6em 1em;border:1px solid #e3e3e3;border-radius:6px}"
                                + ".m{display:inline-block;min-width:4.5em;font-weight:bold;font-family:monospace}.p{font-family:monospace}"
                                + ".roles{color:#666;font-size:90%}pre{background:#f6f6f6;padding:.6em;overflow:auto;font-size:85%}</style></head><body>")
                .append("<h1>")
                .append(esc(title))
                .append(" <small>")
                .append(esc(api.path("info").path("version").asText()))
                .append("</small></h1><p>")
                .append(esc(api.path("info").path("description").asText()))
                .append("</p><p>Machine-readable: <a href=\"/openapi.json\">/openapi.json</a></p><h2>Operations</h2>");
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode o = op.getValue();
                html.append("<div class=\"op\"><span class=\"m\">")
                        .append(esc(op.getKey().toUpperCase()))
                        .append("</span> <span class=\"p\">")
                        .append(esc(path.getKey()))
                        .append("</span><div>")
                        .append(esc(o.path("summary").asText()))
                        .append("</div>");
                if (o.has("description"))
                    html.append("<p>")
                            .append(esc(o.path("description").asText()))
                            .append("</p>");
                JsonNode roles = o.path("x-roles");
                html.append("<div class=\"roles\">Roles: ")
                        .append(roles.isArray() && !roles.isEmpty() ? esc(join(roles)) : "public (no token)")
                        .append("</div>");
                if (o.has("requestBody")) {
                    html.append("<details><summary>Request body</summary><pre>")
                            .append(esc(o.path("requestBody").toPrettyString()))
                            .append("</pre></details>");
                }
                html.append("<details><summary>Responses</summary><pre>")
                        .append(esc(o.path("responses").toPrettyString()))
                        .append("</pre></details></div>");
            }
        }
        if (api.path("components").has("schemas")) {
            html.append("<h2>Schemas</h2><pre>")
                    .append(esc(api.path("components").path("schemas").toPrettyString()))
                    .append("</pre>");
        }
        return html.append("</body></html>").toString();
    }

    private static String join(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode n : array) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(n.asText());
        }
        return sb.toString();
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
