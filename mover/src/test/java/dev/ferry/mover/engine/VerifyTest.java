package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.lustre.NativeFiles;
import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.ItemReport;
import dev.ferry.mover.task.Pass;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verify compares everything the copy preserves under the same flags: built on real files, with
 * ferry's JNI library and as root (trusted.* xattrs, owners, device nodes), like the rest of the
 * suite.
 */
class VerifyTest extends TreeTestBase {
  private static final long SRC_MTIME =
      1_600_000_000_000_000_001L; // 2020-09-13T12:26:40.000000001Z
  private static final long OTHER_MTIME = 1_500_000_000_000_000_000L; // 2017-07-14T02:40:00Z

  @BeforeEach
  void nativeLibraryAndRoot() {
    assertTrue(NativeFiles.available(), NativeFiles.unavailableReason().orElse(""));
    assertTrue(Mover.runningAsRoot(), "these tests run as root (owners, devices, trusted.*)");
  }

  @Test
  void aFreshCopyOfARichTreeVerifiesClean() throws Exception {
    richTree();

    RunSummary copy = Runs.of(src(), dst()).run();
    assertTrue(copy.clean(), copy.text() + copy.failures());
    RunSummary s = verify(Runs.of(src(), dst(), Pass.VERIFY));

    assertTrue(s.clean(), s.text() + s.differences());
    assertEquals(0, s.count(Counter.DIFFERENT));
    assertTrue(s.count(Counter.SCANNED) >= 20, s.text());
  }

  @Test
  void everyKindOfDifferenceIsReportedOnceByPath() throws Exception {
    Map<String, List<String>> want = new TreeMap<>();
    differingTree(want);

    Runs v = Runs.of(src(), dst(), Pass.VERIFY);
    RunSummary s = verify(v);

    assertFalse(s.clean());
    assertEquals(want, byPath(s.differences()));
    long lines = want.values().stream().mapToLong(List::size).sum();
    assertEquals(lines, s.count(Counter.DIFFERENT), s.text());
    String out = v.out.toString();
    assertTrue(out.contains("mode 4755 != 0755: mode\n"), out);
    assertTrue(out.contains("mode 0644 != 0600: n\\xe9\\x0a\n"), out);
    assertTrue(out.contains("ferry verify: differences found"), out);
  }

  @Test
  void theCopysPreserveFlagsAndExcludesAreHonoured() throws Exception {
    richTree();
    file(src().resolve("left.skip"), "excluded in the source");
    List<Preserve> off =
        List.of(
            Preserve.MODE,
            Preserve.OWNER,
            Preserve.TIMES,
            Preserve.SYMLINKS,
            Preserve.HARD_LINKS,
            Preserve.SPECIAL,
            Preserve.XATTRS,
            Preserve.ACLS);
    Runs copy = Runs.of(src(), dst());
    off.forEach(copy.preserve::remove);
    copy.excludes.add("*.skip");
    assertTrue(copy.run().clean(), copy.out.toString());
    file(dst().resolve("right.skip"), "excluded in the target");
    Trees.times(dst(), Trees.stat(src()).mtimeNanos(), 0); // as if it had always been there

    Runs same = Runs.of(src(), dst(), Pass.VERIFY);
    off.forEach(same.preserve::remove);
    same.excludes.add("*.skip");
    RunSummary clean = verify(same);
    RunSummary strict = verify(Runs.of(src(), dst(), Pass.VERIFY));

    assertTrue(clean.clean(), clean.text() + clean.differences());
    assertFalse(strict.clean());
    String all = strict.differences().toString();
    for (String kind :
        List.of(
            "mode 4755 != 0755",
            "owner 1234 != 0",
            "mtime ",
            "xattr user.colour only in source",
            "xattr trusted.project only in source",
            "xattr system.posix_acl_access only in source",
            "not hard-linked to",
            "path=link, message=missing in target",
            "path=fifo, message=missing in target",
            "path=left.skip, message=missing in target",
            "path=right.skip, message=only in target")) {
      assertTrue(all.contains(kind), kind + " not in " + all);
    }
  }

