package io.redline.bench.corpus;

/**
 * Word pools for the corpus generator, written for Redline. Brands and nicknames are invented;
 * any resemblance to real accounts is accidental.
 */
final class Vocabulary {

    private Vocabulary() {}

    static final String[] TOPICS = {
        "秋冬穿搭",
        "早八妆容",
        "减脂餐",
        "周末露营",
        "租房改造",
        "通勤包",
        "平价护肤",
        "猫咪日常",
        "健身打卡",
        "citywalk路线",
        "咖啡探店",
        "宝宝辅食",
        "考研日常",
        "读书笔记",
        "手机摄影",
        "春日野餐",
        "小户型收纳",
        "烘焙新手",
        "油皮护肤",
        "旅行攻略",
        "vlog日常",
        "发型改造",
        "美甲灵感",
        "办公室好物",
        "养花日记",
        "跑步装备",
        "数码开箱",
        "宿舍好物",
        "一人食",
        "婚礼筹备",
        "亲子出游",
        "复古穿搭",
        "极简生活",
        "香水分享",
        "日系妆容",
        "韩系穿搭",
    };

    static final String[] TITLE_OPENERS = {
        "救命！", "谁懂啊", "终于找到了", "保姆级", "3分钟学会", "超详细", "亲测有效｜", "私藏",
        "被问爆的", "第一次", "真心推荐", "踩雷合集｜", "沉浸式", "懒人版", "低成本", "",
    };

    static final String[] TITLE_TAILS = {
        "分享", "攻略", "合集", "来啦", "真的绝了", "不踩雷", "看这篇就够了", "｜建议收藏", "（附清单）", "记录", "心得", "大公开", "plog", "Vol.2", "第3期",
    };

    static final String[] SENTENCE_TEMPLATES = {
        "今天去了{place}，{feel}",
        "{product}用了{n}周，{effect}",
        "姐妹们这个{type}真的{adj}",
        "{time}的{place}人好少，拍照超级出片",
        "有没有{topic}博主推荐一下",
        "{product}只要{price}，冲就完事了",
        "跟着{person}做了{food}，{feel}",
        "{city}的{food}比想象中好吃太多",
        "这套{color}{garment}配{garment}绝了",
        "{date}去{city}玩了三天，{feel}",
        "早上起来一杯冰美式，{feel}",
        "周末在家做了{food}，家人都说{adj}",
        "最近迷上了{topic}，每天都想分享",
        "{type}空瓶了，准备回购",
        "种草了好久的{product}终于到了",
        "室友说我最近气色{adj}",
        "{color}{garment}真的很显白",
        "坚持{topic}第{n}天，体重掉了{n}斤",
        "@{nick} 你上次说的那家店是不是在{place}",
        "评论区说的{type}我也买了，{effect}",
        "这个{en}真的很好用",
        "下次还来{place}",
        "{person}推荐的{type}确实{adj}",
        "谁还没去过{place}",
        "这家店的{food}排队排了{n}小时",
        "今天的{en}打卡完成",
        "不说了我去下单{type}了",
        "{city}最近降温了，{garment}安排上",
        "和闺蜜一起去了{place}，{feel}",
        "拍照姿势参考第{n}张",
        "同款{garment}链接在主页",
        "{type}是在官方旗舰店买的",
        "大家觉得{color}还是{color}好看",
        "预算{price}以内怎么选{type}",
        "{product}和{product}哪个更适合新手",
        "每天通勤{n}小时好累",
        "宝宝{n}个月了，开始吃{food}",
        "猫咪今天又把{type}打翻了",
        "第{n}次来{city}，依然很爱",
        "用{en}记账三个月，省了不少钱",
        "{place}的日落{adj}",
        "上班摸鱼看到这篇笔记",
    };

