package io.redline.intake;

import static io.redline.intake.IntakeTest.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.audit.AuditEntry;
import io.redline.audit.AuditLog;
import io.redline.audit.AuditQuery;
import io.redline.media.AigcLabel;
import io.redline.media.ImplicitLabelWriter;
import io.redline.media.Inspection;
import io.redline.media.MediaInspector;
import io.redline.media.MediaLimits;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The platform's labelling duties on intake: read labels, mark, propagate, audit. */
class ImageIntakeTest {

    static byte[] png(int rgb) throws Exception {
        BufferedImage img = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 20; x++) img.setRGB(x, 5, rgb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    record Setup(Database db, Intake intake, AuditLog audit) {}

    static Setup setup(Database db) {
        db.migrate("intake");
        AuditLog audit = AuditLog.open(db);
        return new Setup(
                db,
                new Intake(
                        db,
                        new GroupCommit(db, 100, 16),
                        IntakeLimits.defaults(),
                        Clock.systemUTC(),
                        new Ids(2),
                        IntakeTest.labelling(),
                        audit),
                audit);
    }

    static Submission note(boolean declared) {
        return new Submission("note", "alice", null, "AI 画的猫", "新模型画的", List.of(), List.of(), declared);
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aLabelledUploadIsConfirmedAndTheStoredCopyCarriesThePlatformsPropagationFields(Supplier<Database> factory)
            throws Exception {
        try (Database db = factory.get()) {
            Setup s = setup(db);
            byte[] generated = ImplicitLabelWriter.write(
                    png(0x112233), AigcLabel.produced(AigcLabel.Kind.AI_GENERATED, "acme-gen", "job-9"));
            Receipt r = s.intake().submit(SERVICE, note(false), List.of(new ImageUpload("cat.png", generated)), null);
            Content c = s.intake().find(r.content().id()).orElseThrow();
            assertThat(c.aiMark()).isEqualTo("confirmed");
            assertThat(c.uploaded()).singleElement().satisfies(img -> {
                assertThat(img.aiMark()).isEqualTo("confirmed");
                assertThat(img.evidence()).isNotEmpty();
                assertThat(img.aigc())
                        .containsEntry("ContentProducer", "acme-gen")
                        .containsEntry("ContentPropagator", "test-platform")
                        .containsEntry("PropagateID", Long.toString(c.id()));
            });
            byte[] stored = s.intake().image(SERVICE, c.id(), 0).orElseThrow().bytes();
            Inspection reread = MediaInspector.inspect(stored, MediaLimits.defaults());
            assertThat(reread.aigc().contentProducer()).isEqualTo("acme-gen");
            assertThat(reread.aigc().produceId()).isEqualTo("job-9");
            assertThat(reread.aigc().contentPropagator()).isEqualTo("test-platform");
            assertThat(reread.aigc().propagateId()).isEqualTo(Long.toString(c.id()));
            // the pixels are the author's, untouched
            assertThat(raster(stored)).isEqualTo(raster(generated));

            List<AuditEntry> labels = s.audit().search(AuditQuery.latest().withActionPrefix("content.label"));
            assertThat(labels).singleElement().satisfies(e -> {
                assertThat(e.event().target().id()).isEqualTo(Long.toString(c.id()));
                assertThat(e.event().detailsJson()).contains("\"mark\":\"confirmed\"");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void declarationsAndUnlabelledImagesGiveTheirMarks(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get()) {
            Setup s = setup(db);
            Content declared = s.intake().submit(SERVICE, note(true), null).content();
            assertThat(declared.aiDeclared()).isTrue();
            assertThat(s.intake().find(declared.id()).orElseThrow().aiMark()).isEqualTo("possible");

            Content plain = s.intake()
                    .submit(SERVICE, note(false), List.of(new ImageUpload("p.png", png(0x445566))), null)
                    .content();
            Content back = s.intake().find(plain.id()).orElseThrow();
            assertThat(back.aiMark()).isEqualTo("none");
            assertThat(back.uploaded())
                    .singleElement()
                    .satisfies(i -> assertThat(i.aigc()).isNull());
            // an unlabelled, undeclared image is stored byte for byte
            assertThat(s.intake().image(SERVICE, plain.id(), 0).orElseThrow().bytes())
                    .isEqualTo(png(0x445566));
            assertThat(s.intake().image(IntakeTest.ALICE, plain.id(), 0)).isPresent();
            assertThat(s.intake()
                            .image(
                                    new io.redline.identity.Principal(
                                            "t", io.redline.identity.Role.CREATOR, "bob", "b"),
                                    plain.id(),
                                    0))
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void badUploadsAreFieldErrorsAndReplaysMustCarryTheSameBytes(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get()) {
            Setup s = setup(db);
            assertThatThrownBy(() -> s.intake()
                            .submit(
                                    SERVICE,
                                    note(false),
                                    List.of(new ImageUpload("x.png", "not an image".getBytes())),
                                    null))
                    .isInstanceOfSatisfying(
                            IntakeException.Invalid.class,
                            e -> assertThat(e.errors())
                                    .extracting(FieldError::field)
                                    .containsExactly("uploads[0]"));
            assertThatThrownBy(() -> s.intake()
                            .submit(
                                    SERVICE,
                                    new Submission("comment", "a", null, null, "hi", null, null),
                                    List.of(new ImageUpload("x.png", png(1))),
                                    null))
                    .isInstanceOf(IntakeException.Invalid.class);
            assertThat(s.intake().count()).isZero();

            s.intake().submit(SERVICE, note(false), List.of(new ImageUpload("a.png", png(0x010101))), "k");
            assertThat(s.intake()
                            .submit(SERVICE, note(false), List.of(new ImageUpload("a.png", png(0x010101))), "k")
                            .replayed())
                    .isTrue();
            assertThatThrownBy(() -> s.intake()
                            .submit(SERVICE, note(false), List.of(new ImageUpload("a.png", png(0x020202))), "k"))
                    .isInstanceOf(IntakeException.Conflict.class);
            assertThat(s.intake().count()).isEqualTo(1);
        }
    }

    static int[] raster(byte[] png) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