  @Test
  void eachPreserveFlagAloneTurnsOffItsComparison() throws Exception {
    Path f = file(src().resolve("f"), "x");
    setXattr(f, "user.colour", "blue");
    Trees.exec("setfacl", "-m", "u:1234:r--", f.toString());
    Runs copy = Runs.of(src(), dst());
    copy.preserve.remove(Preserve.XATTRS);
    copy.preserve.remove(Preserve.ACLS);
    assertTrue(copy.run().clean());

    Runs noXattrs = Runs.of(src(), dst(), Pass.VERIFY);
    noXattrs.preserve.remove(Preserve.XATTRS);
    Runs neither = Runs.of(src(), dst(), Pass.VERIFY);
    neither.preserve.remove(Preserve.XATTRS);
    neither.preserve.remove(Preserve.ACLS);

    assertEquals(
        Map.of("f", List.of("xattr system.posix_acl_access only in source")),
        byPath(verify(noXattrs).differences()));
    assertTrue(verify(neither).clean());
  }

  /**
   * Everything copy preserves: setuid and sticky bits, another owner, xattrs (user, trusted,
   * binary), access and default ACLs, symlinks (one dangling, one with a non-UTF-8 target), three
   * names of one inode, a sparse and a chunked file, a FIFO, a device, non-UTF-8 names, a read-only
   * directory and old directory times.
   */
  private void richTree() throws Exception {
    file(src().resolve("big"), Trees.random(3 << 20, 1));
    Path setuid = file(src().resolve("tools/setuid"), "#!/bin/sh\n");
    Files.setAttribute(setuid, "unix:mode", 04755);
    Path theirs = file(src().resolve("tools/theirs"), "owned by someone else");
    Files.setAttribute(theirs, "unix:uid", 1234);
    Files.setAttribute(theirs, "unix:gid", 5678);
    Path shared = Files.createDirectories(src().resolve("shared"));
    Files.setAttribute(shared, "unix:mode", 01777);
    Path tagged = file(src().resolve("tagged"), "t");
    setXattr(tagged, "user.colour", "blue");
    setXattr(tagged, "trusted.project", "atlas");
    NativeFiles.setXattr(raw(tagged), "user.bin".getBytes(UTF_8), new byte[] {0, 1, (byte) 0xff});
    setXattr(shared, "user.dirmark", "top");
    Path acl = Files.createDirectories(src().resolve("acl"));
    Trees.exec("setfacl", "-d", "-m", "u:1234:rwx", acl.toString());
    file(acl.resolve("inherited"), "i");
    Trees.exec("setfacl", "-m", "u:1234:rw-", file(src().resolve("acl-file"), "a").toString());
    Files.createSymbolicLink(src().resolve("link"), Path.of("tagged"));
    Files.createSymbolicLink(src().resolve("dangling"), Path.of("nowhere"));
    Files.createSymbolicLink(
        src().resolve("rawlink"), RawPaths.path(new byte[] {'t', (byte) 0x80, '\n'}));
    Path h1 = file(src().resolve("links/h1"), "linked");
    Files.createLink(src().resolve("links/h2"), h1);
    Files.createLink(src().resolve("h3"), h1);
    try (RandomAccessFile sparse = new RandomAccessFile(src().resolve("sparse").toFile(), "rw")) {
      sparse.setLength(8 << 20);
      sparse.seek(4 << 20);
      sparse.write(new byte[] {1, 2, 3});
    }
    Trees.exec("mkfifo", src().resolve("fifo").toString());
    Trees.exec("mknod", src().resolve("null").toString(), "c", "1", "3");
    Path odd = src().resolve(RawPaths.path(new byte[] {'d', (byte) 0xe9, '\n'}));
    file(odd.resolve(RawPaths.path(new byte[] {(byte) 0xff, (byte) 0xfe, 'z'})), "odd");
    Path readOnly = file(src().resolve("ro/inside"), "r").getParent();
    Files.setAttribute(readOnly, "unix:mode", 0555);
    Trees.times(shared, SRC_MTIME, SRC_MTIME);
    Trees.times(src().resolve("tools"), SRC_MTIME, SRC_MTIME);
  }

