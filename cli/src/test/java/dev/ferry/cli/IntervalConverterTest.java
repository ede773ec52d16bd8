package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class IntervalConverterTest {
  private final IntervalConverter c = new IntervalConverter();

  @Test
  void readsUnitsAndIso() {
    assertEquals(Duration.ofSeconds(30), c.convert("30s"));
    assertEquals(Duration.ofSeconds(90), c.convert("90"));
    assertEquals(Duration.ofMinutes(5), c.convert("5m"));
    assertEquals(Duration.ofHours(1), c.convert("1H"));
    assertEquals(Duration.ofMinutes(5), c.convert("PT5M"));
  }

  @Test
  void rejectsJunkAndTooShort() {
    for (String bad : new String[] {"", "5x", "-5m", "0s", "PT0.5S", "soon"}) {
      assertThrows(TypeConversionException.class, () -> c.convert(bad), bad);
    }
  }
}
