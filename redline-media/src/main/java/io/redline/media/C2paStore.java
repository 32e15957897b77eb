package io.redline.media;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks a C2PA JUMBF store (ISO 19566-5 boxes: LBox, TBox, optional XLBox; superbox "jumb"
 * led by a "jumd" description carrying the label) into its manifests, decodes the CBOR of
 * each claim and of the assertions we read, and takes the last manifest as the active one
 * (C2PA 2.x §11.1: a store's active manifest is its last). Validation is {@link C2paValidator}'s.
 */
final class C2paStore {

    static final int DEPTH_MAX = 16;
    static final int BOXES_MAX = 10_000;
    /**
     * IPTC digital source type codes, longest first: raw CBOR gives no word boundary after a
     * string (the next item's header byte may be a letter), so the fallback scan matches the
     * known vocabulary instead of "any letters".
     */
    private static final Pattern DST = Pattern.compile("digitalsourcetype/("
            + "compositeWithTrainedAlgorithmicMedia|algorithmicallyEnhanced|trainedAlgorithmicMedia"
            + "|computationalCapture|compositeSynthetic|algorithmicMedia|virtualRecording"
            + "|dataDrivenMedia|minorHumanEdits|compositeCapture|digitalCreation|digitalCapture"
            + "|screenCapture|negativeFilm|positiveFilm|softwareImage|humanEdits|digitalArt"
            + "|composite|print)");

    /**
     * One box. For a superbox ("jumb") {@code label} is its description's label and
     * {@code children} its boxes after the description; {@code payloadFrom} is where its
     * payload (description included) starts, which is what C2PA hashes for an assertion.
     */
    record Box(String type, int start, int payloadFrom, int end, String label, List<Box> children) {
        Box child(String wanted) {
            for (Box c : children) {
                if (c.type.equals("jumb") && c.label.equals(wanted)) {
                    return c;
                }
            }
            return null;
        }

        Box content(String wantedType) {
            for (Box c : children) {
                if (c.type.equals(wantedType)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** One manifest: its superbox, its claim box and what we read from its assertions. */
    record Manifest(
            Box box,
            Box claim,
            Map<?, ?> claimMap,
            String claimGenerator,
            String digitalSourceType,
            List<C2paInfo.TrainingMining> trainingMining) {}

    /** A store's root superbox (null when there is none) and its manifests, in store order. */
    record Parsed(Box root, List<Manifest> manifests) {}

    private final byte[] b;
    private int boxes;

    /** Walks a store's boxes and decodes its manifests; the last manifest is the active one. */
    static Parsed parse(byte[] b) throws Cbor.Malformed {
        C2paStore s = new C2paStore(b);
        List<Box> top = s.walk(0, b.length, 0);
        Box root = top.stream().filter(x -> x.type.equals("jumb")).findFirst().orElse(null);
        List<Manifest> manifests = new ArrayList<>();
        if (root != null) {
            for (Box m : root.children) {
                if (m.type.equals("jumb")) {
                    manifests.add(s.manifest(m));
                }
            }
        }
        return new Parsed(root, manifests);
    }

    private C2paStore(byte[] b) {
        this.b = b;
    }

    static C2paInfo read(Carriers.Jumbf store, byte[] file, C2paTrust trust, List<String> warnings) {
        if (store.bytes() == null) {
            warnings.add(store.where() + ": C2PA store of " + store.size()
                    + " bytes is over the C2PA store limit; presence noted, content not read");
            return new C2paInfo(
                    store.where(),
                    store.size(),
                    false,
                    null,
                    null,
                    List.of(),
                    null,
                    List.of(),
                    C2paValidation.of(
                            C2paValidation.Status.UNVERIFIABLE, List.of("the store is over the C2PA store limit")));
        }
        byte[] b = store.bytes();
        try {
            Parsed parsed = parse(b);
            if (parsed.root() == null || !parsed.root().label.equals("c2pa")) {
                warnings.add(store.where() + ": JUMBF box without a c2pa label");
            }
            List<Manifest> manifests = parsed.manifests();
            if (manifests.isEmpty()) {
                return new C2paInfo(
                        store.where(),
                        b.length,
                        true,
                        null,
                        null,
                        List.of(),
                        null,
                        List.of(),
                        C2paValidation.of(C2paValidation.Status.UNSIGNED, List.of("the store holds no manifest")));
            }
            Manifest active = manifests.getLast();
            List<C2paInfo.Ingredient> ingredients = new ArrayList<>();
            for (Manifest m : manifests.subList(0, manifests.size() - 1)) {
                ingredients.add(new C2paInfo.Ingredient(m.box.label, m.claimGenerator, m.digitalSourceType));
            }
            C2paValidation validation = C2paValidator.validate(b, active, file, store, trust);
            return new C2paInfo(
                    store.where(),
                    b.length,
                    true,
                    active.claimGenerator,
                    active.digitalSourceType,
                    active.trainingMining,
                    active.box.label,
                    ingredients,
                    validation);
        } catch (Cbor.Malformed e) {
            warnings.add(store.where() + ": C2PA store could not be decoded (" + e.getMessage()
                    + "); fell back to a byte scan");
            String text = new String(b, StandardCharsets.ISO_8859_1);
            Matcher m = DST.matcher(text);
            String dst = m.find() ? m.group(1) : null;
            List<C2paInfo.TrainingMining> tm = new ArrayList<>();
            for (String label : List.of("c2pa.training-mining", "cawg.training-mining")) {
                if (text.contains(label)) {
                    tm.add(new C2paInfo.TrainingMining(label, Map.of()));
                }
            }
            return new C2paInfo(
                    store.where(),
                    b.length,
                    false,
                    null,
                    dst == null ? null : "http://cv.iptc.org/newscodes/digitalsourcetype/" + dst,
                    tm,
                    null,
                    List.of(),
                    C2paValidation.of(
                            C2paValidation.Status.UNVERIFIABLE,
                            List.of("the store could not be decoded: " + e.getMessage())));
        }
    }

    private List<Box> walk(int from, int end, int depth) throws Cbor.Malformed {
        if (depth > DEPTH_MAX) {
            throw new Cbor.Malformed("JUMBF nested deeper than " + DEPTH_MAX);
        }
        List<Box> out = new ArrayList<>();
        int pos = from;
        while (pos < end) {
            if (++boxes > BOXES_MAX) {
                throw new Cbor.Malformed("JUMBF has more than " + BOXES_MAX + " boxes");
            }
            if (end - pos < 8) {
                throw new Cbor.Malformed("JUMBF box header truncated at " + pos);
            }
            long lbox = Bytes.u32be(b, pos);
            String type = Bytes.fourcc(b, pos + 4);
            int header = 8;
            long size;
            if (lbox == 1) {
                if (end - pos < 16) {
                    throw new Cbor.Malformed("JUMBF XLBox truncated at " + pos);
                }
                size = (Bytes.u32be(b, pos + 8) << 32) | Bytes.u32be(b, pos + 12);
                header = 16;
            } else if (lbox == 0) {
                size = end - pos;
            } else {
                size = lbox;
            }
            if (size < header || size > end - pos) {
                throw new Cbor.Malformed("JUMBF box '" + type + "' at " + pos + " declares " + size + " bytes, "
                        + (end - pos) + " remain");
            }
            int dataFrom = pos + header;
            int dataEnd = pos + (int) size;
            if (type.equals("jumb")) {
                List<Box> inner = walk(dataFrom, dataEnd, depth + 1);
                String label = "";
                if (!inner.isEmpty() && inner.getFirst().type.equals("jumd")) {
                    Box d = inner.removeFirst();
                    label = description(b, d.payloadFrom, d.end);
                }
                out.add(new Box(type, pos, dataFrom, dataEnd, label, inner));
            } else {
                out.add(new Box(type, pos, dataFrom, dataEnd, "", List.of()));
            }
            pos = dataEnd;
        }
        return out;
    }

    /** Label of a description box: UUID(16), toggles(1), then a NUL-terminated label if flagged. */
    private static String description(byte[] b, int from, int end) throws Cbor.Malformed {
        if (end - from < 17) {
            throw new Cbor.Malformed("JUMBF description box too short");
        }
        if ((b[from + 16] & 0x02) == 0) {
            return "";
        }
        int nul = Bytes.indexOfZero(b, from + 17, end);
        int stop = nul < 0 ? end : nul;
        return new String(b, from + 17, stop - from - 17, StandardCharsets.UTF_8);
    }

    private Manifest manifest(Box m) throws Cbor.Malformed {
        Box claim = null;
        for (Box c : m.children) {
            if (c.type.equals("jumb") && c.label.startsWith("c2pa.claim")) {
                claim = c;
            }
        }
        Map<?, ?> claimMap = null;
        String generator = null;
        if (claim != null
                && claim.content("cbor") instanceof Box cb
                && Cbor.decode(b, cb.payloadFrom, cb.end) instanceof Map<?, ?> map) {
            claimMap = map;
            generator = claimGenerator(map);
        }
        String dst = null;
        List<C2paInfo.TrainingMining> tm = new ArrayList<>();
        Box assertions = m.child("c2pa.assertions");
        for (Box a : assertions == null ? List.<Box>of() : assertions.children) {
            if (!a.type.equals("jumb")) {
                continue;
            }
            if (a.label.startsWith("c2pa.actions") && a.content("cbor") instanceof Box cb) {
                if (dst == null && Cbor.decode(b, cb.payloadFrom, cb.end) instanceof Map<?, ?> map) {
                    dst = firstSourceType(map);
                }
            } else if (isTrainingMining(a.label)) {
                if (a.content("cbor") instanceof Box cb) {
                    tm.add(trainingMining(a.label, Cbor.decode(b, cb.payloadFrom, cb.end)));
                } else if (a.content("json") instanceof Box jb) {
                    tm.add(trainingMiningJson(
                            a.label, new String(b, jb.payloadFrom, jb.end - jb.payloadFrom, StandardCharsets.UTF_8)));
                }
            }
        }
        return new Manifest(m, claim, claimMap, generator, dst, tm);
    }

    private static String claimGenerator(Map<?, ?> map) {
        if (map.get("claim_generator") instanceof String g) {
            return g;
        }
        List<String> names = new ArrayList<>();
        Object info = map.get("claim_generator_info");
        for (Object o : info instanceof List<?> l ? l : info == null ? List.of() : List.of(info)) {
            if (o instanceof Map<?, ?> m && m.get("name") instanceof String n) {
                names.add(m.get("version") instanceof String v ? n + " " + v : n);
            }
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    private static String firstSourceType(Map<?, ?> map) {
        if (map.get("actions") instanceof List<?> actions) {
            for (Object a : actions) {
                if (a instanceof Map<?, ?> am && am.get("digitalSourceType") instanceof String d) {
                    return d;
                }
            }
        }
        return null;
    }

    private static C2paInfo.TrainingMining trainingMining(String label, Object cbor) {
        Map<String, String> uses = new LinkedHashMap<>();
        if (cbor instanceof Map<?, ?> map && map.get("entries") instanceof Map<?, ?> entries) {
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> v && v.get("use") instanceof String use) {
                    uses.put(String.valueOf(e.getKey()), use);
                }
            }
        }
        return new C2paInfo.TrainingMining(label, uses);
    }

    private static final Pattern JSON_USE =
            Pattern.compile("\"([A-Za-z0-9_.\\-]{1,100})\"\\s*:\\s*\\{\\s*\"use\"\\s*:\\s*\"([A-Za-z]{1,40})\"");

    /** Older stores carry training-mining as JSON; scan it instead of parsing a full document. */
    private static C2paInfo.TrainingMining trainingMiningJson(String label, String text) {
        Map<String, String> uses = new LinkedHashMap<>();
        Matcher m = JSON_USE.matcher(text);
        while (m.find() && uses.size() < 100) {
            uses.put(m.group(1), m.group(2));
        }
        return new C2paInfo.TrainingMining(label, uses);
    }

    private static boolean isTrainingMining(String label) {
        return label.startsWith("c2pa.training-mining") || label.startsWith("cawg.training-mining");
    }
}
