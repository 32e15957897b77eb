package io.redline.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files and directories only their owner may read: the database, its WAL and the uploaded images
 * hold content, tokens' hashes and personal data, so they are created 0600 and 0700 whatever the
 * process umask says (a default umask would make them world-readable, 0644). On file systems
 * without POSIX permissions the platform default applies.
 */
public final class OwnerOnly {
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<?>[] DIRECTORY = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
            }
            : new FileAttribute<?>[0];
    private static final FileAttribute<?>[] FILE = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];

    private OwnerOnly() {}

    /** Like {@link Files#createDirectories}; directories it creates are 0700 (existing ones are left as they are). */
    public static Path directories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) return dir;
        Path parent = absolute.getParent();
        if (parent != null) directories(parent);
        try {
            Files.createDirectory(absolute, DIRECTORY);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) throw e;
        }
        return dir;
    }

    /** The attributes for {@link Files#createFile} or {@code FileChannel.open} with CREATE: 0600 where supported. */
    public static FileAttribute<?>[] fileAttributes() {
        return FILE.clone();
    }

    /** Creates an empty 0600 file unless one exists (SQLite then opens it and gives its WAL the same mode). */
    public static void file(Path file) throws IOException {
        if (Files.exists(file)) return;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) directories(parent);
        try {
            Files.createFile(file, FILE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another process created it first; its mode is its own
        }
    }
}
