package dev.ferry.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FileLayoutTest {
  private static LayoutComponent comp(long start, long end, String pool) {
    return new LayoutComponent(start, end, 2, 1 << 20, LayoutComponent.RAID0, pool, 3);
  }

  @Test
  void contiguousMeansFromZeroToEofWithoutGapsOrOverlaps() {
    assertTrue(FileLayout.plain(1, 1 << 20).contiguous());
    assertTrue(
        FileLayout.composite(comp(0, 10, ""), comp(10, LayoutComponent.EOF, "")).contiguous());
    assertFalse(
        FileLayout.composite(comp(0, 10, ""), comp(20, LayoutComponent.EOF, "")).contiguous());
    assertFalse(FileLayout.composite(comp(0, 10, ""), comp(10, 30, "")).contiguous());
    assertFalse(
        FileLayout.composite(comp(0, LayoutComponent.EOF, ""), comp(0, LayoutComponent.EOF, ""))
            .contiguous());
  }

  @Test
  void shapeIgnoresWhereTheFirstStripeLives() {
    LayoutComponent a = comp(0, LayoutComponent.EOF, "flash");
    LayoutComponent b =
        new LayoutComponent(
            0, LayoutComponent.EOF, 2, 1 << 20, 0, "flash", LayoutComponent.DEFAULT);
    assertTrue(new FileLayout(false, List.of(a)).sameShape(new FileLayout(false, List.of(b))));
    assertFalse(new FileLayout(false, List.of(a)).sameShape(new FileLayout(true, List.of(b))));
    assertFalse(
        new FileLayout(false, List.of(a))
            .sameShape(new FileLayout(false, List.of(b.withoutPool()))));
  }

  @Test
  void poolsAreListedAndRemovedByName() {
    FileLayout l =
        FileLayout.composite(
            comp(0, 10, "b"), comp(10, 20, "a"), comp(20, LayoutComponent.EOF, ""));
    assertEquals(Set.of("a", "b"), l.pools());
    assertEquals(Set.of("b"), l.withoutPools(Set.of("a")).pools());
    assertEquals(Set.of(), l.withoutPools(l.pools()).pools());
  }

  @Test
  void invalidLayoutsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new FileLayout(false, List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FileLayout(false, List.of(comp(0, 10, ""), comp(10, LayoutComponent.EOF, ""))));
    assertThrows(IllegalArgumentException.class, () -> comp(10, 10, ""));
    assertThrows(IllegalArgumentException.class, () -> comp(0, LayoutComponent.EOF, null));
  }
}
