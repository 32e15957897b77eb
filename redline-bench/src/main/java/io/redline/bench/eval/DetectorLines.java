package io.redline.bench.eval;

import io.redline.bench.corpus.Drainage;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Labelled lines for the pattern detectors (contact and drainage patterns, personal data) and
 * the hard negatives that look like them. Categories are the detectors' own.
 */
final class DetectorLines {

    private final SplittableRandom random;
    private final DetectorCategories categories;
    private final BiConsumer<Family, Row> sink;

    record Row(String categories, String text) {}

    /** The category each detector reports, as the engine names them. */
    record DetectorCategories(
            String phone,
            String wechat,
            String qq,
            String link,
            String email,
            String shopToken,
            String residentId,
            String bankCard) {}

    DetectorLines(SplittableRandom random, DetectorCategories categories, BiConsumer<Family, Row> sink) {
        this.random = random;
        this.categories = categories;
        this.sink = sink;
    }

    static final String[] PHONE_CUES = {"电话", "手机", "打我电话", "联系方式：", "tel:", "call me ", "有意者联系", "号码", "", "私聊", "☎️"};
    static final String[] TAILS = {"", "，", "。", " 详聊", " 随时联系", "～", "，非诚勿扰", " 晚上八点后"};
    static final String[] OPENERS = {"", "二手转让，", "姐妹们，", "出闲置 ", "需要的", "宝宝们", "团购群满了，", "带货合作"};

    void phones(int perForm) {
        for (int i = 0; i < perForm; i++) {
            String digits = mobileDigits();
            String[] separators = {" ", "-", ".", "·", "~", "_", " - ", "、", "/"};
            String separator = separators[random.nextInt(separators.length)];
            String spaced = random.nextBoolean()
                    ? digits.substring(0, 3) + separator + digits.substring(3, 7) + separator + digits.substring(7)
                    : spacedEvery(digits, separator);
            emit(Family.PHONE_SEPARATED, categories.phone(), wrapPhone(spaced));
            emit(
                    Family.PHONE_CHINESE_DIGITS,
                    categories.phone(),
                    wrapPhone(
                            random.nextInt(3) == 0
                                    ? mixedDigits(digits)
                                    : Drainage.renderDigits(random, digits, random.nextBoolean() ? 2 : 3)));
            emit(Family.PHONE_FULL_WIDTH, categories.phone(), wrapPhone(Drainage.renderDigits(random, digits, 4)));
            emit(Family.PHONE_CIRCLED, categories.phone(), wrapPhone(Drainage.renderDigits(random, digits, 5)));
            emit(
                    Family.PHONE_OTHER_DIGITS,
                    categories.phone(),
                    wrapPhone(Drainage.renderDigits(random, digits, 6 + random.nextInt(2))));
        }
    }

    void messengers(int count) {
        String[] wechatCues = {"微信", "威信", "薇信", "V信", "vx", "wx", "➕V", "加v", "+v", "VX：", "微 信", "wei信", "加我徽信", "薇❤"
        };
        String[] qqCues = {"qq", "QQ", "扣扣", "Q Q", "qq号", "扣扣号：", "QQ群", "企鹅"};
        for (int i = 0; i < count; i++) {
            String id = wechatId();
            String cue = pick(wechatCues);
            String join = pick(new String[] {"", "：", ":", " ", " 号 ", "→"});
            emit(Family.WECHAT_ID, categories.wechat(), pick(OPENERS) + cue + join + id + pick(TAILS));
            String qq = Drainage.qqNumber(random);
            emit(
                    Family.QQ_ID,
                    categories.qq(),
                    pick(OPENERS) + pick(qqCues) + pick(new String[] {"", "：", " ", ":"}) + qq + pick(TAILS));
        }
    }

    void links(int count) {
        String[] tlds = {"com", "cn", "net", "top", "vip", "xyz", "cc", "shop"};
        String[] shortHosts = {"t.cn", "url.cn", "dwz.cn", "suo.im", "bit.ly", "tinyurl.com", "is.gd"};
        String[] dots = {"点", "dot", "。", "(.)", "[.]", " . ", "．", "·"};
        for (int i = 0; i < count; i++) {
            String host = Drainage.alnum(random, 4 + random.nextInt(6)).toLowerCase();
            String tld = pick(tlds);
            String path = random.nextBoolean() ? "/" + Drainage.alnum(random, 5) : "";
            String url = pick(new String[] {"https://", "http://", "www.", "https://www."}) + host + "." + tld + path;
            emit(
                    Family.URL,
                    categories.link(),
                    pick(new String[] {"详情看 ", "戳 ", "官网：", "下载地址", "", "点这里 "}) + url + pick(TAILS));

            String dot = pick(dots);
            String www = random.nextBoolean() ? "www" + dot : "";
            emit(
                    Family.DOMAIN_SPELLED_DOT,
                    categories.link(),
                    pick(new String[] {"网址 ", "上", "搜 ", "浏览器打开", "地址："}) + www + host + dot + tld + pick(TAILS));

            emit(
                    Family.SHORT_LINK,
                    categories.link(),
                    pick(new String[] {"链接：", "戳→", "领券 ", "", "点击 "}) + pick(new String[] {"https://", "http://", ""})
                            + pick(shortHosts) + "/" + Drainage.alnum(random, 5 + random.nextInt(4)) + pick(TAILS));

            String[] mailHosts = {"qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "foxmail.com", "sina.com"
            };
            String user = random.nextBoolean()
                    ? Drainage.qqNumber(random)
                    : Drainage.alnum(random, 6).toLowerCase();
            emit(
                    Family.EMAIL,
                    categories.email(),
                    pick(new String[] {"邮箱", "简历发", "合作请发邮件至", "email: ", "投稿 "}) + user + "@" + pick(mailHosts)
                            + pick(TAILS));
        }
    }

