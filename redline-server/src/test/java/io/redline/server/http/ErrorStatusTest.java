package io.redline.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.review.ReviewException;
import org.junit.jupiter.api.Test;

/** Refusals a client should retry carry Retry-After, so retrying clients know when (docs/review.md). */
class ErrorStatusTest {

    @Test
    void aReportOfContentNotDecidedYetIsA409ThatSaysWhenToRetry() {
        ReviewException.NotDecidedYet e = new ReviewException.NotDecidedYet("content 1 is being decided");
        assertThat(ErrorStatus.problemOf(e))
                .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(409));
        assertThat(ErrorStatus.retryAfterSeconds(e)).hasValue(ReviewException.NotDecidedYet.RETRY_AFTER_SECONDS);
    }

    @Test
    void aConflictOfStateSaysNothingAboutRetrying() {
        var e = new io.redline.review.tasks.TaskConflict("you reported this task already");
        assertThat(ErrorStatus.problemOf(e))
                .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(409));
        assertThat(ErrorStatus.retryAfterSeconds(e)).isEmpty();
    }

    /** Soak suite: a PostgreSQL restart broke in-flight writes' connections, and they answered 500. */
    @Test
    void aBrokenOrClosingDatabaseConnectionIsA503WithRetryAfterNotA500() {
        for (String state : new String[] {"08006", "08003", "57P01", "57P03"}) {
            RuntimeException e = new org.jdbi.v3.core.transaction.TransactionException(
                    "Unable to create savepoint 'w0'", new java.sql.SQLException("I/O error", state));
            assertThat(ErrorStatus.problemOf(e))
                    .as(state)
                    .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(503));
            assertThat(ErrorStatus.retryAfterSeconds(e)).as(state).hasValue(1);
        }
        // HikariCP's closed proxy says so without a SQLSTATE (soak run C: 256 answers of 500).
        RuntimeException closed = new org.jdbi.v3.core.transaction.TransactionException(
                "Unable to create savepoint 'w0'", new java.sql.SQLException("Connection is closed"));
        assertThat(ErrorStatus.problemOf(closed))
                .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(503));
        assertThat(ErrorStatus.retryAfterSeconds(closed)).hasValue(1);
        // Any other SQL failure is still a server error, logged.
        RuntimeException constraint = new IllegalStateException(new java.sql.SQLException("duplicate key", "23505"));
        assertThat(ErrorStatus.problemOf(constraint)).isEmpty();
    }
}
