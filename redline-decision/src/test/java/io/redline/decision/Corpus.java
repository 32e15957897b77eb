package io.redline.decision;

import io.redline.store.Database;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic content written straight into intake's table (test only), so volumes and time
 * spreads that intake's API would take minutes to produce are cheap. Ids keep intake's property:
 * their embedded time is the creation time.
 */
final class Corpus {
    private static final String[] CLEAN = {
        "今天的穿搭分享，米色风衣配白色球鞋，通勤很舒服。", "周末去了一家新开的咖啡店，拿铁拉花很好看。",
        "分享一个懒人早餐：燕麦、酸奶和蓝莓。", "城市漫步路线推荐，从老街走到江边大约两小时。",
        "这款面霜用了一个月，干皮友好，不油腻。", "Weekend hiking trip, the view from the top was worth it.",
        "新手做蛋糕一次成功，配方放在下面了。", "旅行vlog第三天，住的民宿有一个很大的露台。"
    };
    private static final String[] RISKY = {
        "想要同款的请加 微 信 xyz123 详聊", "网赌 稳赚不赔，带你回本", "私信我 拿优惠券", "联系电话 138 0013 8000",
        "看我主页有联系方式", "扫码进群领福利", "点击 bit.ly/abc 领取", "身份证号 110101199003077777"
    };

    private Corpus() {}

    /** Inserts {@code n} notes and comments created evenly over {@code [startMs, startMs + spanMs)}. */
    static void insert(Database db, int n, long startMs, long spanMs, int authors, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        db.jdbi().useTransaction(h -> {
            var batch = h.prepareBatch("""
                    INSERT INTO contents (id, surface, author_id, external_id, title, body, tags_json, images_json,
                                          submitted_by, idempotency_key, request_sha256, created_at_ms)
                    VALUES (:id, :surface, :author, NULL, :title, :body, :tags, '[]', 'tok_corpus', NULL, NULL, :at)""");
            long lastId = 0;
            for (int i = 0; i < n; i++) {
                long at = startMs + spanMs * i / n;
                long id = Math.max(lastId + 1, io.redline.store.Ids.lowestAt(at) | (seed & 0x3FF) << 12);
                lastId = id;
                boolean note = random.nextInt(3) == 0;
                String body = CLEAN[random.nextInt(CLEAN.length)]
                        + (random.nextInt(4) == 0 ? " " + RISKY[random.nextInt(RISKY.length)] : "");
                batch.bind("id", id)
                        .bind("surface", note ? "note" : "comment")
                        .bind("author", "author" + random.nextInt(authors))
                        .bind("title", note ? "第" + i + "篇笔记" : null)
                        .bind("body", body)
                        .bind("tags", note && random.nextInt(5) == 0 ? "[\"生活\",\"加微信\"]" : note ? "[\"生活\"]" : "[]")
                        .bind("at", at)
                        .add();
                if (batch.size() == 1_000) batch.execute();
            }
            if (batch.size() > 0) batch.execute();
        });
    }

    static List<ContentSnapshot> all(Database db) {
        io.redline.intake.ContentReader reader = new io.redline.intake.ContentReader(db);
        List<ContentSnapshot> out = new java.util.ArrayList<>();
        long cursor = 0;
        while (true) {
            var page = reader.window(cursor, 0, Long.MAX_VALUE, io.redline.intake.ContentReader.PAGE_MAX);
            if (page.isEmpty()) return out;
            page.forEach(c -> out.add(Decisions.snapshot(c)));
            cursor = page.getLast().id();
        }
    }
}
