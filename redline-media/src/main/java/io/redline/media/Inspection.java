package io.redline.media;

import io.redline.vocabulary.AiMark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a file says about its origin. When {@code readable} is false only {@code problem} (and
 * possibly {@code format}) is meaningful; see {@link MediaInspector#inspectOrUnreadable}.
 *
 * @param format the container, or null when unknown
 * @param width declared width in pixels (0 when unreadable)
 * @param height declared height in pixels (0 when unreadable)
 * @param aigc the implicit label, or null when none was found or readable
 * @param c2pa the first C2PA manifest store found (its active manifest, ingredients and
 *     validation), or null
 * @param iptcDigitalSourceType Iptc4xmpExt:DigitalSourceType from XMP, or null
 * @param generatorTraces traces of generation tools (never null)
 * @param mark the mark for this file without an author declaration; recompute with
 *     {@link AiMarking#decide} or {@link #withAuthorDeclaration}
 * @param evidence human-readable sentences saying which signal was found where
 * @param warnings metadata that was present but skipped (malformed, over limits)
 * @param readable false when the file could not be parsed as a whole
 * @param problem why it could not be parsed, or null
 */
public record Inspection(
        MediaFormat format,
        int width,
        int height,
        AigcLabel aigc,
        C2paInfo c2pa,
        String iptcDigitalSourceType,
        List<GeneratorTrace> generatorTraces,
        AiMark mark,
        List<String> evidence,
        List<String> warnings,
        boolean readable,
        String problem) {

    public Inspection {
        generatorTraces = List.copyOf(generatorTraces);
        evidence = List.copyOf(evidence);
        warnings = List.copyOf(warnings);
    }

    /** A file we could not parse: no signals, mark NONE (POSSIBLE once the author declares). */
    public static Inspection unreadable(MediaFormat format, String problem) {
        return new Inspection(
                format, 0, 0, null, null, null, List.of(), AiMark.NONE, List.of(), List.of(), false, problem);
    }

    /** This inspection with the mark recomputed for the author's declaration. */
    public Inspection withAuthorDeclaration(boolean declared) {
        Inspection base = withMark(AiMark.NONE);
        AiMark m = AiMarking.decide(base, declared);
        Inspection out = base.withMark(m);
        if (declared) {
            List<String> ev = new ArrayList<>(evidence);
            ev.add("author declared the content AI-generated");
            out = new Inspection(
                    format,
                    width,
                    height,
                    aigc,
                    c2pa,
                    iptcDigitalSourceType,
                    generatorTraces,
                    m,
                    ev,
                    warnings,
                    readable,
                    problem);
        }
        return out;
    }

    /**
     * A plain map for JSON output (CLI {@code --format json}, HTTP), keys in a stable order; the
     * label appears under "aigc" with the standard seven keys ("Label", "ContentProducer", …).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("readable", readable);
        if (problem != null) {
            m.put("problem", problem);
        }
        m.put("format", format == null ? null : format.name().toLowerCase(java.util.Locale.ROOT));
        m.put("width", width);
        m.put("height", height);
        m.put("mark", mark.name().toLowerCase(java.util.Locale.ROOT));
        m.put("aigc", aigc == null ? null : aigc.fields());
        if (c2pa == null) {
            m.put("c2pa", null);
        } else {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("where", c2pa.where());
            c.put("storeBytes", c2pa.storeBytes());
            c.put("parsed", c2pa.parsed());
            c.put("claimGenerator", c2pa.claimGenerator());
            c.put("digitalSourceType", c2pa.digitalSourceType());
            List<Map<String, Object>> tm = new ArrayList<>();
            for (C2paInfo.TrainingMining t : c2pa.trainingMining()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("label", t.label());
                e.put("uses", new java.util.TreeMap<>(t.uses()));
                tm.add(e);
            }
            c.put("trainingMining", tm);
            c.put("activeManifest", c2pa.activeManifest());
            List<Map<String, Object>> ingredients = new ArrayList<>();
            for (C2paInfo.Ingredient i : c2pa.ingredients()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("manifest", i.manifest());
                e.put("claimGenerator", i.claimGenerator());
                e.put("digitalSourceType", i.digitalSourceType());
                ingredients.add(e);
            }
            c.put("ingredients", ingredients);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("status", c2pa.validation().status().name().toLowerCase(java.util.Locale.ROOT));
            v.put("signer", c2pa.validation().signer());
            v.put("algorithm", c2pa.validation().algorithm());
            v.put("findings", c2pa.validation().findings());
            v.put(
                    "signedAt",
                    c2pa.validation().signedAt() == null
                            ? null
                            : c2pa.validation().signedAt().toString());
            v.put("signedAtSource", c2pa.validation().signedAtSource());
            c.put("validation", v);
            m.put("c2pa", c);
        }
        m.put("iptcDigitalSourceType", iptcDigitalSourceType);
        List<Map<String, Object>> traces = new ArrayList<>();
        for (GeneratorTrace t : generatorTraces) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("where", t.where());
            e.put("generator", t.generator());
            traces.add(e);
        }
        m.put("generatorTraces", traces);
        m.put("evidence", evidence);
        m.put("warnings", warnings);
        return m;
    }

    Inspection withMark(AiMark m) {
        return new Inspection(
                format,
                width,
                height,
                aigc,
                c2pa,
                iptcDigitalSourceType,
                generatorTraces,
                m,
                evidence,
                warnings,
                readable,
                problem);
    }
}
