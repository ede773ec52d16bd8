package dev.ferry.scheduler;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Source paths in the order they should start. One path per line; trailing blanks and CR are
 * stripped (leading blanks are part of the path, as in the original script); blank lines and lines
 * starting with {@code #} are ignored; a path listed twice keeps its first position.
 */
public final class PriorityList {
  private static final PriorityList EMPTY = new PriorityList(List.of());

  private final List<String> paths;
  private final Map<String, Integer> positions = new HashMap<>();

  private PriorityList(List<String> paths) {
    this.paths = List.copyOf(paths);
    for (int i = 0; i < this.paths.size(); i++) {
      positions.putIfAbsent(this.paths.get(i), i);
    }
  }

  public static PriorityList empty() {
    return EMPTY;
  }

  /** Parses the lines of a priority list. */
  public static PriorityList parse(List<String> lines) {
    List<String> paths = new ArrayList<>();
    for (String line : lines) {
      String path = line.stripTrailing();
      if (!path.isEmpty() && !path.startsWith("#")) {
        paths.add(path);
      }
    }
    return new PriorityList(paths);
  }

  /** Reads a priority list file (UTF-8); a missing or unreadable file is a config error. */
  public static PriorityList read(Path file) {
    if (Files.isDirectory(file)) {
      throw new SchedulerConfigException("priority list " + file + " is a directory");
    }
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new SchedulerConfigException("priority list " + file + " does not exist", e);
    } catch (MalformedInputException e) {
      throw new SchedulerConfigException("priority list " + file + " is not UTF-8 text", e);
    } catch (IOException e) {
      throw new SchedulerConfigException(
          "cannot read priority list " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /** The 0-based position of the first line equal to {@code path}, if listed. */
  public OptionalInt position(String path) {
    Integer p = path == null ? null : positions.get(path);
    return p == null ? OptionalInt.empty() : OptionalInt.of(p);
  }

  public List<String> paths() {
    return paths;
  }

  public int size() {
    return paths.size();
  }
}
