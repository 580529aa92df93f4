package org.mxflow.schedule;

import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One scheduling process per catalog: an OS file lock beside the catalog file. The kernel drops
 * it when the process dies, even by kill -9, so a restart never waits for a stale lock, and while
 * it is held every unit marked running really belongs to the holder. The file also says who holds it.
 */
public final class RootLock implements Closeable {

    /**
     * Lock files this JVM holds. POSIX drops a process's lock when it closes any descriptor of the
     * file, so this process must never open a lock file it holds just to test it.
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final FileChannel channel;
    private final FileLock lock;
    private final Path file;

    private RootLock(FileChannel channel, FileLock lock, Path file) {
        this.channel = channel;
        this.lock = lock;
        this.file = file;
    }

    private static Path lockFile(Path catalogFile) {
        return catalogFile.toAbsolutePath().normalize().resolveSibling(catalogFile.getFileName() + ".lock");
    }

    /** Takes the lock or says who has it. */
    public static RootLock acquire(Path catalogFile) throws IOException {
        Path file = lockFile(catalogFile);
        if (HELD.contains(file)) {
            throw new IOException("this process already works on " + catalogFile);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock l = ch.tryLock();
        if (l == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            ch.close();
            throw new IOException("another mxflow is working on this catalog (" + (holder.isEmpty() ? "unknown process" : holder)
                    + "); " + catalogFile + " takes one run or watch at a time");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((processName() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
        HELD.add(file);
        return new RootLock(ch, l, file);
    }

    /** Whether some process holds the lock now (for rerun/status); false when the lock file is absent. */
    public static boolean isHeld(Path catalogFile) throws IOException {
        Path file = lockFile(catalogFile);
        if (HELD.contains(file)) {
            return true;
        }
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                return true; // held by this very process
            }
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        }
    }

    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    static String processName() {
        return "pid " + pid() + " on " + host() + " (" + ManagementFactory.getRuntimeMXBean().getStartTime() + ")";
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
        HELD.remove(file);
    }
}
