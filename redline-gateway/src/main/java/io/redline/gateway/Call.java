package io.redline.gateway;

import io.redline.identity.Principal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One request to the gateway, already authenticated.
 *
 * @param headers request headers, names lower-cased
 * @param body    the request body as sent (forwarded unchanged, so fields the gateway does not know pass through)
 */
public record Call(Operation operation, Principal caller, Map<String, String> headers, byte[] body) {
    public Call {
        Objects.requireNonNull(operation);
        Objects.requireNonNull(caller);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
