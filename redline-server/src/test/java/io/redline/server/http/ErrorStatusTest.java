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
}
