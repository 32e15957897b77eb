package io.redline.server.demo;

import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.identity.UserRequest;
import io.redline.intake.Submission;
import io.redline.server.RedlineServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic demo data set for a lifestyle community: notes, comments, live-chat lines and
 * profiles in Chinese and English. All text is written for Redline; about one item in twelve is
 * the kind of thing a platform must catch (contact drainage, gambling, undisclosed ads, personal
 * data), so the screening and review features have something to show.
 */
public final class DemoData {
    private static final long SEED = 20261203L;

    private static final String[] CITIES = {
        "上海", "成都", "杭州", "大理", "厦门", "北京", "重庆", "长沙", "Lisbon", "Tokyo", "Chiang Mai", "Seoul"
    };
    private static final String[] PLACES = {
        "武康路", "宽窄巷子", "西湖边", "洱海", "鼓浪屿", "胡同里", "洪崖洞", "五一广场", "Alfama", "Shimokitazawa", "Nimman", "Seongsu"
    };
    private static final String[] FOODS = {
        "生煎", "火锅", "片儿川", "乳扇", "沙茶面", "卤煮", "小面", "臭豆腐", "pastel de nata", "ramen", "khao soi", "tteokbokki"
    };
    private static final String[] PRODUCTS = {
        "防晒霜",
        "粉底液",
        "卸妆油",
        "保温杯",
        "露营椅",
        "咖啡豆",
        "跑鞋",
        "帆布包",
        "sunscreen",
        "tinted lip balm",
        "trail shoes",
        "pour-over kettle"
    };
    private static final String[] MOODS = {"治愈", "绝了", "一般般", "超出预期", "会回购", "踩雷了", "宝藏", "平价好用"};
    private static final String[] EN_MOODS = {
        "so cozy", "worth it", "meh", "a hidden gem", "overrated", "my new favourite", "surprisingly good"
    };
    private static final String[] TAGS = {
        "旅行", "美食", "穿搭", "护肤", "露营", "咖啡", "city walk", "OOTD", "travel", "skincare", "homecafe", "好物分享", "周末去哪儿"
    };
    private static final String[] EMOJI = {"😀", "✨", "🌿", "☕", "📍", "💯", "🥹", "🔥", "🍜", "🏕️"};

    private static final String[] NOTE_TITLES_ZH = {
        "%s周末两天一夜攻略",
        "%s本地人才知道的小店",
        "在%s吃到了最好吃的%s",
        "%s city walk 路线分享",
        "%s值不值得去？说点真话",
        "%s用了一个月的真实感受",
        "平价%s测评，%s",
        "带爸妈去%s，全程不累"
    };
    private static final String[] NOTE_BODIES_ZH = {
        "早上九点从%s出发，先去%s拍照，人不多光线也好。中午吃了%s，排队二十分钟，味道%s。下午找了家咖啡店坐着发呆，晚上回酒店。总花费人均四百左右。",
        "这次在%s住了三天，最喜欢的是%s附近的小巷子，随便走走都很出片。%s一定要试，老板人很好，还送了小菜。整体%s，推荐给喜欢慢节奏的朋友。",
        "%s真的%s！质地轻薄不黏，早上出门前涂一层，一整天没有搓泥。缺点是价格有点高，学生党可以等活动再入。",
        "记录一下最近在用的%s，用了快一个月，感觉%s。对比之前那款，这个更适合干皮。不是广告，自费购买。",
        "第一次带娃去%s，提前做了功课：%s人少的时间是早上，%s可以在附近买到。整体体验%s，下次还来。"
    };
    private static final String[] NOTE_BODIES_EN = {
        "Spent a slow weekend in %s. Walked around %s in the morning, had %s for lunch, and it was %s. Budget was about $60 a day.",
        "Honest review of the %s I've been using for a month: %s. Not sponsored, bought it myself.",
        "Three tips for %s: go early, skip the main street, and try %s near %s. Overall %s."
    };
    private static final String[] COMMENTS = {
        "求店名！", "收藏了，下周就去", "看起来好好吃%s", "姐妹这个色号是多少", "拍得真好看%s", "请问人多吗？", "同款！真的好用",
        "去过，确实%s", "已经种草了", "这个价格有点贵啊", "楼主衣服链接有吗", "Love this! %s", "Saving this for my trip",
                "Which camera do you use?",
        "Thanks for the honest review", "这个攻略太实用了", "周末刚去过，排队好久", "求路线图", "我也踩过这个雷😂", "好治愈的照片"
    };
    private static final String[] LIVE = {
        "主播好！",
        "来了来了",
        "这个多少钱",
        "上链接！",
        "主播皮肤好好",
        "已拍",
        "求讲解一下成分",
        "666",
        "声音好好听",
        "第一次来直播间",
        "能看下背面吗",
        "有优惠券吗",
        "hello from Singapore",
        "is it waterproof?",
        "主播穿什么码",
        "想要同款杯子",
        "好可爱%s",
        "蹲一个返场"
    };
    private static final String[] PROFILES_ZH = {
        "%s｜爱吃爱玩的普通上班族，分享%s和%s", "坐标%s，周末露营人，偶尔做饭", "护肤成分党，只说真话，不接广告", "95后摄影爱好者｜%s", "两个孩子的妈妈，记录%s亲子游", "咖啡师｜在%s开了一家小店"
    };
    private static final String[] PROFILES_EN = {
        "Based in %s. Coffee, trails and %s.",
        "Food writer. Street food over fine dining. Currently in %s.",
        "Skincare nerd, no sponsorships, just notes."
    };

