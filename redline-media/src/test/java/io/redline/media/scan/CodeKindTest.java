package io.redline.media.scan;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeKindTest {
    @ParameterizedTest
    @CsvSource({
        "https://u.wechat.com/MDx7a9Kq-3fZ1mQ, wechat_personal",
        "wxp://f2f0Qx9Lr0vbAbC, wechat_personal",
        "https://weixin.qq.com/r/mp/abc, wechat_personal",
        "https://weixin.qq.com/g/AwYAAKx9Zr3mQ1, wechat_group",
        "https://work.weixin.qq.com/gm/1a2b3c, wechat_group",
        "https://qm.qq.com/q/8fK2x, qq_personal",
        "https://qm.qq.com/cgi-bin/qm/qr?k=abc&authKey=x&jump_from=webapi, qq_personal",
        "https://jq.qq.com/?_wv=1027&k=5abc, qq_group",
        "HTTPS://QR.ALIPAY.COM/fkx19375abc, alipay",
        "alipays://platformapi/startapp?appId=20000067, alipay",
        "https://weibo.com/u/1234567890, weibo",
        "https://m.weibo.cn/status/123, weibo",
        "https://item.taobao.com/item.htm?id=1, shop",
        "https://m.tb.cn/h.5x9QaZ, shop",
        "https://item.jd.com/100012.html, shop",
        "https://mobile.yangkeduo.com/goods.html?goods_id=1, shop",
        "https://t.cn/A6abcd, short_link",
        "https://bit.ly/3xyz, short_link",
        "u.wechat.com/MDx7a9Kq, wechat_personal",
        "https://example.com/menu, url",
        "http://notwechat.com/u/abc, url",
        "https://u.wechat.com.evil.example/x, url",
        "6901234567892, other",
        "WIFI:S:cafe;T:WPA;P:secret;;, other",
        "hello world, other"
    })
    void payloadsAreClassifiedBySchemeHostAndPath(String payload, String kind) {
        assertThat(CodeKind.of(payload).wireName()).isEqualTo(kind);
    }

    @Property
    void anyPayloadGetsAKindAndNothingThrows(@ForAll String payload) {
        assertThat(CodeKind.of(payload)).isNotNull();
    }

    @Property
    void onlyLinksAreDrainage(@ForAll String payload) {
        CodeKind k = CodeKind.of(payload);
        assertThat(k.category()).isEqualTo(k == CodeKind.OTHER ? "code" : "drainage");
    }
}
