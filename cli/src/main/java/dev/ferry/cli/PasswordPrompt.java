package dev.ferry.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

/**
 * Asks for a password when {@code --password} is given without a value: on the terminal with echo
 * off, else (stdin piped, nobody to prompt) one line read silently from stdin. The prompt never
 * goes to stdout, which may carry {@code --json} output; picocli's own interactive options print it
 * there.
 */
final class PasswordPrompt {
  private static final String PROMPT = "LDM password: ";

  private PasswordPrompt() {}

  static char[] ask() {
    Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword(PROMPT);
      return typed == null ? new char[0] : typed;
    }
    try {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
      String line = in.readLine();
      return line == null ? new char[0] : line.toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
