package dev.ferry.scheduler;

/**
 * LiveData Migrator could not be reached, refused the request, or answered with something that is
 * not a list of migrations. Raised before anything is started.
 */
public class LdmServiceException extends RuntimeException {
  public LdmServiceException(String message) {
    super(message);
  }

  public LdmServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
