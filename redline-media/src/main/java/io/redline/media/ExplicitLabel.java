package io.redline.media;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The explicit (visible) label: text in a corner on a semi-opaque dark box with a dark outline
 * around white glyphs, so it reads on light and dark images alike. The glyphs' ink height is at
 * least 5% of the image's shorter side (and at least {@link #TEXT_HEIGHT_PX_MIN} pixels).
 *
 * <p>The copy is re-encoded (PNG stays PNG, JPEG stays JPEG at quality 0.92); the XMP packet
 * and the implicit label of the original are written into it. EXIF and ICC profiles are not
 * carried over. A C2PA credential no longer matches changed pixels: with
 * {@link Provenance.Sign} the copy gets the original's store back plus a new active manifest
 * recording the drawing ({@code c2pa.edited}) with a hard binding over the new pixels; with
 * {@link Provenance.Refuse} a signed file is refused; with {@link Provenance.Drop} (and the
 * overloads without a provenance) the copy carries no credential. WebP is not rendered: the JDK
 * cannot encode it. All image streams are memory-backed; nothing touches the disk.
 *
 * <p>Fonts: the first installed font that can display the whole text is used (CJK fonts are
 * preferred when named below). When none can, the Latin {@link #LATIN_FALLBACK} is drawn
 * instead — {@link #effectiveText} tells the caller which text the copy will carry.
 */
public final class ExplicitLabel {

    /** Which corner the mark sits in. */
    public enum Corner {
        TOP_LEFT,
        TOP_RIGHT,
        BOTTOM_LEFT,
        BOTTOM_RIGHT
    }

    public static final String DEFAULT_TEXT = "AI生成";
    public static final String LATIN_FALLBACK = "AI-generated";
    public static final double TEXT_HEIGHT_RATIO_MIN = 0.05;
    /** Below this ink height text is not legible whatever the image size. */
    public static final int TEXT_HEIGHT_PX_MIN = 10;

    static final float JPEG_QUALITY = 0.92f;
    /** Box opacity: white on the box over pure white keeps a contrast ratio above 6:1. */
    static final int BOX_ALPHA = 170;
    /** Texts are configuration, but bound the font cache anyway in case a caller passes users'. */
    private static final int FONT_CACHE_MAX = 64;

    private static final List<String> PREFERRED_FAMILIES = List.of(
            "Noto Sans CJK SC",
            "Noto Sans SC",
            "Source Han Sans SC",
            "Source Han Sans CN",
            "WenQuanYi Zen Hei",
            "WenQuanYi Micro Hei",
            "Droid Sans Fallback",
            "Microsoft YaHei",
            "PingFang SC",
            "SimHei",
            "AR PL UMing CN",
            "DejaVu Sans");
    private static final Map<String, String> FAMILY_BY_TEXT = new ConcurrentHashMap<>();
    private static final String NONE = "";

    private ExplicitLabel() {}

    public static byte[] render(byte[] image, String text, Corner corner) throws MediaFormatException {
        return render(image, text, corner, MediaLimits.defaults());
    }

    /**
     * A labelled copy of a PNG or JPEG image, in the same format.
     *
     * @throws MediaFormatException when the file is not a parseable PNG/JPEG within the limits
     *     (checked from the headers before any decoding) or the JDK cannot decode it (e.g. CMYK)
     */
    public static byte[] render(byte[] image, String text, Corner corner, MediaLimits limits)
            throws MediaFormatException {
        return render(image, text, corner, limits, Provenance.drop());
    }

    /**
     * A labelled copy of a PNG or JPEG image, in the same format, with the file's C2PA
     * credential (if it has one) handled as {@code provenance} says.
     *
     * @throws MediaFormatException as {@link #render(byte[], String, Corner, MediaLimits)}, and
     *     {@link MediaFormatException.Kind#SIGNED_CONTENT} for a signed file under {@link Provenance.Refuse}
     */
    public static byte[] render(byte[] image, String text, Corner corner, MediaLimits limits, Provenance provenance)
            throws MediaFormatException {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("label text must not be blank");
        }
        Inspection original = MediaInspector.inspect(image, limits); // limits before decoding
        if (original.format() == MediaFormat.WEBP) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.UNSUPPORTED_FORMAT,
                    "explicit labels are rendered on PNG and JPEG only (the JDK cannot encode WebP)");
        }
        boolean png = original.format() == MediaFormat.PNG;
        Carriers carriers = MediaInspector.carriers(image, limits);
        Carriers.Jumbf store = carriers.c2pa.isEmpty() ? null : carriers.c2pa.getFirst();
        if (store != null && provenance instanceof Provenance.Refuse) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.SIGNED_CONTENT,
                    "the file carries a C2PA credential (Content Credentials) in " + store.where()
                            + "; drawing the visible label changes its pixels, which breaks its signature. Configure"
                            + " a signing key (media.c2pa.keyFile and media.c2pa.certChainFile) to add a signed"
                            + " manifest, or ask explicitly to drop provenance");
        }
        BufferedImage src = decode(image, original.format());
        int w = src.getWidth();
        int h = src.getHeight();
        boolean alpha = png && src.getColorModel().hasAlpha();
        BufferedImage canvas =
                new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        String drawn = effectiveText(text);
        try {
            g.drawImage(src, 0, 0, null);
            draw(g, w, h, drawn, corner);
        } finally {
            g.dispose();
        }
        byte[] out = encode(canvas, png);
        byte[] xmp = carriers.xmp.isEmpty() ? null : carriers.xmp.get(0).bytes();
        if (xmp != null) {
            out = ImplicitLabelWriter.replaceXmp(out, xmp, limits);
        }
        if (original.aigc() != null) {
            out = ImplicitLabelWriter.write(out, original.aigc(), limits);
        }
        if (store != null && provenance instanceof Provenance.Sign sign) {
            String description = "drew the visible label \"" + drawn + "\" in the "
                    + corner.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " corner and re-encoded the"
                    + " image (" + (png ? "PNG" : "JPEG quality " + JPEG_QUALITY) + ")";
            out = C2paWriter.resignRendered(out, store, original.aigc(), description, sign.signer(), limits);
        }
        return out;
    }

    /** The text that will be drawn: {@code text} if an installed font shows it, else Latin. */
    public static String effectiveText(String text) {
        return family(text) != null ? text : LATIN_FALLBACK;
    }

    /** Ink height in pixels the label text gets on an image of this size. */
    public static int textHeightPx(int width, int height) {
        return Math.max(TEXT_HEIGHT_PX_MIN, (int) Math.ceil(Math.min(width, height) * TEXT_HEIGHT_RATIO_MIN));
    }

    static String family(String text) {
        String cached = FAMILY_BY_TEXT.get(text);
        if (cached == null) {
            cached = findFamily(text);
            if (FAMILY_BY_TEXT.size() < FONT_CACHE_MAX) {
                FAMILY_BY_TEXT.put(text, cached);
            }
        }
        return cached.equals(NONE) ? null : cached;
    }

    private static String findFamily(String t) {
        Font logical = new Font(Font.SANS_SERIF, Font.BOLD, 12);
        for (String name : PREFERRED_FAMILIES) {
            Font candidate = new Font(name, Font.BOLD, 12);
            if (candidate.getFamily().equalsIgnoreCase(name) && candidate.canDisplayUpTo(t) < 0) {
                return name;
            }
        }
        if (logical.canDisplayUpTo(t) < 0) {
            return Font.SANS_SERIF;
        }
        for (String name : GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()) {
            if (new Font(name, Font.BOLD, 12).canDisplayUpTo(t) < 0) {
                return name;
            }
        }
        return NONE;
    }

    private static void draw(Graphics2D g, int w, int h, String text, Corner corner) {
        String fam = family(text);
        Font font = new Font(fam == null ? Font.SANS_SERIF : fam, Font.BOLD, 12);
        FontRenderContext frc = new FontRenderContext(null, true, true);
        int target = textHeightPx(w, h);
        float size = target / 0.7f;
        // Size by the capital height ("H" ink), not the font's nominal size nor the whole string's
        // ink (which descenders inflate): the smallest letters that matter reach the target, and
        // CJK ideographs, taller than capitals, exceed it.
        String reference = font.canDisplayUpTo("H") < 0 ? "H" : text;
        for (int i = 0; i < 20; i++) {
            double cap = font.deriveFont(size)
                    .createGlyphVector(frc, reference)
                    .getVisualBounds()
                    .getHeight();
            if (cap >= target) {
                break;
            }
            size = size * (float) (target / Math.max(1.0, cap)) + 0.5f;
        }
        GlyphVector gv = font.deriveFont(size).createGlyphVector(frc, text);
        Rectangle2D ink = gv.getVisualBounds();
        int pad = Math.max(3, Math.round(target * 0.35f));
        double boxW = ink.getWidth() + 2.0 * pad;
        double boxH = ink.getHeight() + 2.0 * pad;
        double left = corner == Corner.TOP_LEFT || corner == Corner.BOTTOM_LEFT ? pad : w - pad - boxW;
        double top = corner == Corner.TOP_LEFT || corner == Corner.TOP_RIGHT ? pad : h - pad - boxH;
        left = Math.max(0, left); // on images too small for the box, keep its start visible
        top = Math.max(0, top);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(new Color(0, 0, 0, BOX_ALPHA));
        g.fill(new RoundRectangle2D.Double(left, top, boxW, boxH, pad, pad));
        Shape glyphs = gv.getOutline((float) (left + pad - ink.getX()), (float) (top + pad - ink.getY()));
        g.setStroke(new BasicStroke(Math.max(1f, target / 14f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0, 0, 0, 220));
        g.draw(glyphs);
        g.setColor(Color.WHITE);
        g.fill(glyphs);
    }

    private static BufferedImage decode(byte[] image, MediaFormat format) throws MediaFormatException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mediaType());
        if (!readers.hasNext()) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.UNSUPPORTED_FORMAT, "no image decoder for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(image))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.UNSUPPORTED_FORMAT,
                    "cannot decode this " + format + " to draw a label on it (" + e.getMessage() + ")",
                    e);
        } finally {
            reader.dispose();
        }
    }

    private static byte[] encode(BufferedImage img, boolean png) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer =
                ImageIO.getImageWritersByFormatName(png ? "png" : "jpeg").next();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!png) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("encoding to memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