  /** A copied tree, then one change of each kind in the target; {@code want}: what verify says. */
  private void differingTree(Map<String, List<String>> want) throws Exception {
    byte[] big = Trees.random(3 << 20, 2);
    file(src().resolve("big"), big);
    file(src().resolve("type"), "file here, directory there");
    file(src().resolve("dirtype/inner"), "i");
    file(src().resolve("size"), "abc");
    file(src().resolve("content"), "abc");
    Files.setAttribute(file(src().resolve("mode"), "m"), "unix:mode", 04755);
    file(src().resolve("owner"), "o");
    file(src().resolve("group"), "g");
    Trees.times(file(src().resolve("mtime"), "t"), SRC_MTIME, 0);
    Path d = file(src().resolve("d/inner"), "i").getParent();
    Trees.times(d, SRC_MTIME, 0);
    file(src().resolve("e/inner"), "i");
    Files.createSymbolicLink(src().resolve("link"), Path.of("same"));
    Trees.exec("mknod", src().resolve("dev").toString(), "c", "1", "3");
    Path xa = file(src().resolve("xa"), "x");
    setXattr(xa, "user.a", "1");
    setXattr(xa, "user.b", "2");
    setXattr(xa, "trusted.t", "3");
    NativeFiles.setXattr(raw(xa), new byte[] {'u', 's', 'e', 'r', '.', (byte) 0xe9}, new byte[1]);
    Trees.exec("setfacl", "-m", "u:1234:r--", file(src().resolve("acl"), "a").toString());
    Path h1 = file(src().resolve("h1"), "linked");
    Files.createLink(src().resolve("h2"), h1);
    file(src().resolve("single"), "one name");
    file(src().resolve("missing"), "m");
    file(src().resolve(RawPaths.path(new byte[] {'n', (byte) 0xe9, '\n'})), "name");
    file(src().resolve("same"), "unchanged");
    assertTrue(Runs.of(src(), dst()).run().clean());

    Path t = dst();
    Files.delete(t.resolve("type"));
    Files.createDirectory(t.resolve("type"));
    want.put("type", List.of("type file != directory"));
    Files.delete(t.resolve("dirtype/inner"));
    Files.delete(t.resolve("dirtype"));
    file(t.resolve("dirtype"), "now a file");
    want.put("dirtype", List.of("type directory != file"));
    big[(2 << 20) + 5] ^= 1;
    rewrite(t.resolve("big"), big);
    want.put("big", List.of("content differs in bytes 2097152..3145728"));
    rewrite(t.resolve("size"), "abcd".getBytes(UTF_8));
    want.put("size", List.of("size 3 != 4"));
    rewrite(t.resolve("content"), "abd".getBytes(UTF_8));
    want.put("content", List.of("content differs"));
    Files.setAttribute(t.resolve("mode"), "unix:mode", 0755);
    want.put("mode", List.of("mode 4755 != 0755"));
    Files.setAttribute(t.resolve("owner"), "unix:uid", 1234);
    want.put("owner", List.of("owner 0 != 1234"));
    Files.setAttribute(t.resolve("group"), "unix:gid", 5678);
    want.put("group", List.of("group 0 != 5678"));
    Trees.times(t.resolve("mtime"), OTHER_MTIME, 0);
    want.put("mtime", List.of("mtime 2020-09-13T12:26:40.000000001Z != 2017-07-14T02:40:00Z"));
    Trees.times(t.resolve("d"), OTHER_MTIME, 0);
    want.put("d", List.of("mtime 2020-09-13T12:26:40.000000001Z != 2017-07-14T02:40:00Z"));
    Files.setAttribute(t.resolve("e"), "unix:mode", 0700);
    want.put("e", List.of("mode 0755 != 0700"));
    Files.delete(t.resolve("link"));
    Files.createSymbolicLink(t.resolve("link"), Path.of("content"));
    sameTimes(src().resolve("link"), t.resolve("link"));
    want.put("link", List.of("symlink target same != content"));
    Files.delete(t.resolve("dev"));
    Trees.exec("mknod", "-m", "644", t.resolve("dev").toString(), "c", "1", "5");
    Files.setAttribute(
        t.resolve("dev"), "unix:mode", Trees.stat(src().resolve("dev")).permissions());
    sameTimes(src().resolve("dev"), t.resolve("dev"));
    want.put("dev", List.of("device 1,3 != 1,5"));
    Path txa = t.resolve("xa");
    setXattr(txa, "user.a", "9");
    NativeFiles.removeXattr(raw(txa), "user.b".getBytes(UTF_8));
    NativeFiles.removeXattr(raw(txa), "trusted.t".getBytes(UTF_8));
    NativeFiles.removeXattr(raw(txa), new byte[] {'u', 's', 'e', 'r', '.', (byte) 0xe9});
    setXattr(txa, "user.c", "new");
    want.put(
        "xa",
        List.of(
            "xattr trusted.t only in source",
            "xattr user.\\xe9 only in source",
            "xattr user.a value differs",
            "xattr user.b only in source",
            "xattr user.c only in target"));
    Trees.exec("setfacl", "-b", t.resolve("acl").toString());
    want.put("acl", List.of("xattr system.posix_acl_access only in source"));
    Files.delete(t.resolve("h2"));
    Files.copy(t.resolve("h1"), t.resolve("h2"), StandardCopyOption.COPY_ATTRIBUTES);
    sameTimes(src().resolve("h2"), t.resolve("h2"));
    Files.createLink(tmp.resolve("outside"), t.resolve("single"));
    want.put("single", List.of("links 1 != 2"));
    Files.delete(t.resolve("missing"));
    want.put("missing", List.of("missing in target"));
    file(t.resolve("extra"), "only here");
    want.put("extra", List.of("only in target"));
    Files.setAttribute(
        t.resolve(RawPaths.path(new byte[] {'n', (byte) 0xe9, '\n'})), "unix:mode", 0600);
    want.put("n\\xe9\\x0a", List.of("mode 0644 != 0600"));
    sameTimes(src(), t); // entries were added and removed in it: only its entries differ
    hardLinkLine(want);
  }

