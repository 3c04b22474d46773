package cn.hotline12349.core.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <data dir>.lock}, held by the one service that runs a data directory's embedded server.
 * Without it a second start on the same directory (scripts/start run twice, an overlapping restart) took the first
 * service's live server for an orphan, stopped it, and on its own failure stopped it again. The operating system drops
 * the lock when its holder dies, kill -9 included, so a server found running while the lock is free really is an
 * orphan ({@link PostmasterPidFile}). The file sits beside the data directory: initdb wants that one empty.
 */
final class DataDirLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static Path file(Path dataDir) { return dataDir.resolveSibling(dataDir.getFileName() + ".lock"); }

  /** Takes the lock, or fails naming the directory when another running service (or this one) holds it. */
  static DataDirLock acquire(Path dataDir) throws IOException {
    Path file = file(dataDir);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this JVM
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException("the data directory " + dataDir + " is in use by another running hotline service"
          + " (it holds " + file + "): stop that one first, or give this one another HOTLINE_DATA_DIR");
    }
    return new DataDirLock(channel, lock);
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the channel is gone either way; the lock goes with it
    }
  }
}
