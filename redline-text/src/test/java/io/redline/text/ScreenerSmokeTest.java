package io.redline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScreenerSmokeTest {
    static final Screener S = Screener.compile(Lexicon.of(List.of(
            new Term("加微信", "drainage", 70, Set.of(TermOption.PINYIN, TermOption.INITIALS, TermOption.HOMOPHONES)),
            new Term("大麻", "drugs", 80))), AllowList.of(List.of("微信支付", "大麻哈鱼")), ScreenOptions.defaults());

    @Test
    void smoke() {
        for (String t : List.of("加*微…信", "加 微 信", "加😀微😀信", "加****微信", "加威信", "+薇信", "jiaweixin", "jia wei xin", "jwx", "加加微微信",
                "大麻哈鱼", "大麻", "加微信支付", "电话 138 1234 5678", "一三八一二三四五六七八", "2023-11-25 13:45:12",
                "vx: abc_123", "qq 12345678", "看 www.example.com 和 abc点com", "mail me a.b@qq.com", "复制￥AbCd1234Xy￥打开淘宝",
                "身份证 11010519491231002X", "卡号 6222 0212 3456 7897", "加\u200B微\u200D信", "加微信")) {
            System.out.println(t + " -> " + S.screen(t));
        }
        assertThat(S.screen("加 微 信").hits()).isNotEmpty();
    }
}
