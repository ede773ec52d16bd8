package dev.ferry.mover.engine;

import dev.ferry.mover.task.FileKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fallback when ferry's JNI library did not load: {@code user.*} xattrs through {@link
 * UserDefinedFileAttributeView}, which reaches nothing else and opens the entry (so only regular
 * files and directories, never symlinks).
 */
final class JavaXattrCopier implements XattrCopier {
  @Override
  public boolean reaches(FileKind kind) {
    return kind == FileKind.FILE || kind == FileKind.DIRECTORY;
  }

  @Override
  public boolean copy(Path source, Path target, FileKind kind, boolean existed) throws IOException {
    UserDefinedFileAttributeView from =
        Files.getFileAttributeView(
            source, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    UserDefinedFileAttributeView to =
        Files.getFileAttributeView(
            target, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    List<String> names = from.list();
    boolean changed = false;
    Set<String> stale = existed ? new HashSet<>(to.list()) : Set.of();
    for (String name : names) {
      ByteBuffer value = ByteBuffer.allocate(from.size(name));
      from.read(name, value);
      value.flip();
      if (existed && stale.remove(name) && sameValue(to, name, value)) {
        continue;
      }
      to.write(name, value);
      changed = true;
    }
    for (String name : stale) {
      to.delete(name);
      changed = true;
    }
    return changed;
  }

  @Override
  public Map<String, byte[]> read(Path path) throws IOException {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(
            path, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    Map<String, byte[]> out = new HashMap<>();
    for (String name : view.list()) {
      ByteBuffer value = ByteBuffer.allocate(view.size(name));
      view.read(name, value);
      byte[] raw = ("user." + name).getBytes(StandardCharsets.UTF_8);
      out.put(
          new String(raw, StandardCharsets.ISO_8859_1),
          Arrays.copyOf(value.array(), value.position()));
    }
    return out;
  }

  private static boolean sameValue(UserDefinedFileAttributeView view, String name, ByteBuffer want)
      throws IOException {
    ByteBuffer have = ByteBuffer.allocate(view.size(name));
    view.read(name, have);
    have.flip();
    return have.equals(want.duplicate());
  }
}
