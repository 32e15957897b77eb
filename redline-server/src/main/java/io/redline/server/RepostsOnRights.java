package io.redline.server;

import io.redline.decision.Reposts;
import io.redline.intake.Content;
import io.redline.intake.ContentImage;
import io.redline.intake.ImageFiles;
import io.redline.rights.consent.CopyLink;
import io.redline.rights.copies.CopyRegister;
import io.redline.rights.image.Luma;
import io.redline.rights.image.Pdq;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision capability's {@link Reposts} port on the rights capability's {@link CopyRegister}:
 * intake's contents become the register's items (title and text; uploaded pictures decoded from
 * their stored copies and hashed with PDQ), and its links become the {@code suspectedRepost}
 * fact. Every use the decision path makes of rights is in this class.
 */
final class RepostsOnRights implements Reposts {
    private static final Logger log = LoggerFactory.getLogger(RepostsOnRights.class);

    private final CopyRegister register;
    private final ImageFiles files;

    RepostsOnRights(CopyRegister register, ImageFiles files) {
        this.register = register;
        this.files = files;
    }

    @Override
    public Found find(List<Content> items) {
        List<CopyRegister.Item> asked = new ArrayList<>(items.size());
        for (Content c : items) asked.add(item(c));
        CopyRegister.Lookup lookup = register.lookUp(asked);
        Map<Long, Repost> reposts = new HashMap<>();
        lookup.found()
                .forEach((id, f) -> reposts.put(
                        id, new Repost(id, f.original().id(), f.original().similarity())));
        return new Found(reposts, (h, stored) -> register.record(h, lookup, stored));
    }

    @Override
    public Map<Long, Repost> linked(Collection<Long> contentIds) {
        Map<Long, Repost> out = new HashMap<>();
        List<String> ids = contentIds.stream().map(String::valueOf).toList();
        for (int from = 0; from < ids.size(); from += 1_000) {
            for (CopyLink l : register.consent()
                    .copiesAmong(ids.subList(from, Math.min(ids.size(), from + 1_000)))
                    .values()) {
                long id = Long.parseLong(l.itemId());
                out.put(id, new Repost(id, l.originalId(), l.similarity()));
            }
        }
        return out;
    }

    CopyRegister.Item item(Content c) {
        String text = c.title() == null || c.title().isEmpty() ? c.text() : c.title() + "\n" + c.text();
        List<CopyRegister.Picture> pictures = new ArrayList<>();
        for (ContentImage image : c.uploaded()) {
            CopyRegister.Picture p = picture(image);
            if (p != null) pictures.add(p);
        }
        return new CopyRegister.Item(c.id(), c.authorId(), text, pictures);
    }

    /** The stored copy's hashes; an image Java cannot decode (WebP, say) is left out of copy detection, not refused. */
    private CopyRegister.Picture picture(ContentImage image) {
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(files.read(image.storedPath())));
            if (decoded == null) return null;
            int w = decoded.getWidth(), h = decoded.getHeight();
            Luma luma = Luma.ofArgb(w, h, decoded.getRGB(0, 0, w, h, null, 0, w));
            return new CopyRegister.Picture(Pdq.references(luma), Pdq.dihedral(luma));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            log.atWarn()
                    .addKeyValue("content", image.contentId())
                    .addKeyValue("image", image.index())
                    .log("image not hashed for copy detection: " + e.getMessage());
            return null;
        }
    }
}
