package io.redline.gateway;

import io.redline.policy.Policy;
import java.util.List;

/**
 * Everything the gateway needs from the capabilities that own content, decisions and policies:
 * the policy in force, and storing an exchange. The server implements it in exactly one class,
 * so moving those capabilities is a change to that one class.
 */
public interface GatewayRecords {
    /** The policy in force (a cached read; called on every request). */
    Policy policy();

    /**
     * Stores the prompt and the output as content (surfaces {@code prompt} and {@code output}, the
     * end user as author) with their decisions and audit entries, and the exchange row that links
     * them ({@link ExchangeLog#insert}). Runs off the request path.
     */
    void record(Exchange exchange);

    /**
     * Retention of full texts: the stored text of these contents becomes {@code sha256:<hex>} of
     * itself (idempotent: a text already reduced stays as it is), audited. Returns how many changed.
     */
    int expireTexts(List<Long> contentIds);

    /**
     * Retention of the log: deletes up to {@code limit} of the oldest exchange rows with ids below
     * {@code beforeId} ({@link ExchangeLog#purge}) with an audit entry in the same transaction.
     * Returns how many went.
     */
    int purgeLog(long beforeId, int limit);
}
