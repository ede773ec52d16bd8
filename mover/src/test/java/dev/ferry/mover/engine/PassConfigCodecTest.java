package dev.ferry.mover.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.task.Pass;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PassConfigCodecTest {
  private final PassConfigCodec codec = new PassConfigCodec();

  @Test
  void aConfigRoundTripsIncludingRawBytePaths() {
    Runs r = Runs.of(RawPaths.path(new byte[] {'/', 's', (byte) 0xff}), Path.of("/t"));
    r.passes = java.util.List.of(Pass.COPY, Pass.DELETE, Pass.DIRTIMES);
    r.dryRun = true;
    r.skipAtimeOlder = Duration.ofDays(90);
    r.excludes.add("*.tmp");
    r.preserve = EnumSet.of(Preserve.MODE, Preserve.TIMES);
    PassConfig c = r.config();
    assertEquals(c, codec.decode(codec.encode(c)));
  }

  @Test
  void invalidValuesAreRefused() {
    byte[] bad =
        new String(codec.encode(Runs.of(Path.of("/s"), Path.of("/t")).config()))
            .replace("\"threads\":3", "\"threads\":0")
            .getBytes();
    assertThrows(IllegalArgumentException.class, () -> codec.decode(bad));
    assertThrows(IllegalArgumentException.class, () -> codec.decode("{}".getBytes()));
  }
}