    static final String[] PLACES = {
        "西湖边", "外滩", "三里屯", "太古里", "武康路", "鼓浪屿", "洱海", "环球影城", "迪士尼", "宜家", "山姆", "图书馆", "江边步道", "老城区", "商场地下一层",
        "公司楼下", "菜市场", "植物园", "美术馆", "海边民宿", "露营基地", "夜市", "古镇", "滑雪场", "温泉酒店",
    };

    static final String[] CITIES = {
        "上海", "北京", "成都", "重庆", "杭州", "广州", "深圳", "长沙", "西安", "厦门", "大理",
        "青岛", "南京", "苏州", "武汉", "昆明", "三亚", "哈尔滨", "天津", "东京", "首尔", "曼谷",
    };

    static final String[] BRANDS = {
        "木屿",
        "栀山",
        "白茶集",
        "鹿野",
        "初禾",
        "雾岛",
        "半亩",
        "Lumiette",
        "Norva",
        "Petalry",
        "青简",
        "溪月",
        "Aurelle",
        "Kindwell",
        "棉初",
        "野莓社",
        "Hollis&Co",
        "小满",
        "拾光",
    };

    static final String[] PRODUCT_LINES = {"", "经典款", "新款", "限定", "二代", "Pro", "mini", "升级版"};

    static final String[] PRODUCT_TYPES = {
        "精华", "面霜", "防晒", "粉底液", "气垫", "口红", "眼影盘", "洗面奶", "身体乳", "香水", "卫衣", "羽绒服", "牛仔裤", "运动鞋", "帆布包", "保温杯", "空气炸锅",
        "扫地机器人", "蓝牙耳机", "手机壳", "瑜伽垫", "收纳盒", "床品四件套", "猫粮", "奶瓶", "台灯", "咖啡机",
    };

    static final String[] SIZES = {"30ml", "50ml", "100ml", "小样", "旅行", "家庭", "250g", "1kg"};

    static final String[] FOODS = {
        "牛油果吐司", "番茄炒蛋", "酸汤肥牛", "麻辣烫", "螺蛳粉", "奶茶", "冰美式", "杨枝甘露",
        "烤红薯", "糖炒栗子", "寿喜锅", "芝士蛋糕", "三明治", "燕麦碗", "鸡胸肉沙拉", "小笼包",
        "火锅", "烧烤", "米线", "可颂", "桂花糕", "抹茶拿铁", "清蒸鲈鱼", "大麻哈鱼刺身",
    };

    static final String[] ADJ_PRAISE = {
        "绝了", "太好看了", "好温柔", "好香", "yyds", "超级好用", "性价比很高", "一般般", "有点失望", "超出预期", "美哭了", "很治愈", "好出片", "很稳", "太可爱了",
        "好绝", "巨好吃",
    };

    static final String[] FEELINGS = {
        "心情一下子变好了", "真的会谢", "幸福感拉满", "累并快乐着", "下次还要来", "有被治愈到",
        "差点哭出来", "感觉整个人都亮了", "钱包在哭泣", "很值得", "有点小失望", "强烈推荐",
    };

    static final String[] EFFECTS = {
        "皮肤稳定了很多", "闭口少了", "不搓泥", "持妆一整天", "一点都不闷痘", "保湿效果一般",
        "上脸有点刺痛", "味道很高级", "续航很久", "做工很好", "尺码偏大半码", "颜色和图片一样",
    };

    static final String[] TIMES = {"工作日", "早上七点", "傍晚", "周末", "假期", "下雨天", "深夜"};

    static final String[] PEOPLE = {"博主", "我妈", "室友", "同事", "男朋友", "闺蜜", "健身教练"};

    static final String[] GARMENTS = {
        "大衣", "针织衫", "半身裙", "阔腿裤", "马丁靴", "衬衫", "背心", "风衣", "西装外套", "卫裤",
    };

    static final String[] COLORS = {"奶白色", "燕麦色", "雾霾蓝", "黑色", "焦糖色", "橄榄绿", "酒红色"};

    static final String[] ENGLISH_WORDS = {
        "app", "vlog", "OOTD", "plog", "routine", "planner", "look", "brunch", "playlist", "skincare",
    };