  /** Which of h1 and h2 is checked first is up to the threads: the other one is reported. */
  private static void hardLinkLine(Map<String, List<String>> want) {
    want.put("h1|h2", List.of("not hard-linked to the other name as in source"));
  }

  private static Map<String, List<String>> byPath(List<ItemReport> reports) {
    Map<String, List<String>> out = new TreeMap<>();
    for (ItemReport r : reports) {
      String path = r.path().display();
      String message = r.message();
      if (message.equals("not hard-linked to h1 as in source") && path.equals("h2")
          || message.equals("not hard-linked to h2 as in source") && path.equals("h1")) {
        path = "h1|h2";
        message = "not hard-linked to the other name as in source";
      }
      out.computeIfAbsent(path, k -> new ArrayList<>()).add(message);
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  private RunSummary verify(Runs v) throws InterruptedException {
    v.chunkThreshold = 1 << 20;
    v.chunkSize = 1 << 20;
    return v.run();
  }

  /** New content, the old mtime: only a content compare can tell. */
  private static void rewrite(Path p, byte[] content) throws Exception {
    long mtime = Trees.stat(p).mtimeNanos();
    Files.write(p, content);
    Trees.times(p, mtime, 0);
  }

  private static void sameTimes(Path from, Path to) throws Exception {
    NativeFiles.setTimes(raw(to), 0, Trees.stat(from).mtimeNanos());
  }

  private static void setXattr(Path p, String name, String value) throws Exception {
    NativeFiles.setXattr(raw(p), name.getBytes(UTF_8), value.getBytes(UTF_8));
  }

  private static byte[] raw(Path p) {
    return RawPaths.bytes(p);
  }
}
