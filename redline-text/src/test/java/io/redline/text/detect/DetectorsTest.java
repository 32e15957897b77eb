package io.redline.text.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.text.AllowList;
import io.redline.text.Hit;
import io.redline.text.Lexicon;
import io.redline.text.ScreenOptions;
import io.redline.text.Screener;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Pattern detectors through the public screener: positives in every written form, and look-alike negatives. */
class DetectorsTest {
    static final Screener S = Screener.compile(Lexicon.of(List.of()), AllowList.empty(), ScreenOptions.defaults());

    static List<String> found(String detector, String text) {
        return S.screen(text).hits().stream()
                .filter(h -> h.detector().equals(detector))
                .map(Hit::term)
                .toList();
    }

    static Hit only(String text) {
        List<Hit> hits = S.screen(text).hits();
        assertThat(hits).as(text).hasSize(1);
        return hits.get(0);
    }

    @Nested
    class Phones {
        @Test
        void mobileNumbersInAnyDigitFormAndWithSeparators() {
            for (String text : List.of(
                    "13812345678",
                    "电话138-1234-5678",
                    "打 138 1234 5678",
                    "+86 138 1234 5678",
                    "0086-13812345678",
                    "１３８１２３４５６７８",
                    "①③⑧①②③④⑤⑥⑦⑧",
                    "一三八一二三四五六七八",
                    "幺三八壹贰叁肆伍陆柒捌",
                    "1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣",
                    "138😀1234😀5678",
                    "1 3 8 1 2 3 4 5 6 7 8",
                    "138.1234.5678",
                    "¹³⁸¹²³⁴⁵⁶⁷⁸",
                    "13８一二三4五6七8",
                    "138/1234/5678")) {
                assertThat(found("phone", text)).as(text).containsExactly("13812345678");
            }
        }

        @Test
        void everyDigitSeparatedByADifferentMixIsStillOneNumber() {
            for (String text : List.of(
                    "1、5\u200B9/0❤2~8.7_6 4·3|1",
                    "电话1，5，9，0，2，8，7，6，4，3，1",
                    "1|5|9|0|2|8|7|6|4|3|1",
                    "15、90、28、76、43、1",
                    "1。5\u200D9\u200D0 2＊8。7、6❤4~ 3~|1")) { // zero-width joiners glue 5, 9, 0 into one group
                assertThat(found("phone", text)).as(text).containsExactly("15902876431");
            }
            assertThat(found("phone", "⑬⑧0013⑧000")).containsExactly("13800138000");
        }

        @Test
        void listsOfLongerNumbersAndLinesOfDigitsStayApart() {
            for (String text : List.of(
                    "138、1234、5678",
                    "1234、5678、901",
                    "第1、3、5条和第8、9、10、11、12条",
                    "1\n5\n9\n0\n2\n8\n7\n6\n4\n3\n1",
                    "2023、11、25 13:45")) {
                assertThat(found("phone", text)).as(text).isEmpty();
            }
        }

        @Test
        void theSpanCoversTheNumberAsWritten() {
            String text = "call 138-1234-5678 now";
            Hit hit = only(text);
            assertThat(text.substring(hit.start(), hit.end())).isEqualTo("138-1234-5678");
            assertThat(hit.category()).isEqualTo("drainage");
        }

        @Test
        void twoNumbersSideBySideAreTwoHits() {
            assertThat(found("phone", "13812345678 13987654321")).containsExactly("13812345678", "13987654321");
            assertThat(found("phone", "138-1234-5678 / 139-8765-4321")).containsExactly("13812345678", "13987654321");
        }

        @Test
        void datesTimestampsOrderNumbersAndPricesAreNotPhones() {
            for (String text : List.of(
                    "2023-11-25 13:45:12",
                    "20231125134512",
                    "订单号 1381234567890",
                    "时间戳 1700000000000",
                    "12345678901",
                    "价格 138.50 元",
                    "abc13812345678",
                    "13812345678abc",
                    "2023.11.25 13:45",
                    "1381234567",
                    "138 1234 5678 9",
                    "第一三八一二三四五六七八九条")) {
                assertThat(found("phone", text)).as(text).isEmpty();
            }
        }
    }

