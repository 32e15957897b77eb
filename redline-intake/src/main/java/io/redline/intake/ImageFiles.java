package io.redline.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Uploaded images on the local file system under one root directory. A file is written to a
 * temporary name, fsynced, then renamed into place, so a crash never leaves a half-written image
 * under a name the database points to. Files are written before the database row commits; a
 * crash in between leaves an unreferenced file, never a row without its file.
 */
public final class ImageFiles {
    private final Path root;

    public ImageFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Stores bytes at a path derived from the content id; returns the path relative to the root. */
    public String write(long contentId, int index, String extension, byte[] bytes) {
        String relative = (contentId % 1000) + "/" + contentId + "-" + index + "." + extension;
        Path target = root.resolve(relative);
        try {
            io.redline.store.OwnerOnly.directories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(
                    tmp,
                    java.util.Set.of(
                            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                    io.redline.store.OwnerOnly.fileAttributes())) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return relative;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store image " + target + ": " + e.getMessage(), e);
        }
    }

    public byte[] read(String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) throw new IllegalArgumentException("image path escapes the image root: " + relative);
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored image " + relative + ": " + e.getMessage(), e);
        }
    }
}
