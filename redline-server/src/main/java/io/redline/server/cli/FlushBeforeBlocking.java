package io.redline.server.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Standard input that runs a hook (flushing the output) just before a read would block.
 *
 * <p>Why: a write per line costs a system call per line (seconds of system time over 100 MB),
 * while holding output until the end breaks interactive use. Flushing exactly when no more input
 * is waiting gives both: a file or a fast pipe is written in large blocks, and a person typing a
 * line sees its result at once.
 */
final class FlushBeforeBlocking extends FilterInputStream {
    interface Hook {
        void run() throws IOException;
    }

    private final Hook beforeBlock;

    FlushBeforeBlocking(InputStream in, Hook beforeBlock) {
        super(in);
        this.beforeBlock = beforeBlock;
    }

    @Override
    public int read() throws IOException {
        if (in.available() <= 0) {
            beforeBlock.run();
        }
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (in.available() <= 0) {
            beforeBlock.run();
        }
        return in.read(b, off, len);
    }
}
