package io.redline.media.scan;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * What a code's payload leads to, decided from its scheme, host and path only (no network). The
 * rules, in the order they are tried, are documented in docs/image-screening.md; the first match
 * wins and anything that is not a link is {@link #OTHER} (a product barcode, a Wi-Fi code, text).
 */
public enum CodeKind {
    /** A WeChat contact card or payment code: {@code u.wechat.com/…}, {@code weixin.qq.com/r/…}, {@code wxp://…}. */
    WECHAT_PERSONAL("wechat_personal", "drainage", 90),
    /** A WeChat group invitation: {@code weixin.qq.com/g/…}, WeCom {@code work.weixin.qq.com/gm/…}. */
    WECHAT_GROUP("wechat_group", "drainage", 90),
    /** A QQ contact card: {@code qm.qq.com/…}. */
    QQ_PERSONAL("qq_personal", "drainage", 90),
    /** A QQ group invitation: {@code jq.qq.com/…}, {@code qun.qq.com/…}, or a {@code qm.qq.com} link with {@code group} in it. */
    QQ_GROUP("qq_group", "drainage", 90),
    /** An Alipay payment or contact code: {@code qr.alipay.com/…}, {@code alipays://…}. */
    ALIPAY("alipay", "drainage", 90),
    /** A Weibo profile or post: {@code weibo.com}, {@code weibo.cn}. */
    WEIBO("weibo", "drainage", 80),
    /** A shop or product page outside the platform: Taobao, Tmall, JD, Pinduoduo, Weidian, Youzan. */
    SHOP("shop", "drainage", 70),
    /** A link shortener, which hides where it leads. */
    SHORT_LINK("short_link", "drainage", 70),
    /** Any other http(s) link. */
    URL("url", "drainage", 50),
    /** Not a link: product barcodes, Wi-Fi credentials, plain text. Reported, not a drainage hit. */
    OTHER("other", "code", 0);

    private static final Set<String> SHOP_HOSTS = Set.of(
            "taobao.com",
            "tmall.com",
            "tb.cn",
            "jd.com",
            "3.cn",
            "yangkeduo.com",
            "pinduoduo.com",
            "weidian.com",
            "youzan.com",
            "koudaitong.com");
    private static final Set<String> SHORT_HOSTS = Set.of(
            "t.cn",
            "url.cn",
            "dwz.cn",
            "suo.im",
            "bit.ly",
            "tinyurl.com",
            "t.co",
            "goo.gl",
            "is.gd",
            "ow.ly",
            "b23.tv",
            "xhslink.com");

    private final String wireName;
    private final String category;
    private final int severity;

    CodeKind(String wireName, String category, int severity) {
        this.wireName = wireName;
        this.category = category;
        this.severity = severity;
    }

    /** The name in JSON, the CLI and policies, e.g. {@code wechat_personal}. */
    public String wireName() {
        return wireName;
    }

    /** The hit category a policy sees: {@code drainage} for every link, {@code code} for {@link #OTHER}. */
    public String category() {
        return category;
    }

    /** 0..100, as text hits: a contact card is as sure a drainage signal as a written WeChat id. */
    public int severity() {
        return severity;
    }

    public static CodeKind of(String payload) {
        String p = payload.strip();
        String lower = p.toLowerCase(Locale.ROOT);
        if (lower.startsWith("wxp://")) return WECHAT_PERSONAL;
        if (lower.startsWith("alipays://") || lower.startsWith("alipay://")) return ALIPAY;
        if (lower.startsWith("weixin://")) return WECHAT_PERSONAL;
        if (lower.startsWith("mqqapi://") || lower.startsWith("mqq://")) return QQ_PERSONAL;
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            // A bare host with a path ("u.wechat.com/abc") is how some generators write links.
            if (!lower.matches("^[a-z0-9.-]+\\.[a-z]{2,}(/\\S*)?$")) return OTHER;
            lower = "https://" + lower;
        }
        URI uri;
        try {
            uri = URI.create(lower.replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
        String host = uri.getHost();
        if (host == null) return OTHER;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        if (is(host, "u.wechat.com") || is(host, "wechat.com") && path.startsWith("/u/")) return WECHAT_PERSONAL;
        if (is(host, "weixin.qq.com") && path.startsWith("/g/")) return WECHAT_GROUP;
        if (is(host, "work.weixin.qq.com") && path.startsWith("/gm/")) return WECHAT_GROUP;
        if (is(host, "weixin.qq.com") || is(host, "work.weixin.qq.com")) return WECHAT_PERSONAL;
        if (is(host, "jq.qq.com") || is(host, "qun.qq.com")) return QQ_GROUP;
        if (is(host, "qm.qq.com")) return path.contains("group") || query.contains("group") ? QQ_GROUP : QQ_PERSONAL;
        if (is(host, "qr.alipay.com") || is(host, "ds.alipay.com") || is(host, "render.alipay.com")) return ALIPAY;
        if (is(host, "weibo.com") || is(host, "weibo.cn")) return WEIBO;
        for (String s : SHOP_HOSTS) if (is(host, s)) return SHOP;
        for (String s : SHORT_HOSTS) if (is(host, s)) return SHORT_LINK;
        return URL;
    }

    /** The host is the domain or one of its subdomains. */
    private static boolean is(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain);
    }
}
