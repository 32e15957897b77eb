package io.redline.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Where the gateway writes its answer; the server adapts its HTTP framework to this, so the
 * proxy engine knows no framework. Exactly one of {@link #send} or {@link #stream} is called.
 */
public interface Reply {
    /** A whole answer. */
    void send(int status, Map<String, String> headers, String contentType, byte[] body) throws IOException;

    /**
     * Starts a streamed answer (status 200, {@code text/event-stream}); each write is followed by a
     * flush from the caller. A write failing with {@link IOException} means the client went away.
     */
    OutputStream stream(Map<String, String> headers) throws IOException;
}
