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
 * led by a "jumd" description carrying the label) and decodes the CBOR of the claim, the
 * actions and the training-mining assertions. Signatures are not validated.
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

    private String claimGenerator;
    private String digitalSourceType;
    private final List<C2paInfo.TrainingMining> trainingMining = new ArrayList<>();
    private boolean c2pa;
    private int boxes;

    private C2paStore() {}

    static C2paInfo read(Carriers.Jumbf store, List<String> warnings) {
        if (store.bytes() == null) {
            warnings.add(store.where() + ": C2PA store of " + store.size()
                    + " bytes is over the metadata limit; presence noted, content not read");
            return new C2paInfo(store.where(), store.size(), false, null, null, List.of());
        }
        byte[] b = store.bytes();
        C2paStore s = new C2paStore();
        try {
            s.walk(b, 0, b.length, 0, "");
            if (!s.c2pa) {
                warnings.add(store.where() + ": JUMBF box without a c2pa label");
            }
            return new C2paInfo(store.where(), b.length, true, s.claimGenerator, s.digitalSourceType, s.trainingMining);
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
                    tm);
        }
    }

    private void walk(byte[] b, int from, int end, int depth, String label) throws Cbor.Malformed {
        if (depth > DEPTH_MAX) {
            throw new Cbor.Malformed("JUMBF nested deeper than " + DEPTH_MAX);
        }
        int pos = from;
        String currentLabel = label;
        boolean firstChild = true;
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
            switch (type) {
                case "jumb" -> walk(b, dataFrom, dataEnd, depth + 1, currentLabel);
                case "jumd" -> {
                    if (firstChild) {
                        currentLabel = description(b, dataFrom, dataEnd);
                        c2pa |= currentLabel.equals("c2pa");
                    }
                }
                case "cbor" -> content(Cbor.decode(b, dataFrom, dataEnd), currentLabel);
                case "json" -> json(new String(b, dataFrom, dataEnd - dataFrom, StandardCharsets.UTF_8), currentLabel);
                default -> {}
            }
            firstChild = false;
            pos = dataEnd;
        }
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

    private void content(Object cbor, String label) {
        if (!(cbor instanceof Map<?, ?> map)) {
            return;
        }
        if (label.startsWith("c2pa.claim")) {
            if (map.get("claim_generator") instanceof String g) {
                claimGenerator = g;
            } else {
                List<String> names = new ArrayList<>();
                Object info = map.get("claim_generator_info");
                for (Object o : info instanceof List<?> l ? l : info == null ? List.of() : List.of(info)) {
                    if (o instanceof Map<?, ?> m && m.get("name") instanceof String n) {
                        names.add(m.get("version") instanceof String v ? n + " " + v : n);
                    }
                }
                if (!names.isEmpty()) {
                    claimGenerator = String.join(", ", names);
                }
            }
        } else if (label.startsWith("c2pa.actions")) {
            if (map.get("actions") instanceof List<?> actions) {
                for (Object a : actions) {
                    if (a instanceof Map<?, ?> am
                            && am.get("digitalSourceType") instanceof String d
                            && digitalSourceType == null) {
                        digitalSourceType = d;
                    }
                }
            }
        } else if (isTrainingMining(label)) {
            Map<String, String> uses = new LinkedHashMap<>();
            if (map.get("entries") instanceof Map<?, ?> entries) {
                for (Map.Entry<?, ?> e : entries.entrySet()) {
                    if (e.getValue() instanceof Map<?, ?> v && v.get("use") instanceof String use) {
                        uses.put(String.valueOf(e.getKey()), use);
                    }
                }
            }
            trainingMining.add(new C2paInfo.TrainingMining(label, uses));
        }
    }

    private static final Pattern JSON_USE =
            Pattern.compile("\"([A-Za-z0-9_.\\-]{1,100})\"\\s*:\\s*\\{\\s*\"use\"\\s*:\\s*\"([A-Za-z]{1,40})\"");

    /** Older stores carry training-mining as JSON; scan it instead of parsing a full document. */
    private void json(String text, String label) {
        if (!isTrainingMining(label)) {
            return;
        }
        Map<String, String> uses = new LinkedHashMap<>();
        Matcher m = JSON_USE.matcher(text);
        while (m.find() && uses.size() < 100) {
            uses.put(m.group(1), m.group(2));
        }
        trainingMining.add(new C2paInfo.TrainingMining(label, uses));
    }

    private static boolean isTrainingMining(String label) {
        return label.startsWith("c2pa.training-mining") || label.startsWith("cawg.training-mining");
    }
}
