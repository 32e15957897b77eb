package io.redline.bench.text;

import io.redline.text.Screener;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to screen one text of {@code length} characters made of one adversarial pattern repeated
 * (issue #11: a.a.a…, a。a。…, ab.ab.… took seconds at 20k characters), beside random CJK text of
 * the same length, with the starter lexicon and the full chain. Linear screening shows as a time
 * per character that stays flat from 2.5k to 40k characters; {@link AdversarialBenchmarkMain}
 * prints that table. Run with {@code bench/text-adversarial.sh}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@State(Scope.Benchmark)
public class AdversarialScreeningBenchmark {

    /** Pattern names and the unit each repeats; randomCjk is the yardstick. */
    public enum Kind {
        randomCjk(null),
        dots("a."),
        ideographicDots("a。"),
        labels("ab."),
        spelledDots("xdot"),
        urlPrefixes("www."),
        digitsAndDots("1."),
        emails("a@b.cn "),
        wechatTokens("-va"),
        shopTokens("￥abc123￥ "),
        noiseBetween("加*微*信*"),
        combiningMarks("a\u0301");

        final String unit;

        Kind(String unit) {
            this.unit = unit;
        }
    }

    @Param({"2500", "10000", "40000"})
    public int length;

    @Param
    public Kind kind;

    Screener screener;
    String text;

    @Setup
    public void setUp() {
        screener = Screener.starter();
        text = textOf(kind, length);
    }

    public static String textOf(Kind kind, int length) {
        StringBuilder sb = new StringBuilder(length + 16);
        if (kind.unit == null) {
            // Common ideographs (U+4E00..U+6FFF), fixed seed: the same text in every run.
            Random random = new Random(20261202L);
            while (sb.length() < length) {
                sb.append((char) (0x4E00 + random.nextInt(0x2200)));
            }
        } else {
            while (sb.length() < length) {
                sb.append(kind.unit);
            }
        }
        sb.setLength(length);
        return sb.toString();
    }

    @Benchmark
    public int screen() {
        return screener.screen(text).hits().size();
    }
}
