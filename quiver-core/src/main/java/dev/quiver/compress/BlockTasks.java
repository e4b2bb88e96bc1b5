package dev.quiver.compress;

import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * One fork/join task per block of an LZ4 frame (compressing in {@link Lz4FrameCodec}, decoding in
 * {@link Lz4FrameReader}): block 0 runs on the caller's thread, the others are forked, and every task has ended when
 * {@link #run} returns, failed or not, so that none still writes into the caller's output once it may release it.
 */
final class BlockTasks {
    private BlockTasks() {}

    /**
     * Runs {@code block} for every block {@code [0, blocks)}, in parallel on the caller's fork/join pool.
     *
     * @return what each block threw (null where it did not), once every task has ended
     */
    static Throwable[] run(int blocks, IntConsumer block) {
        RecursiveAction[] tasks = new RecursiveAction[blocks];
        for (int i = 0; i < blocks; i++) {
            int b = i;
            tasks[i] = new RecursiveAction() {
                @Override
                protected void compute() {
                    block.accept(b);
                }
            };
        }
        for (int i = blocks - 1; i >= 1; i--) tasks[i].fork();
        tasks[0].quietlyInvoke();
        for (int i = 1; i < blocks; i++) tasks[i].quietlyJoin();
        Throwable[] thrown = new Throwable[blocks];
        for (int i = 0; i < blocks; i++) thrown[i] = tasks[i].getException();
        return thrown;
    }
}