    @Nested
    class Ids {
        @Test
        void residentIdWithAValidChecksumIsPersonalData() {
            Hit hit = only("身份证 11010519491231002X");
            assertThat(hit)
                    .extracting(Hit::detector, Hit::category, Hit::term)
                    .containsExactly("id_card", "personal_data", "11010519491231002X");
            assertThat(found("id_card", "110105 19491231 002x")).containsExactly("11010519491231002X");
            assertThat(found("id_card", withIdCheck("44030419900307123"))).hasSize(1);
        }

        @Test
        void aWrongChecksumOrImpossibleDateIsNot() {
            assertThat(found("id_card", "110105194912310021")).isEmpty();
            assertThat(found("id_card", withIdCheck("44030419901307123")))
                    .as("month 13")
                    .isEmpty();
            assertThat(found("id_card", withIdCheck("99030419900307123")))
                    .as("no such province")
                    .isEmpty();
        }

        @Test
        void bankCardsPassingLuhnArePersonalData() {
            assertThat(found("bank_card", "卡号 4111 1111 1111 1111")).containsExactly("4111111111111111");
            String card = withLuhn("622202123456789012");
            assertThat(found("bank_card", card)).containsExactly(card);
            assertThat(found("bank_card", card.substring(0, 4) + "-" + card.substring(4, 8) + "-" + card.substring(8)))
                    .hasSize(1);
        }

        @Test
        void orderAndTrackingNumbersAreNotCardsEvenWhenLuhnPasses() {
            String luhnValid = withLuhn("62220212345678901");
            assertThat(found("bank_card", "订单号" + luhnValid + " 还没发货")).isEmpty();
            assertThat(found("bank_card", "快递单号：" + luhnValid)).isEmpty();
            assertThat(found("bank_card", withLuhn("31339135471288740")))
                    .as("18 digits must start 60/62")
                    .isEmpty();
        }

        @Test
        void numbersFailingLuhnOrWithoutACardPrefixAreNot() {
            String card = withLuhn("622202123456789012");
            String broken = card.substring(0, card.length() - 1)
                    + (char) ('0' + (card.charAt(card.length() - 1) - '0' + 1) % 10);
            assertThat(found("bank_card", broken)).isEmpty();
            assertThat(found("bank_card", withLuhn("123456789012345")))
                    .as("first digit 1")
                    .isEmpty();
        }
    }

    @Nested
    class Contacts {
        @Test
        void weChatIdsAfterCues() {
            assertThat(found("wechat", "加我微信：abc_123")).containsExactly("abc_123");
            assertThat(found("wechat", "V信 helloWorld9")).containsExactly("helloworld9");
            assertThat(found("wechat", "威信号 hello-123")).containsExactly("hello-123");
            assertThat(found("wechat", "➕V: lucky_88")).containsExactly("lucky_88");
            assertThat(found("wechat", "vx 13812345678")).containsExactly("13812345678");
            assertThat(found("wechat", "ｖｘ：ａｂｃｄｅｆ1")).containsExactly("abcdef1");
            assertThat(found("wechat", "wxid_abcd1234")).containsExactly("wxid_abcd1234");
            assertThat(found("wechat", "微 信 是 abc_123")).containsExactly("abc_123");
            assertThat(found("wechat", "绿泡泡qiqi43225")).containsExactly("qiqi43225");
            assertThat(found("wechat", "wei信:vip-97297")).containsExactly("vip-97297");
            assertThat(found("wechat", "私我vsun33149 日结")).containsExactly("sun33149");
            assertThat(found("wechat", "VXjqnmsuzt")).as("letters glued to vx").containsExactly("jqnmsuzt");
            assertThat(found("wechat", "加wxhelloworld 备注")).containsExactly("helloworld");
            assertThat(found("wechat", "v:abc123")).containsExactly("abc123");
            assertThat(found("wechat", "➕v abc123")).containsExactly("abc123");
            assertThat(found("wechat", "vivo手机 v8引擎 vlog123"))
                    .as("v that starts a word")
                    .isEmpty();
        }