    void shopTokens(int count) {
        String[][] pairs = {{"￥", "￥"}, {"€", "€"}, {"$", "$"}, {"¢", "¢"}, {"₴", "₴"}, {"(", ")"}, {"«", "«"}};
        String[] cues = {"复制这条信息", "复制整段话", "长按复制", "復制", "复制口令"};
        String[] after = {"打开淘宝", "打开【手淘】即可查看", "去APP领取", "打开tb", "到某宝"};
        for (int i = 0; i < count; i++) {
            String[] pair = pairs[random.nextInt(pairs.length - 2)]; // the bracketed forms are noise below
            String token = Drainage.alnum(random, 11);
            String text = random.nextBoolean()
                    ? pick(cues) + pair[0] + token + pair[1] + pick(after)
                    : pick(new String[] {"好物分享 ", "【限时】", ""}) + pair[0] + token + pair[1] + " " + pick(cues)
                            + pick(after);
            emit(Family.SHOP_TOKEN, categories.shopToken(), text);
        }
    }

    void personalData(int count) {
        for (int i = 0; i < count; i++) {
            String id = PersonalNumbers.residentId(random);
            emit(
                    Family.RESIDENT_ID,
                    categories.residentId(),
                    pick(new String[] {"身份证号", "我的身份证：", "代办 身份证", "实名用这个 ", "ID "}) + id + pick(TAILS));
            String card = PersonalNumbers.bankCard(random);
            String shown = random.nextBoolean() ? card : PersonalNumbers.grouped(card, pick(new String[] {" ", "-"}));
            emit(
                    Family.BANK_CARD,
                    categories.bankCard(),
                    pick(new String[] {"转账到", "卡号", "银行卡号：", "打款到这张卡 ", "收款卡 "}) + shown + pick(TAILS));
        }
    }

    void hardNegatives(int count) {
        for (int i = 0; i < count; i++) {
            int year = 2019 + random.nextInt(7);
            int month = 1 + random.nextInt(12);
            int day = 1 + random.nextInt(28);
            String date = String.format("%d%02d%02d", year, month, day);
            emit(Family.NEG_DATE_NUMBER, "", pick(new String[] {
                "拍摄于" + date + "，天气很好",
                year + "-" + String.format("%02d-%02d", month, day) + " " + (8 + random.nextInt(14)) + ":"
                        + String.format("%02d", random.nextInt(60)) + " 到达酒店",
                "活动时间" + date + "至" + String.format("%d%02d%02d", year, month, Math.min(28, day + 3)) + "，记得来",
                year + "年" + month + "月" + day + "日第" + (1 + random.nextInt(30)) + "次打卡",
                "航班" + pick(new String[] {"CA", "MU", "CZ", "HU"}) + (1000 + random.nextInt(9000)) + "，" + month + "."
                        + day + " " + (6 + random.nextInt(17)) + ":" + String.format("%02d", random.nextInt(60)) + "起飞",
                "体重从" + (50 + random.nextInt(30)) + "." + random.nextInt(10) + "降到" + (45 + random.nextInt(20)) + "."
                        + random.nextInt(10) + "，" + date + "开始记录",
            }));
            emit(Family.NEG_ORDER_NUMBER, "", pick(new String[] {
                "订单号" + notCard(date + digits(8)) + " 一直没发货",
                "快递单号SF" + digits(12) + "，显示已签收",
                "退款编号" + notCard(digits(16)) + "，客服说三天到账",
                "取件码" + (1 + random.nextInt(9)) + "-" + (1 + random.nextInt(9)) + "-" + digits(4),
                "会员卡号" + digits(10) + "积分还能用吗",
                "商品编码" + notCard("69" + digits(11)) + "，扫码查到是正品",
                "时间戳" + notCard((1_600_000_000L + random.nextInt(200_000_000)) + digits(3)) + "的日志",
            }));
            String badId;
            do {
                badId = PersonalNumbers.residentIdInvalid(random);
            } while (!badId.endsWith("X") && PersonalNumbers.luhnValid(badId)); // must not read as a card either
            emit(Family.NEG_INVALID_ID, "", pick(new String[] {"身份证号", "这个号码", "编号"}) + badId + "校验不对吧");
            String badCard = PersonalNumbers.bankCardInvalid(random);
            emit(Family.NEG_INVALID_CARD, "", pick(new String[] {"流水号", "交易单号", "编号 "}) + badCard + pick(TAILS));
            emit(Family.NEG_WECHAT_PAY, "", pick(new String[] {
                "超市现在可以用微信支付了，很方便",
                "我一般用微信支付，偶尔用支付宝",
                "微信支付的时候提示余额不足，尴尬",
                "这家店只支持微信支付和现金",
                "微信支付有" + (2 + random.nextInt(9)) + "块钱的立减，挺划算",
                "微信头像换成了" + pick(new String[] {"猫咪", "风景", "自拍", "宝宝", "日落"}) + "照片",
                "刚在微信群里看到大家的" + pick(new String[] {"穿搭", "旅行照片", "晚饭", "周末计划"}),
                "QQ音乐的会员续费了",
                "qq空间翻到" + (5 + random.nextInt(10)) + "年前的照片哈哈",
                "用微信扫码点餐，" + pick(new String[] {"上菜很快", "等了半小时", "味道不错", "服务员很热情"}),
                "视频号和微信读书都挺好用",
                "微信运动今天走了" + (3000 + random.nextInt(20000)) + "步",
                "我妈终于学会用微信视频了",
                "出门忘带钱包，还好能微信支付",
                "公众号文章写得很用心，已经转发到微信朋友圈",
                "微信支付分够" + (550 + random.nextInt(200)) + "就能免押金租充电宝",
            }));
        }
    }

