package dev.ferry.cli;

/** A bad flag, environment variable or config value, found after picocli's own parsing. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
