package io.redline.decision;

import io.redline.policy.Action;

/** One sampled item whose action a candidate policy changes; rule ids are null where a default decided. */
public record BacktestChange(
        long contentId,
        String surface,
        Action currentAction,
        String currentRuleId,
        Action candidateAction,
        String candidateRuleId) {}
