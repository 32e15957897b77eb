package io.redline.vocabulary;

import java.util.List;

/**
 * The names detectors give their hits ({@code Hit.detector()} in the text engine), which policies
 * may name in {@code detector:} filters. The text engine's {@code Detector} enum plus the lexicon
 * plus {@link #PICTURES} must be exactly these; a test in the decision capability pins that they agree.
 */
public final class DetectorIds {
    public static final String LEXICON = "lexicon";
    public static final String PHONE = "phone";
    public static final String WECHAT = "wechat";
    public static final String QQ = "qq";
    public static final String URL = "url";
    public static final String EMAIL = "email";
    public static final String SHOP_TOKEN = "shop_token";
    public static final String ID_CARD = "id_card";
    public static final String BANK_CARD = "bank_card";
    /** A QR code or barcode in a picture; its term is the code's kind, e.g. {@code wechat_personal}. */
    public static final String QR_CODE = "qr_code";
    /**
     * A picture whose text could not be read (OCR not installed here): a policy sees it so such a
     * picture is never taken for a clean one.
     */
    public static final String IMAGE_NOT_SCANNED = "image_not_scanned";

    /** The ids only pictures produce (the text engine's hits inside pictures use the ids above). */
    public static final List<String> PICTURES = List.of(QR_CODE, IMAGE_NOT_SCANNED);

    /** Every id, in the order policies number them (a policy's detector bit set depends on it). */
    public static final List<String> ALL =
            List.of(LEXICON, PHONE, WECHAT, QQ, URL, EMAIL, SHOP_TOKEN, ID_CARD, BANK_CARD, QR_CODE, IMAGE_NOT_SCANNED);

    private DetectorIds() {}

    /** Index in {@link #ALL}, or -1 for an unknown id. */
    public static int indexOf(String id) {
        return ALL.indexOf(id);
    }
}
