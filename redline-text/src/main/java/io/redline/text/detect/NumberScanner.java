package io.redline.text.detect;

import java.util.List;

/**
 * Mainland mobile numbers, resident ID numbers and bank card numbers, in any digit form and with
 * separators.
 *
 * <p>The text is cut into digit <em>groups</em> (maximal runs of digits in any form; an ID's
 * check character X may close a group) and groups into <em>chains</em> joined by short separators
 * (up to {@code maxSeparator} spaces, dashes, dots, emoji and other noise; commas, colons,
 * slashes and letters break a chain). A candidate is a run of whole groups with the right digit
 * count, so a number inside a longer run of digits (an order number, a timestamp) never matches.
 * A candidate must be the whole chain, or be joined to its neighbours only by whitespace while
 * itself being one group or using non-space separators, or (phones) follow a +86/0086 prefix.
 * Dates and times do not pass: their groups are short and colons break chains.
 */
public final class NumberScanner {
    /** Groups read into one chain; a longer chain is read as several (each read once). */
    static final int MAX_GROUPS = 64;

    private NumberScanner() {}

    /**
     * Reads the chain of digit groups starting at k (a digit), reports the numbers in it and
     * returns the index after the chain.
     */
    public static int chainAt(
            FoldedView v,
            int k,
            DetectorScratch w,
            int maxSeparator,
            boolean phones,
            boolean idCards,
            boolean bankCards,
            List<Detection> out) {
        int n = v.size();
        if (v.isAsciiLetter(k - 1) && v.cp(k) < 0x80) {
            // Digits glued to Latin letters are part of a word or an id, not a number.
            while (k < n && v.digit(k) >= 0) {
                k++;
            }
            return k;
        }
        int[] groupFirst = w.groupFirst;
        int[] groupLast = w.groupLast;
        int[] groupDigitStart = w.groupDigitStart;
        boolean[] spaceBefore = w.spaceBefore;
        int[] digits = w.digits;
        int groups = 0;
        int nd = 0;
        int j = k;
        boolean sawSpace = false;
        while (groups < MAX_GROUPS) {
            groupFirst[groups] = j;
            groupDigitStart[groups] = nd;
            spaceBefore[groups] = sawSpace;
            while (j < n && nd < digits.length - 1) {
                int d = v.digit(j);
                if (d < 0) {
                    break;
                }
                digits[nd++] = d;
                j++;
            }
            if (j < n && v.cp(j) == 'x' && !v.isAsciiAlnum(j + 1)) {
                digits[nd++] = 10;
                j++;
            }
            groupLast[groups] = j - 1;
            groups++;
            int sep = j;
            sawSpace = false;
            boolean sawSlash = false;
            boolean sawBreaker = false;
            // Between digits written one to three at a time, any separator mix joins them
            // (1、5​9/0❤2~8.7_6 4·3|1): a list of one- and two-digit items long enough to make a
            // mobile number is rare, a number cut into single digits is an evasion. Line breaks still break.
            boolean shortGroup = nd - groupDigitStart[groups - 1] <= SHORT_GROUP_DIGITS;
            while (sep < n
                    && sep - j < maxSeparator
                    && v.isNoise(sep)
                    && (!breaksChain(v.cp(sep)) || (shortGroup && !isLineBreak(v.cp(sep))))) {
                sawSpace |= v.isSpace(sep);
                sawSlash |= v.cp(sep) == '/';
                sawBreaker |= breaksChain(v.cp(sep));
                sep++;
            }
            // "199/8039/3021" is one number; "138… / 139…" are two.
            boolean joined = !(sawSlash && sawSpace) && (!sawBreaker || shortGroupAt(v, sep));
            if (joined && sep > j && sep < n && v.digit(sep) >= 0 && digits[nd - 1] != 10) {
                j = sep;
                continue;
            }
            break;
        }
        groupDigitStart[groups] = nd;
        if (nd >= 11) {
            boolean letterAfter = v.isAsciiLetter(groupLast[groups - 1] + 1);
            evaluate(
                    v,
                    groups,
                    groupFirst,
                    groupLast,
                    groupDigitStart,
                    spaceBefore,
                    digits,
                    letterAfter,
                    phones,
                    idCards,
                    bankCards,
                    out);
        }
        return groupLast[groups - 1] + 1;
    }

    /** Digits a group may have for a chain-breaking separator to join it to the next (see chainAt). */
    static final int SHORT_GROUP_DIGITS = 3;

    private static boolean shortGroupAt(FoldedView v, int k) {
        int n = v.size();
        int end = k;
        while (end < n && v.digit(end) >= 0 && end - k <= SHORT_GROUP_DIGITS) {
            end++;
        }
        return end - k <= SHORT_GROUP_DIGITS;
    }

    private static boolean isLineBreak(int cp) {
        return cp == '\n' || cp == '\r';
    }

    private static boolean breaksChain(int cp) {
        return switch (cp) {
            case ',', '、', ';', ':', '|', '\n', '\r', '=', '。', '\\', '(', ')', '[', ']' -> true;
            default -> false;
        };
    }

