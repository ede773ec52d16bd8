package dev.ferry.lustre;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Map;

/**
 * Reads what the fake liblustreapi ({@code src/test/c/fake_lustreapi.c}) recorded in its xattrs, so
 * tests can see what ferry asked the library for. Shared with other modules' tests through the test
 * jar.
 */
public final class FakeLustreapi {
  /** A component as the fake stored it. */
  public record Component(
      long start,
      long end,
      long count,
      long size,
      long pattern,
      long ost0,
      long requestedOffset,
      String pool) {
    /** True when the creator left the first stripe's OST to the filesystem. */
    public boolean ostUnpinned() {
      return requestedOffset == LayoutComponent.DEFAULT;
    }
  }

  /** A directory's MDT as the fake stored it: where it is and what was asked for (-1: any). */
  public record Mdt(int index, int requested) {}

  private FakeLustreapi() {}

  /** The library under test, from the environment surefire sets. */
  public static Lustre library() {
    return Lustre.forEnvironment(Map.of(Lustre.LIBRARY_ENV, System.getenv(Lustre.LIBRARY_ENV)));
  }

  /** True when the fake created this file with a layout. */
  public static boolean hasLayout(Path file) throws IOException {
    return view(file).list().contains("fakelustre.lov");
  }

  /** The components the fake stored for {@code file}. */
  public static List<Component> components(Path file) throws IOException {
    String text = read(file, "fakelustre.lov");
    return text.lines()
        .skip(1)
        .map(l -> l.split(" "))
        .map(
            f ->
                new Component(
                    Long.parseUnsignedLong(f[0]),
                    Long.parseUnsignedLong(f[1]),
                    Long.parseUnsignedLong(f[2]),
                    Long.parseUnsignedLong(f[3]),
                    Long.parseUnsignedLong(f[4]),
                    Long.parseUnsignedLong(f[5]),
                    Long.parseUnsignedLong(f[6]),
                    f[7].equals("-") ? "" : f[7]))
        .toList();
  }

  /** The MDT the fake placed directory {@code dir} on. */
  public static Mdt mdt(Path dir) throws IOException {
    String[] f = read(dir, "fakelustre.lmv").split(" ");
    return new Mdt(Integer.parseInt(f[0]), Integer.parseInt(f[1]));
  }

  /** True when the directory was created through the fake library (with an MDT). */
  public static boolean placed(Path dir) throws IOException {
    return view(dir).list().contains("fakelustre.lmv");
  }

  private static String read(Path p, String name) throws IOException {
    UserDefinedFileAttributeView v = view(p);
    ByteBuffer buf = ByteBuffer.allocate(v.size(name));
    v.read(name, buf);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
  }

  private static UserDefinedFileAttributeView view(Path p) {
    return Files.getFileAttributeView(p, UserDefinedFileAttributeView.class);
  }
}
