package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry verify} through the binary: a fresh copy of a tree with everything copy preserves
 * (special bits, owners, ACLs, xattrs, links, FIFO, device, sparse and chunked files, names that
 * are not UTF-8) verifies identical with exit 0; a changed mode, xattr or ACL is listed by path
 * with exit 1; the copy's {@code --no-*} flags turn the matching comparisons off.
 */
class MoverVerifyTest {
  @TempDir Path tmp;

  @Test
  void aFreshCopyIsIdenticalAndEachMetadataChangeIsListedWithExitOne() throws Exception {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    MoverTrees.richTree(src);
    MoverTrees.byteName(src.resolve("docs"), "caf\\351-\\377", "not utf-8", false);
    MoverTrees.sh(
        "setfacl -m u:1234:rw- \"$1/docs/empty.txt\" && setfacl -d -m g:555:r-x \"$1/shared\"",
        src.toString());
    MoverTrees.setMtime(src.resolve("shared"), java.time.Instant.parse("2021-01-01T00:00:00Z"));
    MoverCli.Outcome copy = MoverCli.run("copy", src.toString(), dst.toString());
    assertEquals(0, copy.exit(), copy.describe());

    MoverCli.Outcome same = MoverCli.run("verify", src.toString(), dst.toString());

    assertEquals(0, same.exit(), same.describe());
    assertTrue(same.stdout().contains("ferry verify: done"), same.describe());
    assertTrue(same.stdout().contains(" 0 failed"), same.describe());

    MoverTrees.sh(
        "chmod 0600 \"$1/docs/readme.txt\" && setfacl -b \"$1/docs/empty.txt\"", dst.toString());
    Files.getFileAttributeView(dst.resolve("docs"), UserDefinedFileAttributeView.class)
        .write("project", StandardCharsets.UTF_8.encode("changed"));

    MoverCli.Outcome changed = MoverCli.run("verify", src.toString(), dst.toString());

    assertEquals(1, changed.exit(), changed.describe());
    List<String> lines = changed.stdout().lines().toList();
    for (String want :
        List.of(
            "mode 0640 != 0600: docs/readme.txt",
            "xattr system.posix_acl_access only in source: docs/empty.txt",
            "mode 0664 != 0644: docs/empty.txt", // the ACL mask was the group bits
            "xattr user.project value differs: docs")) {
      assertEquals(
          1, lines.stream().filter(want::equals).count(), want + "\n" + changed.describe());
    }
    assertTrue(changed.stdout().contains("ferry verify: differences found"), changed.describe());
    assertTrue(changed.stdout().contains(", 4 different, 0 failed"), changed.describe());

    MoverCli.Outcome relaxed =
        MoverCli.run(
            "verify", "--no-mode", "--no-xattrs", "--no-acls", src.toString(), dst.toString());
    assertEquals(0, relaxed.exit(), relaxed.describe());
  }
}