    static final String[] ENGLISH_OPENERS = {
        "Honestly the",
        "Loving this",
        "Can't get over the",
        "Today's",
        "My go-to",
        "Finally found a",
        "Obsessed with the",
        "Weekend",
        "Quick",
        "Best",
    };

    static final String[] ENGLISH_ADJ = {
        "cozy", "minimal", "affordable", "gorgeous", "comfy", "vintage", "lightweight", "dreamy",
    };

    static final String[] ENGLISH_NOUNS = {
        "outfit", "latte", "skincare routine", "sunset", "cafe", "desk setup", "city walk", "haul",
    };

    static final String[] ENGLISH_TAILS = {"!", ".", " ✨", " lol", "~", "!!", " tbh", ""};

    static final String[] ENGLISH_CHAT = {
        "hi from Singapore",
        "love this look",
        "so pretty",
        "link pls",
        "where is this place?",
        "omg",
        "lol",
        "need this",
        "first time here",
        "hello everyone",
        "666",
        "wow",
    };

    static final String[] LIVE_SHORT = {
        "666", "来了来了", "主播好", "好看", "上车", "求链接", "已拍", "扣1", "哈哈哈哈", "好美", "想要", "多少钱", "什么时候开播", "补货吗", "好可爱", "打卡",
        "晚上好", "冲冲冲", "刚来",
    };

    static final String[] REPEATABLE = {"哈", "6", "1", "冲", "！", "赞", "好", "啊"};

    static final String[] LIVE_QUESTION = {"主播", "请问", "这个", "姐姐", "那个", "刚才的"};

    static final String[] LIVE_ASK = {"还有吗", "多少钱", "怎么拍", "能便宜点吗", "什么颜色", "有优惠吗"};

    static final String[] QUESTION_TAIL = {"适合干皮吗", "有色号吗", "多大码", "几号链接", "还有货吗", "是正品吗"};

    static final String[] GREETINGS = {"欢迎", "晚上好", "谢谢", "hi ", "关注了", "又见面了"};

    static final String[] NICKNAMES = {
        "小鹿不吃草", "橘子汽水", "momo酱", "阿柒", "早睡早起", "一只小蘑菇", "Luna_77", "芋圆波波", "夏天的风", "奶油小方", "喵了个咪", "Ken_Lee", "今天也要加油",
        "胖虎爱吃肉", "晴天",
    };

    static final String[] PUNCT_END = {"。", "！", "～", "!!", "…", "？", "，", " ", "。。。", "！！！"};

    static final String[] BULLETS = {"✅", "📍", "1️⃣", "①", "▪️", "💡", "- ", "Tips："};

    static final String[] HASHTAGS = {
        "好物分享", "今日穿搭", "OOTD", "护肤", "减脂餐", "旅行", "探店", "周末去哪儿", "日常碎片",
        "平价好物", "学生党", "打工人", "宝藏店铺", "拍照技巧", "猫咪", "vlog", "家居", "健身",
    };

    static final String[] COMMENT_TAIL = {"求链接", "已关注", "码住", "蹲一个后续", "同问", "mark"};

    static final String[] VERDICTS = {"会回购", "不推荐", "还行", "闭眼入", "中规中矩", "真香"};

    static final String[] COMPLAINTS = {"客服也不回", "催了三次", "有点着急", "等退款中"};

    static final String[] SKIN_TYPES = {"干皮", "油皮", "混油皮", "敏感肌", "黄黑皮"};

    static final String[] EMOJI = {
        "😍", "🥰", "✨", "💕", "🔥", "👍", "😂", "🤣", "🙏", "🌸", "🍰", "☕️", "🎉", "💄", "👗", "🧴", "🏃‍♀️", "🐱",
        "🌈", "😭", "🥹", "❤️", "🇯🇵", "👀", "🤔", "💯", "😅", "🍂", "⭐",
    };
}
