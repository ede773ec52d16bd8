package dev.ferry.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CreationTimeTest {
  private static final Instant T = Instant.parse("2021-09-01T10:00:00Z");

  @Test
  void parsesLdmAndIsoForms() {
    assertEquals(T, CreationTime.of("2021-09-01T10:00:00.000+0000").instant());
    assertEquals(T, CreationTime.of("2021-09-01T10:00:00.000+00:00").instant());
    assertEquals(T, CreationTime.of("2021-09-01T10:00:00Z").instant());
    assertEquals(T, CreationTime.of("2021-09-01T12:00:00.000+0200").instant());
    assertEquals(T, CreationTime.of(Long.toString(T.toEpochMilli())).instant());
  }

  @Test
  void canonicalFastPathAgreesWithTheGeneralParser() {
    for (String t :
        new String[] {
          "2021-09-01T10:00:00.000+0000",
          "1999-12-31T23:59:59.999+0000",
          "2024-02-29T00:00:00.001+0000"
        }) {
      assertEquals(
          java.time.OffsetDateTime.parse(t.replace("+0000", "+00:00")).toInstant(),
          CreationTime.of(t).instant(),
          t);
    }
    assertNull(CreationTime.of("2021-02-30T10:00:00.000+0000").instant());
    assertNull(CreationTime.of("2021/09/01T10:00:00.000+0000").instant());
    assertNull(CreationTime.of("2021-09-01T1a:00:00.000+0000").instant());
  }

  @Test
  void comparesInstantsNotStrings() {
    // As strings "12:00+0200" sorts after "11:00+0000"; as instants it is an hour earlier.
    CreationTime tenUtc = CreationTime.of("2021-09-01T12:00:00.000+0200");
    CreationTime elevenUtc = CreationTime.of("2021-09-01T11:00:00.000+0000");
    assertTrue(tenUtc.compareTo(elevenUtc) < 0);
  }

  @Test
  void parsedThenUnparsedThenMissing() {
    CreationTime parsed = CreationTime.of("2030-01-01T00:00:00.000+0000");
    CreationTime garbage = CreationTime.of("yesterday");
    CreationTime missing = CreationTime.of(null);
    assertNull(garbage.instant());
    assertTrue(parsed.compareTo(garbage) < 0);
    assertTrue(garbage.compareTo(missing) < 0);
    assertTrue(parsed.compareTo(missing) < 0);
    assertEquals(0, missing.compareTo(CreationTime.of("  ")));
    assertTrue(CreationTime.of("apple").compareTo(CreationTime.of("banana")) < 0);
  }
}