    void normalNegatives(List<String> lines) {
        for (String line : lines) {
            emit(Family.NEG_NORMAL, "", line);
        }
    }

    void productNegatives(int count) {
        String[] types = {"精华", "面霜", "防晒", "粉底液", "口红", "卫衣", "羽绒服", "运动鞋", "空气炸锅", "蓝牙耳机", "猫粮"};
        for (int i = 0; i < count; i++) {
            String type = pick(types);
            emit(Family.NEG_PRODUCT, "", pick(new String[] {
                "这款" + type + "的成分表写得很清楚，敏感肌也能用",
                type + "现在" + (99 + random.nextInt(400)) + "元，比上个月便宜了" + (10 + random.nextInt(50)) + "块",
                "官方旗舰店的" + type + "买一送一，划算",
                "请问这个" + type + "和去年那款有什么区别",
                type + "的" + pick(new String[] {"新版", "大容量装", "旅行装", "限定色", "基础款"}) + "还有货吗",
                "直播间" + (1 + random.nextInt(40)) + "号链接是" + type + "吗",
                "这个" + type + "是赠品，不单独出售",
                type + "用完了，下次换个牌子试试",
                "拼单买" + type + "，三个人平摊运费",
                "种草" + type + "好久了，等双十一再买",
            }));
        }
    }

    /**
     * Long digit runs pass the Luhn check one time in ten; such a run is indistinguishable from a
     * card number without context, so negatives are kept Luhn-invalid and the label stays clear.
     */
    private static String notCard(String digits) {
        if (!PersonalNumbers.luhnValid(digits)) {
            return digits;
        }
        char last = digits.charAt(digits.length() - 1);
        return digits.substring(0, digits.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    private String wrapPhone(String number) {
        return pick(OPENERS) + pick(PHONE_CUES) + number + pick(TAILS);
    }

    private String mobileDigits() {
        String[] prefixes = {
            "130", "131", "135", "136", "138", "139", "150", "151", "155", "158", "166", "173", "177", "180", "186",
            "188", "191", "199"
        };
        return pick(prefixes) + digits(8);
    }

    /** Each digit in a form of its own: 1三8⑥６… (authors mix forms to break digit runs). */
    private String mixedDigits(String digits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            int form = random.nextInt(8);
            sb.append(Drainage.renderDigits(random, digits.substring(i, i + 1), form == 1 ? 0 : form));
        }
        return sb.toString();
    }

    private String wechatId() {
        String[] stems = {"mei", "xiaoyu", "tt", "lucky", "vip", "qiqi", "sunny", "yoyo", "kk", "anna", "jia", "beauty"
        };
        return pick(stems) + pick(new String[] {"", "_", "-"}) + (10 + random.nextInt(99_990));
    }

    private String spacedEvery(String digits, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    private String digits(int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private void emit(Family family, String categories, String text) {
        sink.accept(family, new Row(categories, text));
    }

    private String pick(String[] pool) {
        return pool[random.nextInt(pool.length)];
    }
}
