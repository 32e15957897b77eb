package io.redline.media;

import java.util.zip.CRC32;

/**
 * Pictures with Content Credentials for the server's tests (the media engine's test helpers are
 * package-private, so this lives in their package).
 */
public final class CredentialFixtures {
    private CredentialFixtures() {}

    /**
     * A 64×48 PNG whose credential declares a camera capture ({@code digitalCapture}): an unsigned
     * capture manifest as the parent, then the visible label drawn on it and signed by {@code ca}
     * (our new manifest carries the parent's source type on {@code c2pa.opened}).
     */
    public static byte[] signedCapture(TestCa ca) throws Exception {
        byte[] capture = TestFiles.pngWith(
                TestFiles.png(64, 48),
                TestFiles.chunk(
                        "caBX",
                        TestFiles.c2paStore(
                                "Camera/1.0",
                                "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture",
                                null,
                                null)));
        return ExplicitLabel.render(
                capture,
                "cam",
                ExplicitLabel.Corner.TOP_LEFT,
                MediaLimits.defaults(),
                new Provenance.Sign(ca.signer()));
    }

    /** The file with one byte of its first IDAT chunk's data flipped and the chunk's CRC made to match again. */
    public static byte[] tamperedPng(byte[] png) {
        byte[] out = png.clone();
        int type = indexOf(out, "IDAT");
        int length = (int) Bytes.u32be(out, type - 4);
        out[type + 4 + length / 2] ^= 0x01;
        CRC32 crc = new CRC32();
        crc.update(out, type, 4 + length);
        TestFiles.putU32be(out, type + 4 + length, crc.getValue());
        return out;
    }

    /** A real Photoshop export whose credential declares AI compositing (c2pa-rs's ocsp.jpg). */
    public static byte[] photoshopAiComposite() {
        return C2paRealFilesTest.resource("ocsp.jpg");
    }

    /** The credential's validation as our reader sees it with {@code trust}. */
    public static C2paValidation validation(byte[] file, C2paTrust trust) throws MediaFormatException {
        return MediaInspector.inspect(file, MediaLimits.defaults(), trust)
                .c2pa()
                .validation();
    }

    private static int indexOf(byte[] b, String ascii) {
        return C2paRealFilesTest.indexOf(b, ascii);
    }
}
