package dev.ferry.cli;

import dev.ferry.scheduler.Secret;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the LDM password comes from: {@code --password} (value or prompt) or {@code
 * --password-file}, else {@code FERRY_LDM_PASSWORD}, else {@code [ldm] password-file}. Error
 * messages name the source, never the password.
 */
final class PasswordSource {
  static final String ENV = "FERRY_LDM_PASSWORD";

  private PasswordSource() {}

  /**
   * @param prompt asks the user, for a bare {@code --password}
   */
  static Optional<Secret> resolve(
      char[] flag, Path fileFlag, Settings settings, Supplier<char[]> prompt) {
    if (flag != null && fileFlag != null) {
      throw new UsageException("give either --password or --password-file, not both");
    }
    if (flag != null) {
      char[] password =
          Arrays.equals(flag, ScheduleCommand.ASK.toCharArray()) ? prompt.get() : flag;
      if (password.length == 0) {
        throw new UsageException("no password was entered for --password");
      }
      Secret s = Secret.of(password);
      Arrays.fill(password, '\0');
      Arrays.fill(flag, '\0');
      return Optional.of(s);
    }
    if (fileFlag != null) {
      return Optional.of(read(fileFlag, "--password-file"));
    }
    Optional<String> env = settings.env(ENV);
    if (env.isPresent()) {
      return env.map(Secret::of);
    }
    return settings
        .resolve(null, null, "ldm.password-file", Path::of)
        .map(f -> read(f, "[ldm] password-file"));
  }

  /** The first line of the file, without its line ending. */
  static Secret read(Path file, String where) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageException(where + " " + file + " does not exist", e);
    } catch (MalformedInputException e) {
      throw new UsageException(where + " " + file + " is not UTF-8 text", e);
    } catch (IOException e) {
      throw new UsageException(
          "cannot read " + where + " " + file + ": " + e.getClass().getSimpleName(), e);
    }
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty()) {
      throw new UsageException(where + " " + file + " is empty");
    }
    return Secret.of(line);
  }
}
