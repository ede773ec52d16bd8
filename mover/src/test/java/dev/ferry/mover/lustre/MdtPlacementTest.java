package dev.ferry.mover.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MdtPlacementTest {
  @Test
  void roundRobinListsParse() {
    assertEquals(List.of(0, 1), MdtPlacement.roundRobin("0,1").roundRobin());
    assertEquals(List.of(3, 0, 2), MdtPlacement.roundRobin(" 3, 0 ,2").roundRobin());
    assertEquals(List.of(-1), MdtPlacement.roundRobin("-1").roundRobin());
    assertEquals("--mdt-rr 0,1", MdtPlacement.roundRobin("0,1").describe());
    assertTrue(MdtPlacement.roundRobin("-1").active());
    assertFalse(MdtPlacement.NONE.active());
    assertTrue(MdtPlacement.PRESERVE.active());
  }

  @Test
  void badListsAreRefusedWithOneLine() {
    assertEquals(
        "expected MDT indexes such as 0,1 (or -1) but got '0,,1'",
        assertThrows(IllegalArgumentException.class, () -> MdtPlacement.roundRobin("0,,1"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> MdtPlacement.roundRobin("a"));
    assertThrows(IllegalArgumentException.class, () -> MdtPlacement.roundRobin(""));
    assertEquals(
        "an MDT index is 0 or more (or -1 alone), not -2",
        assertThrows(IllegalArgumentException.class, () -> MdtPlacement.roundRobin("-2"))
            .getMessage());
    assertEquals(
        "-1 (let Lustre balance) cannot be mixed with indexes",
        assertThrows(IllegalArgumentException.class, () -> MdtPlacement.roundRobin("0,-1"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> new MdtPlacement(true, List.of(0)));
  }
}
