package dev.ferry.mover.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobIdTest {
  @Test
  void eachRunGetsItsOwnEightHexDigitsAndTheyFitTheTemporaryNames() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String id = Mover.newJobId();
      assertTrue(id.matches("[0-9a-f]{8}"), id);
      seen.add(id);
      String temp = TempNames.of(id, java.nio.file.Path.of("f")).toString();
      assertTrue(StaleTemps.isTemp(temp, ".ferry-ffffffff-") || id.equals("ffffffff"), temp);
    }
    assertEquals(100, seen.size(), "no two ids alike in a hundred runs");
  }

  @Test
  void theProcessIdIsReadFromProc() {
    assertEquals(ProcessHandle.current().pid(), Mover.processId());
  }
}