        @Test
        void qqNumbersAfterCuesInAnyDigitForm() {
            assertThat(found("qq", "qq 12345678")).containsExactly("12345678");
            assertThat(found("qq", "扣扣：一二三四五六七")).containsExactly("1234567");
            assertThat(found("qq", "企鹅号 10001")).containsExactly("10001");
        }

        @Test
        void cuesWithoutAnIdAreNotContacts() {
            for (String text : List.of(
                    "微信支付了 100 元", "我的微信好友", "qq音乐", "wechat official account", "vortex 123456", "扣款 100000 元")) {
                assertThat(S.screen(text).hits())
                        .as(text)
                        .noneMatch(h ->
                                h.detector().equals("wechat") || h.detector().equals("qq"));
            }
        }
    }

    @Nested
    class Links {
        @Test
        void urlsAndBareDomains() {
            assertThat(found("url", "看 https://example.com/a?b=1 吧")).containsExactly("example.com/a?b=1");
            assertThat(found("url", "www.Example.CN")).containsExactly("www.example.cn");
            assertThat(found("url", "ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ")).containsExactly("www.example.com");
        }

        @Test
        void obfuscatedDotsAreFoundAndScoreHigher() {
            for (String text : List.of(
                    "example点com",
                    "example dot com",
                    "example(.)com",
                    "example。com",
                    "example [.] com",
                    "example (点) com",
                    "example·com",
                    "example . com",
                    "exampledotcom")) {
                List<Hit> hits = S.screen(text).hits();
                assertThat(hits).as(text).singleElement().satisfies(h -> {
                    assertThat(h.term()).isEqualTo("example.com");
                    assertThat(h.severity()).isEqualTo(60);
                });
            }
        }

        @Test
        void shortLinksScoreAboveOrdinaryLinks() {
            Hit hit = only("戳 t.cn/AbCd12");
            assertThat(hit.term()).as("the path keeps its case").isEqualTo("t.cn/AbCd12");
            assertThat(hit.severity()).isEqualTo(50);
            assertThat(only("bit.ly/xyz").severity()).isEqualTo(50);
            assertThat(only("example.com").severity()).isEqualTo(30);
        }

        @Test
        void numbersAbbreviationsAndSentencesAreNotLinks() {
            for (String text : List.of(
                    "3.14",
                    "e.g. this",
                    "node.js",
                    "Thanks. Me too",
                    "v1.2.3",
                    "好的。我知道了",
                    "yyds。Today's outfit",
                    "真的yyds…Today",
                    "anecdote",
                    "polkadot")) {
                assertThat(found("url", text)).as(text).isEmpty();
            }
        }

        @Test
        void emailAddressesAreReportedOnceNotAlsoAsLinks() {
            assertThat(S.screen("mail a.b@qq.com").hits())
                    .extracting(Hit::detector, Hit::term)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("email", "a.b@qq.com"));
            assertThat(found("email", "12345＠qq点com")).containsExactly("12345@qq.com");
        }
    }

    @Nested
    class ShopTokens {
        @Test
        void tokensBetweenCurrencySignsWithACue() {
            Hit hit = only("复制这条￥AbCdEf123￥打开淘宝");
            assertThat(hit)
                    .extracting(Hit::detector, Hit::category, Hit::term)
                    .containsExactly("shop_token", "ads", "AbCdEf123");
            assertThat(found("shop_token", "€xYz12345€ 打开手淘")).containsExactly("xYz12345");
            assertThat(found("shop_token", "$Kq9zLm2P$ 复制口令")).containsExactly("Kq9zLm2P");
        }

        @Test
        void withoutACueOrWithOnlyDigitsItIsNotAToken() {
            assertThat(found("shop_token", "￥AbCdEf123￥")).isEmpty();
            assertThat(found("shop_token", "$100000$ 复制")).isEmpty();
        }
    }

    static String withIdCheck(String first17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    static String withLuhn(String body) {
        for (int check = 0; check < 10; check++) {
            String candidate = body + check;
            int sum = 0;
            for (int i = 0; i < candidate.length(); i++) {
                int d = candidate.charAt(candidate.length() - 1 - i) - '0';
                if (i % 2 == 1) {
                    d = d * 2 > 9 ? d * 2 - 9 : d * 2;
                }
                sum += d;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
        throw new AssertionError();
    }
}
