package io.redline.bench.eval;

import java.util.SplittableRandom;

/**
 * Synthetic personal numbers with correct (or deliberately broken) check digits: mainland
 * resident ID numbers (GB 11643, ISO 7064 MOD 11-2) and bank card numbers (Luhn). Every number
 * is random; birth dates and area codes are plausible so the numbers look real to a detector.
 */
public final class PersonalNumbers {

    private PersonalNumbers() {}

    /** County-level area codes from the public GB/T 2260 list: Beijing, Shanghai, Guangdong, Sichuan, Zhejiang, Hubei. */
    static final String[] AREA_CODES = {
        "110101", "110105", "310104", "310115", "440305", "440106", "510107", "330106", "420111", "320102",
    };

    static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static final String ID_CHECK = "10X98765432";

    /** UnionPay-style issuer prefixes (62…) and a few Visa/Master-style ones. */
    static final String[] CARD_PREFIXES = {
        "622202", "621700", "622848", "623058", "621483", "622588", "436742", "552599"
    };

    public static String residentId(SplittableRandom random) {
        String body = residentIdBody(random);
        return body + residentIdCheck(body);
    }

    /** Same shape as a real one, but the check character is wrong. */
    public static String residentIdInvalid(SplittableRandom random) {
        String body = residentIdBody(random);
        char good = residentIdCheck(body);
        char bad;
        do {
            bad = ID_CHECK.charAt(random.nextInt(ID_CHECK.length()));
        } while (bad == good);
        return body + bad;
    }

    static String residentIdBody(SplittableRandom random) {
        int year = 1960 + random.nextInt(46);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(28);
        return AREA_CODES[random.nextInt(AREA_CODES.length)]
                + String.format("%04d%02d%02d%03d", year, month, day, random.nextInt(1000));
    }

    public static char residentIdCheck(String body17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK.charAt(sum % 11);
    }

    public static boolean residentIdValid(String id) {
        return id.length() == 18 && residentIdCheck(id.substring(0, 17)) == Character.toUpperCase(id.charAt(17));
    }

    public static String bankCard(SplittableRandom random) {
        String body = cardBody(random);
        return body + luhnCheck(body);
    }

    public static String bankCardInvalid(SplittableRandom random) {
        String body = cardBody(random);
        int good = luhnCheck(body) - '0';
        return body + (char) ('0' + (good + 1 + random.nextInt(9)) % 10);
    }

    static String cardBody(SplittableRandom random) {
        int length = random.nextInt(4) == 0 ? 19 : 16;
        StringBuilder sb = new StringBuilder(CARD_PREFIXES[random.nextInt(CARD_PREFIXES.length)]);
        while (sb.length() < length - 1) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    /** The digit that makes body + digit pass the Luhn check. */
    public static char luhnCheck(String body) {
        int sum = 0;
        boolean doubled = true; // the check digit will be rightmost, so the body's last digit doubles
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    public static boolean luhnValid(String number) {
        return luhnCheck(number.substring(0, number.length() - 1)) == number.charAt(number.length() - 1);
    }

    /** Groups digits by four, as cards are printed and typed. */
    public static String grouped(String digits, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(separator);
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }
}
