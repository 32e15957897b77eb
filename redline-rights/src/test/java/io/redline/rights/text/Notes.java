package io.redline.rights.text;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Generated lifestyle notes and the light edits a reposter makes, for the copy tests. */
final class Notes {
    private static final String[] SUBJECTS = {
        "这家咖啡店", "我的护肤流程", "周末的露营", "新买的跑鞋", "楼下的面馆", "这款口红", "成都三日游", "家里的绿萝", "冬天的穿搭", "自制酸奶", "通勤包", "北京的胡同",
        "健身第三个月", "猫粮测评", "早餐三明治", "宜家的书架"
    };
    private static final String[] PARTS = {
        "真的太好用了",
        "价格不到一百块",
        "朋友推荐我来的",
        "排队等了四十分钟",
        "味道比想象中淡一点",
        "适合干皮的姐妹",
        "包装很有设计感",
        "下次还会再来",
        "老板人超级好",
        "周末人特别多",
        "拍照非常出片",
        "性价比一般",
        "用了两周皮肤变好了",
        "颜色是温柔的豆沙色",
        "步行五分钟就到地铁站",
        "记得提前预约",
        "分量很足吃不完",
        "会员日打八折",
        "孩子也很喜欢",
        "夏天用会有点闷"
    };
    private static final Transliterator TO_TRADITIONAL = Transliterator.getInstance("Hans-Hant");

    private Notes() {}

    static String note(Random random, int sentences) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            out.append(SUBJECTS[random.nextInt(SUBJECTS.length)])
                    .append(PARTS[random.nextInt(PARTS.length)])
                    .append('，')
                    .append(PARTS[random.nextInt(PARTS.length)])
                    .append(random.nextInt(100))
                    .append("。");
        }
        return out.toString();
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("(?<=[。！？])")) if (!s.isBlank()) out.add(s);
        return out;
    }

    static String reorder(String text, Random random) {
        List<String> s = sentences(text);
        Collections.shuffle(s, random);
        return String.join("", s);
    }

    static String punctuationAndEmoji(String text) {
        return text.replace("，", " ~ ").replace("。", "！！😍 ") + " #好物分享# #探店[话题]#";
    }

    static String substitute(String text, Random random, int count) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < count; i++) {
            int at = random.nextInt(out.length());
            if (Character.isLetter(out.charAt(at))) out.setCharAt(at, "的了是在有我".charAt(random.nextInt(6)));
        }
        return out.toString();
    }

    static String traditional(String text) {
        return TO_TRADITIONAL.transliterate(text);
    }

    static String fullWidth(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> out.appendCodePoint(cp >= '0' && cp <= '9' ? cp - '0' + '０' : cp));
        return out.toString();
    }
}