    private static void evaluate(
            FoldedView v,
            int groups,
            int[] first,
            int[] last,
            int[] ds,
            boolean[] spaceBefore,
            int[] digits,
            boolean letterAfter,
            boolean phones,
            boolean idCards,
            boolean bankCards,
            List<Detection> out) {
        int i = 0;
        outer:
        while (i < groups) {
            for (int j = groups - 1; j >= i; j--) {
                int from = ds[i];
                int count = ds[j + 1] - from;
                if (count < 11) {
                    break; // fewer groups only have fewer digits: a chain of 64 one-digit groups costs 64 x 19 steps,
                    // not 64³
                }
                if (count > 19) {
                    continue;
                }
                boolean tight = true;
                for (int g = i + 1; g <= j; g++) {
                    tight &= !spaceBefore[g];
                }
                tight |= i == j;
                boolean rightOk = (j == groups - 1 && !letterAfter) || (j < groups - 1 && spaceBefore[j + 1] && tight);
                boolean leftOk = i == 0 || (spaceBefore[i] && tight);
                String kind = null;
                if (count == 18 && idCards && validIdCard(digits, from)) {
                    kind = "id_card";
                } else if (count >= 16
                        && bankCards
                        && validBankCard(digits, from, count)
                        && !afterOrderCue(v, first[i])) {
                    kind = "bank_card";
                } else if (count == 11 && phones && validPhone(digits, from)) {
                    kind = "phone";
                    leftOk |= isPrefix86(digits, ds[0], from) && (j == groups - 1 || rightOk);
                }
                if (kind != null && leftOk && rightOk) {
                    int start = v.start(first[i]);
                    int end = v.end(last[j]);
                    StringBuilder value = new StringBuilder(count);
                    for (int d = from; d < from + count; d++) {
                        value.append(digits[d] == 10 ? 'X' : (char) ('0' + digits[d]));
                    }
                    out.add(
                            switch (kind) {
                                case "id_card" ->
                                    new Detection("id_card", "personal_data", 80, start, end, value.toString());
                                case "bank_card" ->
                                    new Detection("bank_card", "personal_data", 80, start, end, value.toString());
                                default -> new Detection("phone", "drainage", 60, start, end, value.toString());
                            });
                    i = j + 1;
                    continue outer;
                }
            }
            i++;
        }
    }

    private static boolean isPrefix86(int[] digits, int from, int to) {
        int len = to - from;
        if (len == 2) {
            return digits[from] == 8 && digits[from + 1] == 6;
        }
        return len == 4 && digits[from] == 0 && digits[from + 1] == 0 && digits[from + 2] == 8 && digits[from + 3] == 6;
    }

    /** 1[3-9] followed by nine digits. */
    public static boolean validPhone(int[] d, int from) {
        if (d[from] != 1 || d[from + 1] < 3 || d[from + 1] > 9) {
            return false;
        }
        for (int i = from; i < from + 11; i++) {
            if (d[i] > 9) {
                return false;
            }
        }
        return true;
    }

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final int[] ID_CHECK = {1, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2};

    /** GB 11643: province code, a plausible birth date, and the ISO 7064 MOD 11-2 check character. */
    public static boolean validIdCard(int[] d, int from) {
        for (int i = from; i < from + 17; i++) {
            if (d[i] > 9) {
                return false;
            }
        }
        int province = d[from] * 10 + d[from + 1];
        if (province < 11 || province > 82) {
            return false;
        }
        int year = d[from + 6] * 1000 + d[from + 7] * 100 + d[from + 8] * 10 + d[from + 9];
        int month = d[from + 10] * 10 + d[from + 11];
        int day = d[from + 12] * 10 + d[from + 13];
        if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += d[from + i] * ID_WEIGHTS[i];
        }
        return d[from + 17] == ID_CHECK[sum % 11];
    }

    private static final String[] ORDER_CUES = {"订单", "单号", "运单", "快递", "物流", "编号", "流水", "交易号", "order", "no."};

    /** An order, tracking or serial number is announced as such; Luhn alone passes one in ten of them. */
    private static boolean afterOrderCue(FoldedView v, int k) {
        for (int back = 1; back <= 8 && k - back >= 0; back++) {
            for (String cue : ORDER_CUES) {
                if (v.matches(k - back, cue)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * 16–19 digits with a card-network prefix (16: 4, 5, 35, 60, 62, 65; 17–18: 60, 62; 19: 4, 5,
     * 60, 62, 95 — UnionPay cards start 62) and the Luhn checksum.
     */
    public static boolean validBankCard(int[] d, int from, int count) {
        if (count < 16 || count > 19) {
            return false;
        }
        int p1 = d[from];
        int p2 = p1 * 10 + d[from + 1];
        boolean prefix = switch (count) {
            case 16 -> p1 == 4 || p1 == 5 || p2 == 35 || p2 == 60 || p2 == 62 || p2 == 65;
            case 19 -> p1 == 4 || p1 == 5 || p2 == 60 || p2 == 62 || p2 == 95;
            default -> p2 == 60 || p2 == 62;
        };
        if (!prefix) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < count; i++) {
            int x = d[from + count - 1 - i];
            if (x > 9) {
                return false;
            }
            if ((i & 1) == 1) {
                x *= 2;
                if (x > 9) {
                    x -= 9;
                }
            }
            sum += x;
        }
        return sum % 10 == 0;
    }
}
