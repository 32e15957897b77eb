package io.redline.bench.engines;

import com.drew.imaging.ImageMetadataReader;
import io.redline.media.AigcLabel;
import io.redline.media.ImplicitLabelWriter;
import io.redline.media.MediaInspector;
import io.redline.media.MediaLimits;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Media inspection: reading the AI-generation labels of an uploaded PNG or JPEG (1024×768,
 * labelled the way a generator labels its output) and deciding its mark, beside the peer
 * metadata-extractor 2.19 reading the same file's metadata (every directory, no decision).
 * One op inspects one file.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class MediaInspectionBenchmark {

    @State(Scope.Benchmark)
    public static class File {
        @Param({"png", "jpeg"})
        public String format;

        byte[] bytes;
        MediaLimits limits = MediaLimits.defaults();

        @Setup(Level.Trial)
        public void build() throws Exception {
            BufferedImage image = new BufferedImage(1024, 768, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            for (int y = 0; y < 768; y += 16) {
                g.setColor(new Color((y * 7) & 0xFF, (y * 3) & 0xFF, 128));
                g.fillRect(0, y, 1024, 16);
            }
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format.equals("png") ? "png" : "jpg", out)) {
                throw new IOException("no ImageIO writer for " + format);
            }
            bytes = ImplicitLabelWriter.write(
                    out.toByteArray(),
                    AigcLabel.produced(AigcLabel.Kind.AI_GENERATED, "example-model", "gen-20260101-0001"));
        }
    }

    @Benchmark
    public Object redlineInspect(File f) throws Exception {
        return MediaInspector.inspect(f.bytes, f.limits);
    }

    @Benchmark
    public Object metadataExtractor(File f) throws Exception {
        return ImageMetadataReader.readMetadata(new ByteArrayInputStream(f.bytes));
    }
}
