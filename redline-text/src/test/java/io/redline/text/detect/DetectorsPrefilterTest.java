package io.redline.text.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.text.normalize.FoldTable;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The detectors find the same with and without passing over the triggers {@link Detectors#mayFind}
 * rules out, on texts made of the characters those rules look at (numerals, dots, brackets, "dot",
 * label characters, spaces, noise) and on texts spliced from real drainage attempts.
 */
class DetectorsPrefilterTest {
    private static final FoldTable TABLE = FoldTable.of(FoldTable.ALL);

    private static List<Detection> scan(String text, boolean prefilter) {
        Detectors d = new Detectors(true, true, true, true, true, true, true, true, 3, prefilter);
        List<Detection> out = new ArrayList<>();
        d.scanAll(FoldedView.of(text, TABLE), out);
        return out;
    }

    @Property(tries = 2000)
    void prefilterChangesNothingOnDenseTexts(@ForAll("dense") String text) {
        assertThat(scan(text, true)).as(text).isEqualTo(scan(text, false));
    }

    @Property(tries = 1000)
    void prefilterChangesNothingOnSplicedDrainage(@ForAll("spliced") String text) {
        assertThat(scan(text, true)).as(text).isEqualTo(scan(text, false));
    }

    @Provide
    Arbitrary<String> dense() {
        return Arbitraries.strings()
                .withChars("0123456789一三八幺①１x.。点·dot([{)]}abcwvq@ -_/、,:\u200B❤￥$加微信扣号是我的话题")
                .ofMaxLength(60);
    }

    @Provide
    Arbitrary<String> spliced() {
        Arbitrary<String> piece = Arbitraries.of(
                "13812345678",
                "138 1234 5678",
                "一三八一二三四五六七八",
                "1、5\u200B9/0❤2~8.7_6 4·3|1",
                "abc.com",
                "abc点com",
                "abc dot com",
                "abcdotcom",
                "(.)",
                "[点]",
                "www。example。cn",
                "a@b.com",
                "加我薇❤信 abc12345",
                "vx:abc_123",
                "qq 12345678",
                "￥AbCdEf12345￥",
                "110101199003077777",
                "6222021234567890123",
                "一个",
                "3天",
                "#好物[话题]#",
                "价格12.5元",
                "今天。",
                "d",
                "x",
                " ",
                "7号链接",
                "review now",
                "wxid_abcd1234",
                "私我vsun33149",
                "VXjqnmsuzt",
                "nowvx123456",
                "aq12345678");
        return piece.list().ofMaxSize(8).map(ps -> String.join("", ps));
    }
}
