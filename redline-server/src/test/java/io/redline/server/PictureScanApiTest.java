package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.redline.identity.Role;
import io.redline.store.SystemPackages;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** What pictures show, over real HTTP: {@code /v1/media/inspect}'s scan, {@code /readyz}, and a note's decision. */
public class PictureScanApiTest extends SharedServerTest {

    /** A 1080×1440 note picture: a WeChat contact code bottom right, a phone number written top left. */
    public static byte[] notePicture() throws Exception {
        return notePicture("https://u.wechat.com/MDx7a9Kq-3fZ1mQ");
    }

    /** The same picture with another code in it. */
    public static byte[] notePicture(String codePayload) throws Exception {
        SystemPackages.require("fonts-noto-cjk");
        BufferedImage img = new BufferedImage(1080, 1440, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(250, 228, 200), 1080, 1440, new Color(170, 200, 235)));
        g.fillRect(0, 0, 1080, 1440);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font("Noto Sans CJK SC", Font.PLAIN, 64));
        g.setColor(new Color(30, 30, 30));
        g.drawString("电话 13800138000", 100, 300);
        g.dispose();
        BitMatrix m = new QRCodeWriter()
                .encode(codePayload, BarcodeFormat.QR_CODE, 300, 300, Map.of(EncodeHintType.MARGIN, 2));
        for (int y = 0; y < m.getHeight(); y++)
            for (int x = 0; x < m.getWidth(); x++) img.setRGB(700 + x, 1050 + y, m.get(x, y) ? 0 : 0xFFFFFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    @Test
    void inspectAnswersWithTheCodesTheTextAndTheHitsInIt() throws Exception {
        HttpResponse<String> r = server.send(
                "POST",
                "/v1/media/inspect",
                server.tokens.get(Role.CREATOR),
                notePicture(),
                Map.of("Content-Type", "image/jpeg"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode scan = TestServer.json(r).path("scan");
        assertThat(scan.path("codes")).hasSize(1);
        JsonNode code = scan.path("codes").get(0);
        assertThat(code.path("kind").asText()).isEqualTo("wechat_personal");
        assertThat(code.path("box").get(0).asInt()).isBetween(690, 730);
        assertThat(code.path("box").get(1).asInt()).isBetween(1040, 1080);
        assertThat(scan.path("text").asText()).contains("13800138000");
        JsonNode phone = null;
        for (JsonNode h : scan.path("hits")) if (h.path("detector").asText().equals("phone")) phone = h;
        assertThat(phone).as(scan.toString()).isNotNull();
        assertThat(phone.path("category").asText()).isEqualTo("drainage");
        assertThat(phone.path("box").get(1).asInt()).isBetween(230, 320);
        assertThat(phone.path("confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(scan.has("notScanned")).isFalse();
    }

    @Test
    void readinessSaysWhetherTextInPicturesIsRead() {
        JsonNode ready = TestServer.json(server.get("/readyz", Role.ADMIN));
        assertThat(ready.path("pictures").path("text").asText()).isEqualTo("read");
        assertThat(ready.path("pictures").path("detail").asText())
                .contains("Tesseract")
                .contains("chi_sim+eng");
    }

    @Test
    void aNoteWithAContactCodeInItsPictureIsBlockedWithTheBoxAsEvidence() throws Exception {
        String boundary = "----redline" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\n"
                        + "{\"surface\":\"note\",\"authorId\":\"alice\",\"title\":\"穿搭\",\"text\":\"今天的穿搭分享\"}\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\"last.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(notePicture());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = server.send(
                "POST",
                "/v1/contents?wait=true",
                server.tokens.get(Role.SERVICE),
                body.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        JsonNode decision = TestServer.json(r).path("decision");
        assertThat(decision.path("action").asText()).as(r.body()).isEqualTo("block");
        assertThat(decision.path("ruleId").asText()).isEqualTo("drainage-image-code-block");
        JsonNode code = null;
        for (JsonNode e : decision.path("evidence"))
            if (e.path("detector").asText().equals("qr_code")) code = e;
        assertThat(code).as(r.body()).isNotNull();
        assertThat(code.path("kind").asText()).isEqualTo("image");
        assertThat(code.path("field").asText()).isEqualTo("images[0]");
        assertThat(code.path("term").asText()).isEqualTo("wechat_personal");
        assertThat(code.path("decisive").asBoolean()).isTrue();
        assertThat(code.path("box")).hasSize(4);
        // The phone number written on the same picture is evidence too, with its words' box.
        assertThat(decision.path("evidence").toString()).contains("\"detector\":\"phone\"");
    }
}
