package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What Jetty refuses before any route runs answers problem+json like every other error, not
 * Jetty's HTML page: a client that parses problem+json for every 4xx gets one here too. Sent over a
 * raw socket, because an HTTP client would not send these requests.
 */
class ProtocolErrorsTest extends SharedServerTest {

    /** A raw answer: status, the Content-Type header, the body. */
    private record Answer(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return TestServer.JSON.readTree(body);
        }
    }

    private static Answer send(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.server().port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8_192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) got.write(buf, 0, n);
            } catch (SocketException reset) {
                // the server may reset once it has answered and closed; what arrived is the answer
            }
            String raw = got.toString(StandardCharsets.UTF_8);
            int headersEnd = raw.indexOf("\r\n\r\n");
            assertThat(headersEnd).as("an HTTP answer: %s", raw).isPositive();
            String head = raw.substring(0, headersEnd);
            String contentType = head.lines()
                    .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("");
            return new Answer(Integer.parseInt(head.substring(9, 12)), contentType, raw.substring(headersEnd + 4));
        }
    }

    private static void assertProblem(Answer a, int status, String detail) throws IOException {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        JsonNode p = a.json();
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("detail").asText()).contains(detail);
    }

    @Test
    void aHeaderBlockOverTheLimitIsA431Problem() throws IOException {
        String big = "a".repeat(12_000);
        assertProblem(
                send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\nConnection: close\r\n\r\n"),
                431,
                "header fields are larger than the server accepts");
    }

    @Test
    void aRequestLineOverTheLimitIsA414Problem() throws IOException {
        String path = "/v1/contents?q=" + "a".repeat(12_000);
        assertProblem(
                send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                414,
                "send long data in the body");
    }

    @Test
    void aMalformedRequestLineIsA400Problem() throws IOException {
        assertProblem(send("GET /\u0007 HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "not valid HTTP/1.1");
        assertProblem(send("GET /healthz HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n"), 400, "not valid HTTP/1.1");
    }

    @Test
    void aNulInThePathIsA400Problem() throws IOException {
        Answer a = send("GET /v1/contents/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().path("status").asInt()).isEqualTo(400);
    }

    @Test
    void theServerKeepsServingAfterThem() throws IOException {
        send("GET /\u0007 HTTP/1.1\r\nHost: x\r\n\r\n");
        Answer ok = send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(ok.status()).isEqualTo(200);
    }
}
