package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.lustre.NativeFiles;
import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.task.FileKind;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine in other JVMs: another locale, without the opened JDK package, as another user. */
class ChildProcessTest {
  @TempDir Path tmp;

  private record Result(int code, String output) {}

  private Result child(Map<String, String> env, List<String> prefix, String... args)
      throws Exception {
    return child(env, prefix, true, args);
  }

  /** {@code withJni}: false leaves ferry's JNI library out of the copied classes. */
  private Result child(
      Map<String, String> env, List<String> prefix, boolean withJni, String... args)
      throws Exception {
    Path cp = tmp.resolve("cp");
    deleteTree(cp);
    List<String> entries = new ArrayList<>();
    for (Class<?> c :
        List.of(
            Mover.class,
            ChildRun.class,
            NativeFiles.class,
            MeterRegistry.class,
            KeyValues.class,
            ObjectMapper.class,
            JsonFactory.class,
            JsonProperty.class,
            // Micrometer: the engine records into a (here do-nothing) MeterRegistry.
            io.micrometer.core.instrument.MeterRegistry.class,
            io.micrometer.common.KeyValue.class,
            io.micrometer.observation.Observation.class)) {
      Path from = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path to = cp.resolve(entries.size() + "-" + from.getFileName());
      if (!withJni && Files.isRegularFile(from)) {
        // A jar (reactor build): unpack it so the JNI library can be left out.
        try (FileSystem jar = FileSystems.newFileSystem(from)) {
          copyTree(jar.getPath("/"), to);
        }
      } else {
        copyTree(from, to);
      }
      if (!withJni) {
        deleteTree(to.resolve("native"));
      }
      entries.add(to.toString());
    }
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, entries));
    cmd.add(ChildRun.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  @Test
  void undecodableNamesRoundTripUnderLangCWithoutTheOpenedPackage() throws Exception {
    byte[] name = {'n', (byte) 0xe9, (byte) 0xff, '\n', 'x'};
    Path src = tmp.resolve("src");
    Path weird = src.resolve(RawPaths.path(name));
    file(weird.resolve(RawPaths.path(name)), "inner");
    Files.createSymbolicLink(src.resolve("l"), RawPaths.path(name));
    Path dst = tmp.resolve("dst");

    Result r =
        child(
            Map.of("LANG", "C", "LC_ALL", "C"), List.of(), "copy", src.toString(), dst.toString());

    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("direct=false"), r.output());
    assertEquals(Trees.listing(src), Trees.listing(dst));
    Path copied = dst.resolve(RawPaths.path(name)).resolve(RawPaths.path(name));
    assertEquals("inner", Files.readString(copied));
    assertArrayEquals(name, RawPaths.bytes(Files.readSymbolicLink(dst.resolve("l"))));
  }

  @Test
  void asAnotherUserDeleteSkipsASubtreeWhoseSourceCannotBeListed() throws Exception {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    file(src.resolve("open/a"), "a");
    file(src.resolve("locked/b"), "b");
    file(dst.resolve("open/a"), "a");
    file(dst.resolve("open/stale"), "removed from source");
    file(dst.resolve("locked/b"), "b");
    file(dst.resolve("locked/would-go"), "cannot tell: source unreadable");
    try (Stream<Path> all = Files.walk(tmp)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setAttribute(p, "unix:uid", 65534);
      }
    }
    Files.setAttribute(tmp, "unix:mode", 0755);
    Files.setAttribute(src.resolve("locked"), "unix:uid", 0);
    Files.setAttribute(src.resolve("locked"), "unix:mode", 0700);

    Result r =
        child(
            Map.of(),
            List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
            "delete",
            src.toString(),
            dst.toString());

    assertEquals(1, r.code(), r.output());
    assertTrue(r.output().contains("locked: source listing failed"), r.output());
    assertFalse(Files.exists(dst.resolve("open/stale")));
    assertTrue(Files.exists(dst.resolve("locked/would-go")), "no delete below a failed listing");
  }

  @Test
  void fifosAreMadeWithoutAnyExternalTool() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Trees.exec("mkfifo", src.resolve("pipe").toString());
    NativeFiles.setTimes(
        RawPaths.bytes(src.resolve("pipe")),
        1_600_000_000_000_000_001L,
        1_600_000_000_123_456_789L);
    Path dst = tmp.resolve("dst");

    // No mkfifo, mknod or touch on this PATH: only mknod(2)/utimensat(2) through JNI can work.
    Result r =
        child(Map.of("PATH", "/nonexistent"), List.of(), "copy", src.toString(), dst.toString());

    assertEquals(0, r.code(), r.output());
    assertEquals(FileKind.FIFO, Trees.stat(dst.resolve("pipe")).kind());
    assertEquals(1_600_000_000_123_456_789L, Trees.stat(dst.resolve("pipe")).mtimeNanos());
  }

  @Test
  void withoutTheJniLibraryACopyWarnsOnceAndStillCopiesUserXattrs() throws Exception {
    Path src = tmp.resolve("src");
    Path a = file(src.resolve("a"), "x");
    Files.getFileAttributeView(a, UserDefinedFileAttributeView.class)
        .write("colour", ByteBuffer.wrap(new byte[] {1, 2}));
    Files.createSymbolicLink(src.resolve("l"), Path.of("a"));
    Trees.times(src.resolve("l"), 1_600_000_000_123_456_789L, 1_600_000_000_123_456_789L);
    Path dst = tmp.resolve("dst");

    Result r = child(Map.of(), List.of(), false, "copy", src.toString(), dst.toString());

    assertEquals(0, r.code(), r.output());
    assertEquals(1, r.output().split("native library not loaded", -1).length - 1, r.output());
    assertTrue(r.output().contains("no trusted.* xattrs, POSIX ACLs"), r.output());
    assertTrue(
        Files.getFileAttributeView(dst.resolve("a"), UserDefinedFileAttributeView.class)
            .list()
            .contains("colour"));
    assertEquals(
        1_600_000_000_123_456_000L,
        Trees.stat(dst.resolve("l")).mtimeNanos(),
        "lutimes: microseconds");
    Result verify = child(Map.of(), List.of(), false, "verify", src.toString(), dst.toString());
    assertEquals(0, verify.code(), verify.output());
  }

  private static void deleteTree(Path root) throws Exception {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.createDirectories(t.getParent());
          Files.copy(p, t);
        }
      }
    }
  }
}