    /** What the platform must catch; these stay in the data set on purpose. */
    private static final String[] RISKY = {
        "想要同款的加我微信 xiaomei_8866 私聊", "优惠更多请➕V：tb-7788aa", "看主页，加威信领取福利", "联系电话 138 0013 8000，全天在线",
        "代购正品，扣扣 1234567890", "复制这段话￥Ab3dEf9Hi￥打开淘宝购买同款", "澳门首家线上赌场，注册就送88元", "下注即返水，包赢技巧私聊我",
        "兼职刷单日结，一单赚50，加vx了解", "出售微信号和实名手机卡", "我的身份证号是 11010519491231002X 帮我查下", "卡号 6222 0212 3456 7896 打钱到这里",
        "加 微 信 看 更 多 照 片", "点击 www点example点com 领取免费会员", "成人用品批发，私密发货", "这个面膜是品牌方送的，大家快去买（没标广告）"
    };

    /** The author the demo's creator token and creator user act for: the first profile, with notes and comments of their own. */
    public static final String CREATOR_AUTHOR_ID = "u1000";

    private DemoData() {}

    /** Console users the demo signs in as, one per console role; their passwords are generated on every run. */
    public static List<UserRequest> consoleUsers() {
        return List.of(
                new UserRequest("reviewer", Role.REVIEWER, null, "Demo reviewer"),
                new UserRequest("reviewer2", Role.REVIEWER, null, "Demo second reviewer"),
                new UserRequest("editor", Role.POLICY_EDITOR, null, "Demo policy editor"),
                new UserRequest("auditor", Role.AUDITOR, null, "Demo auditor"),
                new UserRequest("alice", Role.CREATOR, CREATOR_AUTHOR_ID, "Alice (author " + CREATOR_AUTHOR_ID + ")"));
    }

    /** Several hundred items; the same list on every call. */
    public static List<Submission> items() {
        Random rnd = new Random(SEED);
        List<Submission> out = new ArrayList<>(700);
        for (int i = 0; i < 60; i++) {
            String author = "u" + (1000 + i);
            out.add(profile(rnd, author));
        }
        for (int i = 0; i < 220; i++) out.add(note(rnd, "u" + (1000 + rnd.nextInt(60))));
        for (int i = 0; i < 260; i++) out.add(comment(rnd, "u" + (1000 + rnd.nextInt(60))));
        for (int i = 0; i < 180; i++) out.add(live(rnd, "u" + (1000 + rnd.nextInt(60))));
        return out;
    }

    private static Submission profile(Random rnd, String author) {
        String text = rnd.nextInt(4) == 0
                ? String.format(pick(rnd, PROFILES_EN), pick(rnd, CITIES), pick(rnd, FOODS))
                : String.format(pick(rnd, PROFILES_ZH), pick(rnd, CITIES), pick(rnd, TAGS), pick(rnd, TAGS));
        return new Submission("profile", author, "profile-" + author, null, text, null, null);
    }

    private static Submission note(Random rnd, String author) {
        boolean english = rnd.nextInt(4) == 0;
        String city = pick(rnd, CITIES);
        String title;
        String body;
        if (english) {
            title = city + ": " + pick(rnd, EN_MOODS);
            body = String.format(
                    pick(rnd, NOTE_BODIES_EN), city, pick(rnd, PLACES), pick(rnd, FOODS), pick(rnd, EN_MOODS));
        } else {
            title = String.format(pick(rnd, NOTE_TITLES_ZH), city, pick(rnd, FOODS));
            body = String.format(
                    pick(rnd, NOTE_BODIES_ZH), city, pick(rnd, PLACES), pick(rnd, FOODS), pick(rnd, MOODS));
        }
        body = body + " " + pick(rnd, EMOJI);
        if (rnd.nextInt(12) == 0) body = body + "\n" + pick(rnd, RISKY);
        List<String> tags =
                List.of(pick(rnd, TAGS), pick(rnd, TAGS)).stream().distinct().toList();
        List<String> images = new ArrayList<>();
        for (int k = 0, n = rnd.nextInt(4); k < n; k++)
            images.add("demo://images/" + Integer.toHexString(rnd.nextInt()) + ".jpg");
        return new Submission("note", author, null, title, body, tags, images);
    }

    private static Submission comment(Random rnd, String author) {
        String text = rnd.nextInt(12) == 0 ? pick(rnd, RISKY) : String.format(pick(rnd, COMMENTS), pick(rnd, EMOJI));
        return new Submission("comment", author, null, null, text, null, null);
    }

    private static Submission live(Random rnd, String author) {
        String text = rnd.nextInt(12) == 0 ? pick(rnd, RISKY) : String.format(pick(rnd, LIVE), pick(rnd, EMOJI));
        return new Submission("live", author, null, null, text, null, null);
    }

    private static String pick(Random rnd, String[] values) {
        return values[rnd.nextInt(values.length)];
    }

    /** Loads the demo set idempotently (a second run stores nothing new); returns how many items were new. */
    public static int load(RedlineServer server) {
        Principal loader = new Principal("demo-loader", Role.SERVICE, null, "demo loader");
        List<Submission> items = items();
        int fresh = 0;
        int batchSize = server.intake().limits().batchItemsMax();
        for (int from = 0; from < items.size(); from += batchSize) {
            List<Submission> batch = items.subList(from, Math.min(items.size(), from + batchSize));
            var receipts = server.intake().submitBatch(loader, batch, "demo-v1-" + from);
            fresh += (int) receipts.stream().filter(r -> !r.replayed()).count();
        }
        DemoLedger.load(server.ledger(), java.time.Clock.systemUTC());
        return fresh;
    }
}
