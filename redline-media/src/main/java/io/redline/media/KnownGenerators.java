package io.redline.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of image generators and the metadata habits of popular generation front-ends. A match
 * is a trace ("suspected"), never a label: names can be typed by anyone.
 */
final class KnownGenerators {

    private KnownGenerators() {}

    /** Product names as whole words (a Latin letter on either side breaks the match). */
    private static final Pattern NAMES = Pattern.compile(
            "(?<![A-Za-z])("
                    + "Midjourney|DALL[-·\\u00B7 ]?E|OpenAI|ChatGPT|GPT-4o|Stable ?Diffusion|SDXL|NovelAI"
                    + "|ComfyUI|AUTOMATIC1111|Fooocus|InvokeAI|Adobe Firefly|Firefly|Imagen|Gemini"
                    + "|Leonardo\\.?Ai|Ideogram|FLUX\\.?1|Kling|Jimeng|Doubao|Tongyi Wanxiang|Wanx|Hunyuan"
                    + "|Kolors|Runway|Sora|Craiyon|DreamStudio|Bing Image Creator|Image Creator from Designer"
                    + "|即梦|豆包|通义万相|文心一格|混元|可图|星流|LiblibAI|哩布哩布"
                    + ")(?![A-Za-z])",
            Pattern.CASE_INSENSITIVE);

    /** Text that looks like AUTOMATIC1111-style parameters ("Steps: 20, Sampler: Euler a, …"). */
    private static final Pattern SD_PARAMETERS = Pattern.compile("Steps: ?\\d+.{0,200}Sampler: ", Pattern.DOTALL);

    /** The generator named in a free-text field, or null. */
    static String name(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = NAMES.matcher(text.length() > 4096 ? text.substring(0, 4096) : text);
        return m.find() ? m.group(1) : null;
    }

    static boolean looksLikeSdParameters(String text) {
        return text != null
                && SD_PARAMETERS
                        .matcher(text.length() > 65536 ? text.substring(0, 65536) : text)
                        .find();
    }

    /** Traces carried by a keyword/text pair (PNG text chunk or JPEG COM). */
    static List<GeneratorTrace> fromText(Carriers.Text t) {
        List<GeneratorTrace> out = new ArrayList<>();
        String k = t.keyword().toLowerCase(Locale.ROOT);
        String text = t.text().strip();
        switch (k) {
            case "parameters" ->
                out.add(new GeneratorTrace(
                        t.where(),
                        "Stable Diffusion web UI generation parameters (AUTOMATIC1111/Forge/SD.Next style)"));
            case "prompt", "workflow" -> {
                if (text.startsWith("{")) {
                    out.add(new GeneratorTrace(t.where(), "ComfyUI " + k + " graph"));
                }
            }
            case "invokeai_metadata", "invokeai_graph", "sd-metadata", "dream" ->
                out.add(new GeneratorTrace(t.where(), "InvokeAI generation metadata"));
            case "hf-job-id" ->
                out.add(new GeneratorTrace(
                        t.where(), "Hugging Face job id (an image made by a hosted job; names no model)"));
            case "software", "source", "creator", "generator" -> {
                String n = name(text);
                if (n != null) {
                    out.add(new GeneratorTrace(t.where(), t.keyword() + " names " + n));
                }
            }
            default -> {
                if (looksLikeSdParameters(text)) {
                    out.add(new GeneratorTrace(t.where(), "Stable Diffusion generation parameters"));
                }
            }
        }
        return out;
    }
}
