package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.Pass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Temporary files left by a killed copy are removed by the next copy pass, and only those. */
class StaleTempsTest extends TreeTestBase {
  private static final String LEFTOVER = ".ferry-0badc0de-0123456789abcdef.tmp";

  @Test
  void aKilledJobsTemporaryFilesAreRemovedByTheNextCopyAndCounted() throws Exception {
    file(src().resolve("d/a"), "a");
    assertTrue(Runs.of(src(), dst()).run().clean());
    Path top = file(dst().resolve(LEFTOVER), "half a file");
    Path inner = file(dst().resolve("d/.ferry-12345678-fedcba9876543210.tmp"), "half");
    Thread.sleep(20); // the next job starts after their last change

    RunSummary s = Runs.of(src(), dst()).run();

    assertTrue(s.clean(), s.text());
    assertEquals(2, s.count(Counter.STALE_TEMP_FILES_REMOVED));
    assertTrue(s.text().contains("2 stale temp files removed"), s.text());
    assertFalse(Files.exists(top));
    assertFalse(Files.exists(inner));
    RunSummary verify = Runs.of(src(), dst(), Pass.VERIFY).run();
    assertTrue(verify.clean(), verify.text());
  }

  @Test
  void temporaryFilesChangedSinceTheJobStartedAreLeftToTheirJob() throws Exception {
    file(src().resolve("a"), "a");
    assertTrue(Runs.of(src(), dst()).run().clean());
    Path concurrent = file(dst().resolve(LEFTOVER), "being written by another job");
    Runs r = Runs.of(src(), dst());
    // This job "started" an hour ago: the file's ctime is newer than its start.
    r.clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));

    RunSummary s = r.run();

    assertTrue(s.clean(), s.text());
    assertEquals(0, s.count(Counter.STALE_TEMP_FILES_REMOVED));
    assertTrue(Files.exists(concurrent));
  }

  @Test
  void aSourceEntryWithATemporaryLookingNameIsData() throws Exception {
    file(src().resolve(LEFTOVER), "real data that happens to have this name");
    assertTrue(Runs.of(src(), dst()).run().clean());
    Thread.sleep(20);

    RunSummary s = Runs.of(src(), dst()).run();

    assertEquals(0, s.count(Counter.STALE_TEMP_FILES_REMOVED));
    assertEquals(
        "real data that happens to have this name", Files.readString(dst().resolve(LEFTOVER)));
  }

  @Test
  void namesThatOnlyResembleTemporaryNamesAreKept() {
    String own = ".ferry-aaaaaaaa-";
    assertTrue(StaleTemps.isTemp(LEFTOVER, own));
    assertFalse(StaleTemps.isTemp(".ferry-aaaaaaaa-0123456789abcdef.tmp", own), "this job's");
    assertFalse(StaleTemps.isTemp(".ferry-notes.tmp", own));
    assertFalse(StaleTemps.isTemp(".ferry-0badc0de-0123456789abcdef.tmp.bak", own));
  }

  @Test
  void theRawBytePrefilterPassesEveryTemporaryNameAndDropsOrdinaryOnes() {
    Path dir = Path.of("/some/target");
    String ownName = TempNames.of("aaaaaaaa", Path.of("f1.dat")).toString();
    for (String name :
        List.of(LEFTOVER, ownName, ".ferry-20261125-101500-abcdef-copy-0123456789abcdef.tmp")) {
      assertTrue(StaleTemps.mayBeTemp(dir.resolve(name)), name);
    }
    for (String name :
        List.of(
            "f1.dat", ".ferry", "x" + LEFTOVER.substring(1), "ferry-" + LEFTOVER.substring(7))) {
      assertFalse(StaleTemps.mayBeTemp(dir.resolve(name)), name);
      assertFalse(StaleTemps.isTemp(name, ".ferry-aaaaaaaa-"), name);
    }
    assertFalse(StaleTemps.mayBeTemp(Path.of("/.ferry-x/f1.dat")), "only the last name counts");
  }
}
