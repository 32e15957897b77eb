package io.redline.bench.text;

import com.github.houbb.sensitive.word.api.IWordResult;
import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.result.WordResultHandlers;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import toolgood.words.IllegalWordsSearch;
import toolgood.words.IllegalWordsSearchResult;

/**
 * A peer as a whole process, for {@code bench/cold-start.sh} and {@code bench/text-process.sh}:
 * a fresh JVM builds houbb sensitive-word or ToolGood.Words over the same terms Redline gets (the
 * lexicon file's first column), configured as in {@link Contestants}, and then either screens one
 * line given as an argument and prints what it found (the one-line cold start), or reads standard
 * input line by line and writes one JSON line per input line, {@code {"line":n,"hits":[{"start":s,
 * "end":e,"term":"..."}]}}, as {@code redline screen --format jsonl} does (the 100 MB stream).
 * Output is written in 64 KiB blocks, the way Redline writes to a file or pipe, so both sides pay
 * the same system calls.
 *
 * <p>Usage: {@code PeerProcess sensitive-word|toolgood LEXICON [TEXT]}.
 */
public final class PeerProcess {
    private PeerProcess() {}

    /** One peer's matcher: the hits of a line as JSON array elements appended to {@code out}. */
    private interface Matcher {
        void hits(String line, StringBuilder out);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: PeerProcess sensitive-word|toolgood LEXICON [TEXT]");
            System.exit(2);
        }
        List<String> terms = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", 2)[0])
                .toList();
        Matcher matcher = switch (args[0]) {
            case "sensitive-word" -> sensitiveWord(Contestants.sensitiveWord(terms));
            case "toolgood" -> toolGood(Contestants.toolGood(terms));
            default -> throw new IllegalArgumentException("unknown peer " + args[0]);
        };
        Writer out = new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16);
        if (args.length > 2) {
            StringBuilder sb = new StringBuilder();
            matcher.hits(args[2], sb);
            out.write("[" + sb + "]\n");
            out.flush();
            return;
        }
        BufferedReader in = new BufferedReader(
                new InputStreamReader(new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8), 1 << 16);
        StringBuilder sb = new StringBuilder(256);
        long n = 0;
        for (String line; (line = in.readLine()) != null; ) {
            sb.setLength(0);
            sb.append("{\"line\":").append(++n).append(",\"hits\":[");
            matcher.hits(line, sb);
            sb.append("]}\n");
            out.append(sb);
        }
        out.flush();
    }

    private static Matcher sensitiveWord(SensitiveWordBs bs) {
        return (line, out) -> {
            List<IWordResult> found = bs.findAll(line, WordResultHandlers.raw());
            for (int i = 0; i < found.size(); i++) {
                IWordResult r = found.get(i);
                hit(out, i, r.startIndex(), r.endIndex(), line.substring(r.startIndex(), r.endIndex()));
            }
        };
    }

    private static Matcher toolGood(IllegalWordsSearch search) {
        return (line, out) -> {
            List<IllegalWordsSearchResult> found = search.FindAll(line);
            for (int i = 0; i < found.size(); i++) {
                IllegalWordsSearchResult r = found.get(i);
                hit(out, i, r.Start, r.End + 1, r.Keyword); // ToolGood's End is inclusive
            }
        };
    }

    private static void hit(StringBuilder out, int i, int start, int end, String term) {
        if (i > 0) {
            out.append(',');
        }
        out.append("{\"start\":").append(start).append(",\"end\":").append(end).append(",\"term\":\"");
        for (int k = 0; k < term.length(); k++) {
            char c = term.charAt(k);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append("\"}");
    }
}
