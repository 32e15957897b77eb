package io.redline.bench.rights;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated notes for the copy benchmark: body sentences from a pool of "words" (2–4 common
 * characters, so unrelated notes share many short n-grams, like real text), framed by shared
 * templates (an intro and an outro from a few dozen, as bloggers paste the same boilerplate),
 * and the edits a reposter makes.
 */
final class NoteCorpus {
    private static final String CHARS =
            "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感见明问力理尔点文几定本公特做外孩相西果走将月十实向声车全信重三机工物气每并别真打太新比才便夫再书部水像眼等体却加电主界门利海受听表德少克代员许先口由死安写性马光白或住难望教命花结乐色更拉东神记处让母父应直字场平报友关放至张认接告入笑内英军候民岁往何度山觉路带万男边风解叫任金快原吃妈变通师立象数四失满战远格士音轻目条呢病始达深完今提求清王化空业思切怎非找片罗钱南语元喜曾离飞科言干流欢约各即指合反题必该论交终林请医晚制球决传画保读运及则房早院量苦火布品近坐产答星精视五连司巴奇管类未朋且婚台夜青北队久乎越观落尽形影红爸百令周吧识步希亚术留市半热送兴造谈容极随演收首根讲整式取照办强石古华拿计您装似足双妻尼转诉米称丽客";
    private static final String[] TEMPLATE_SENTENCES = {
        "关注我每天分享好物",
        "点赞收藏不迷路",
        "姐妹们冲鸭",
        "码住慢慢看",
        "有问题评论区见",
        "今天来分享一下",
        "真心推荐给大家",
        "不是广告自费购买",
        "坐标上海",
        "坐标成都",
        "周末去哪儿",
        "干货满满建议收藏",
        "亲测有效",
        "新手必看",
        "学生党也能冲",
        "总结一下",
        "以上就是全部内容",
        "喜欢的话记得关注",
        "下期见",
        "评论区告诉我"
    };
    private static final Transliterator TO_TRADITIONAL = Transliterator.getInstance("Hans-Hant");

    private final String[] words;
    private final String[][] templates;

    NoteCorpus(long seed, int wordCount, int templateCount) {
        SplittableRandom r = new SplittableRandom(seed);
        words = new String[wordCount];
        for (int i = 0; i < wordCount; i++) {
            int len = 2 + r.nextInt(3);
            StringBuilder w = new StringBuilder();
            for (int k = 0; k < len; k++) w.append(CHARS.charAt(r.nextInt(CHARS.length())));
            words[i] = w.toString();
        }
        templates = new String[templateCount][];
        for (int t = 0; t < templateCount; t++) {
            templates[t] = new String[] {
                TEMPLATE_SENTENCES[r.nextInt(TEMPLATE_SENTENCES.length)] + "，"
                        + TEMPLATE_SENTENCES[r.nextInt(TEMPLATE_SENTENCES.length)] + "。",
                TEMPLATE_SENTENCES[r.nextInt(TEMPLATE_SENTENCES.length)] + "！"
                        + TEMPLATE_SENTENCES[r.nextInt(TEMPLATE_SENTENCES.length)] + "。"
            };
        }
    }

    /** A note: template intro, 3–7 body sentences of 3–7 words (Zipf-ish word choice), template outro. */
    String note(SplittableRandom r) {
        return note(r, r.nextInt(templates.length));
    }

    String note(SplittableRandom r, int template) {
        String[] t = templates[template];
        StringBuilder out = new StringBuilder(t[0]);
        int sentences = 3 + r.nextInt(5);
        for (int s = 0; s < sentences; s++) {
            int n = 3 + r.nextInt(5);
            for (int w = 0; w < n; w++) {
                // Squaring skews the choice towards the first words: a few very common ones, a long tail.
                double u = r.nextDouble();
                out.append(words[(int) (u * u * words.length)]);
            }
            out.append(s % 2 == 0 ? "，" : "。");
        }
        out.append(t[1]);
        return out.toString();
    }

    /** Short notes that are mostly template: the likeliest false links. */
    String templateHeavyNote(SplittableRandom r) {
        return templateHeavyNote(r, r.nextInt(templates.length));
    }

    String templateHeavyNote(SplittableRandom r, int template) {
        String[] t = templates[template];
        return t[0] + words[r.nextInt(words.length)] + words[r.nextInt(words.length)] + words[r.nextInt(words.length)]
                + "。" + t[1];
    }

    /** A reposter's light edits, a random mix; returns the edited text. */
    String edit(String text, SplittableRandom r) {
        String out = text;
        if (r.nextInt(3) == 0) out = reorder(out, r);
        if (r.nextInt(2) == 0) out = out.replace("，", " ").replace("。", "！😂 ");
        if (r.nextInt(2) == 0) out = out + " #好物分享# #" + words[r.nextInt(words.length)] + "[话题]#";
        if (r.nextInt(3) == 0) out = TO_TRADITIONAL.transliterate(out);
        int substitutions = r.nextInt(6);
        StringBuilder b = new StringBuilder(out);
        for (int i = 0; i < substitutions; i++) {
            int at = r.nextInt(b.length());
            if (Character.isLetter(b.charAt(at))) b.setCharAt(at, CHARS.charAt(r.nextInt(CHARS.length())));
        }
        return b.toString();
    }

    int templates() {
        return templates.length;
    }

    /** {@code count} random characters replaced: the knob that spreads pairs over the whole Jaccard range. */
    String substitute(String text, SplittableRandom r, int count) {
        StringBuilder b = new StringBuilder(text);
        for (int i = 0; i < count; i++) {
            int at = r.nextInt(b.length());
            if (Character.isLetter(b.charAt(at))) b.setCharAt(at, CHARS.charAt(r.nextInt(CHARS.length())));
        }
        return b.toString();
    }

    static String reorder(String text, SplittableRandom r) {
        List<String> parts = new ArrayList<>(List.of(text.split("(?<=[。！？])")));
        for (int i = parts.size() - 1; i > 0; i--) Collections.swap(parts, i, r.nextInt(i + 1));
        return String.join("", parts);
    }
}
